#pragma once
// GroupStore over the `groups` column family (key = group key, value = GroupStateCodec JSON) and
// the `group_members` one (key = group key + '\0' + fingerprint, value = "alarm" or "ok"). Group
// keys are JSON text, which never holds a raw NUL, so a group's members are one key range. Also
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

class ColumnFamilies;

class RocksDbGroupStore final : public GroupStore {
 public:
  // Borrows `db` and its families; RocksDbStore owns them and outlives this.
  RocksDbGroupStore(rocksdb::DB* db, const ColumnFamilies& families);

  Result<std::optional<GroupState>> Get(std::string_view key) override;
  Result<std::optional<AlarmStatus>> GetMember(std::string_view group_key,
                                               std::string_view fingerprint) override;
  Status ForEach(const std::function<void(const GroupState&)>& fn) override;

  // Adds the groups and members of `changes` (puts and deletes) to `batch`.
  Status Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch);

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  rocksdb::ColumnFamilyHandle* members_cf_;
};

}  // namespace alarmgate
