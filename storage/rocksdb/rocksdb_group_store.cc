// RocksDbGroupStore: point reads and a full scan of the `groups` column family, point reads of
// `group_members`.

#include "storage/rocksdb/rocksdb_group_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <utility>

#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/group_state_codec.h"
#include "storage/rocksdb/rocksdb_status.h"

namespace alarmgate {
namespace {

std::string MemberKey(std::string_view group_key, std::string_view fingerprint) {
  std::string key;
  key.reserve(group_key.size() + 1 + fingerprint.size());
  key.append(group_key);
  key.push_back('\0');
  key.append(fingerprint);
  return key;
}

}  // namespace

RocksDbGroupStore::RocksDbGroupStore(rocksdb::DB* db, const ColumnFamilies& families)
    : db_(db), cf_(families.Get("groups")), members_cf_(families.Get("group_members")) {}

Result<std::optional<GroupState>> RocksDbGroupStore::Get(std::string_view key) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf_, rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<GroupState>();
  if (!s.ok()) return FromRocksDb(s, "read rule group " + std::string(key));
  ASSIGN_OR_RETURN(GroupState state, GroupStateCodec::Decode(key, value.ToStringView()));
  return std::optional<GroupState>(std::move(state));
}

Result<std::optional<AlarmStatus>> RocksDbGroupStore::GetMember(std::string_view group_key,
                                                                std::string_view fingerprint) {
  const std::string key = MemberKey(group_key, fingerprint);
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), members_cf_, key, &value);
  if (s.IsNotFound()) return std::optional<AlarmStatus>();
  const std::string what =
      "rule group member " + std::string(fingerprint) + " of " + std::string(group_key);
  if (!s.ok()) return FromRocksDb(s, "read " + what);
  std::optional<AlarmStatus> status = ParseAlarmStatus(value.ToStringView());
  if (!status) {
    return Status::Internal("stored " + what + " has unknown status '" + value.ToString() + "'");
  }
  return status;
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

Status RocksDbGroupStore::Stage(const ChangeSet& change_set, rocksdb::WriteBatch& batch) {
  const GroupChanges& changes = change_set.Get<GroupChanges>();
  // Deleted groups' members first: the batch applies in order, so members put in the same change
  // set (after the deletion) survive it.
  for (const auto& key : changes.member_groups_deleted()) {
    std::string begin = key + '\0';
    std::string end = key + '\1';
    RETURN_IF_ERROR(FromRocksDb(batch.DeleteRange(members_cf_, begin, end),
                                "stage deleting the members of rule group " + key));
  }
  for (const auto& [k, status] : changes.members()) {
    RETURN_IF_ERROR(
        FromRocksDb(batch.Put(members_cf_, MemberKey(k.first, k.second), ToString(status)),
                    "stage rule group member " + k.second + " of " + k.first));
  }
  for (const auto& [key, state] : changes.groups()) {
    rocksdb::Status s =
        state ? batch.Put(cf_, key, GroupStateCodec::Encode(*state)) : batch.Delete(cf_, key);
    RETURN_IF_ERROR(FromRocksDb(s, "stage rule group " + key));
  }
  return Status::Ok();
}

}  // namespace alarmgate
