#pragma once
// GroupStore over the `groups` column family: key = group key, value = GroupStateCodec JSON. Also
// stages the group part of a commit.

#include <functional>
#include <optional>
#include <string_view>

#include "storage/change_set.h"
#include "storage/group_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alarmgate {

class RocksDbGroupStore final : public GroupStore {
 public:
  // Borrows `db` and `cf`; RocksDbStore owns both and outlives this.
  RocksDbGroupStore(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  Result<std::optional<GroupState>> Get(std::string_view key) override;
  Status ForEach(const std::function<void(const GroupState&)>& fn) override;

  // Adds the groups of `changes` (puts and deletes) to `batch`.
  Status Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch);

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace alarmgate
