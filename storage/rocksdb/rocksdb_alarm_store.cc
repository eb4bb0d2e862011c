// RocksDbAlarmStore: point reads and ordered scans of the `alarms` column family, and its writes.

#include "storage/rocksdb/rocksdb_alarm_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <utility>

#include "storage/rocksdb/alarm_record_codec.h"
#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/rocksdb_status.h"

namespace alarmgate {

RocksDbAlarmStore::RocksDbAlarmStore(rocksdb::DB* db, const ColumnFamilies& families)
    : db_(db), cf_(families.Get("alarms")) {}

Result<std::optional<AlarmRecord>> RocksDbAlarmStore::Get(std::string_view fingerprint) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_,
                               rocksdb::Slice(fingerprint.data(), fingerprint.size()), &value);
  if (s.IsNotFound()) return std::optional<AlarmRecord>();
  if (!s.ok()) return FromRocksDb(s, "read alarm " + std::string(fingerprint));
  ASSIGN_OR_RETURN(AlarmRecord record, AlarmRecordCodec::Decode(fingerprint, value.ToStringView()));
  return std::optional<AlarmRecord>(std::move(record));
}

Status RocksDbAlarmStore::Scan(std::string_view after,
                               const std::function<bool(AlarmRecord&&)>& visit) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_));
  if (after.empty()) {
    it->SeekToFirst();
  } else {
    const rocksdb::Slice marker(after.data(), after.size());
    it->Seek(marker);
    if (it->Valid() && it->key() == marker) it->Next();
  }
  for (; it->Valid(); it->Next()) {
    ASSIGN_OR_RETURN(AlarmRecord record, AlarmRecordCodec::Decode(it->key().ToStringView(),
                                                                  it->value().ToStringView()));
    if (!visit(std::move(record))) return Status::Ok();
  }
  return FromRocksDb(it->status(), "scan alarms");
}

Result<std::vector<AlarmRecord>> RocksDbAlarmStore::List(const AlarmQuery& query) {
  std::vector<AlarmRecord> out;
  if (query.limit == 0) return out;
  RETURN_IF_ERROR(Scan(query.marker, [&](AlarmRecord&& r) {
    if (query.status && r.status != *query.status) return true;
    if (query.integration && r.integration != *query.integration) return true;
    out.push_back(std::move(r));
    return out.size() < query.limit;
  }));
  return out;
}

Result<std::vector<std::string>> RocksDbAlarmStore::ListResolvedBefore(int64_t cutoff_ms,
                                                                       size_t limit) {
  std::vector<std::string> out;
  if (limit == 0) return out;
  RETURN_IF_ERROR(Scan("", [&](AlarmRecord&& r) {
    if (r.status == AlarmStatus::kOk && r.last_seen_ms < cutoff_ms) {
      out.push_back(std::move(r.fingerprint));
    }
    return out.size() < limit;
  }));
  return out;
}

Status RocksDbAlarmStore::ForEach(const std::function<void(const AlarmRecord&)>& fn) {
  return Scan("", [&](AlarmRecord&& r) {
    fn(r);
    return true;
  });
}

Status RocksDbAlarmStore::Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch) {
  for (const auto& [fingerprint, record] : changes.Get<AlarmChanges>().records()) {
    rocksdb::Status s = record ? batch.Put(cf_, fingerprint, AlarmRecordCodec::Encode(*record))
                               : batch.Delete(cf_, fingerprint);
    RETURN_IF_ERROR(FromRocksDb(s, "stage write"));
  }
  return Status::Ok();
}

}  // namespace alarmgate
