// RocksDbGroupStore: point reads and a full scan of the `groups` column family.

#include "storage/rocksdb/rocksdb_group_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <utility>

#include "storage/rocksdb/group_state_codec.h"
#include "storage/rocksdb/rocksdb_status.h"

namespace alarmgate {

Result<std::optional<GroupState>> RocksDbGroupStore::Get(std::string_view key) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf_, rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<GroupState>();
  if (!s.ok()) return FromRocksDb(s, "read rule group " + std::string(key));
  ASSIGN_OR_RETURN(GroupState state, GroupStateCodec::Decode(key, value.ToStringView()));
  return std::optional<GroupState>(std::move(state));
}

Status RocksDbGroupStore::ForEach(const std::function<void(const GroupState&)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ASSIGN_OR_RETURN(GroupState state,
                     GroupStateCodec::Decode(it->key().ToStringView(), it->value().ToStringView()));
    fn(state);
  }
  return FromRocksDb(it->status(), "scan rule groups");
}

Status RocksDbGroupStore::Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch) {
  for (const auto& [key, state] : changes.groups()) {
    rocksdb::Status s =
        state ? batch.Put(cf_, key, GroupStateCodec::Encode(*state)) : batch.Delete(cf_, key);
    RETURN_IF_ERROR(FromRocksDb(s, "stage rule group " + key));
  }
  return Status::Ok();
}

}  // namespace alarmgate
