#pragma once
// AlarmStore over the `alarms` column family: key = fingerprint, value = AlarmRecordCodec JSON.
// Also stages the alarm part of a commit.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/alarm_store.h"
#include "storage/change_set.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alarmgate {

class ColumnFamilies;

class RocksDbAlarmStore final : public AlarmStore {
 public:
  // Borrows `db` and its families; RocksDbStore owns them and outlives this.
  RocksDbAlarmStore(rocksdb::DB* db, const ColumnFamilies& families);

  Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) override;
  Result<std::vector<AlarmRecord>> List(const AlarmQuery& query) override;
  Result<std::vector<std::string>> ListResolvedBefore(int64_t cutoff_ms, size_t limit) override;
  Status ForEach(const std::function<void(const AlarmRecord&)>& fn) override;

  // Adds the alarms of `changes` (puts and deletes) to `batch`.
  Status Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch);

 private:
  // Decodes records in fingerprint order, starting after `after` ("" = from the first), until
  // `visit` returns false.
  Status Scan(std::string_view after, const std::function<bool(AlarmRecord&&)>& visit);

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace alarmgate
