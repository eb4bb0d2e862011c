#pragma once
// AlarmStore over the `alarms` column family: key = fingerprint, value = AlarmRecordCodec JSON.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/alarm_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace alarmgate {

class RocksDbAlarmStore final : public AlarmStore {
 public:
  // Borrows `db` and `cf`; RocksDbStore owns both and outlives this.
  RocksDbAlarmStore(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) override;
  Result<std::vector<AlarmRecord>> List(const AlarmQuery& query) override;
  Result<std::vector<std::string>> ListResolvedBefore(int64_t cutoff_ms, size_t limit) override;
  Status ForEach(const std::function<void(const AlarmRecord&)>& fn) override;

 private:
  // Decodes records in fingerprint order, starting after `after` ("" = from the first), until
  // `visit` returns false.
  Status Scan(std::string_view after, const std::function<bool(AlarmRecord&&)>& visit);

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace alarmgate
