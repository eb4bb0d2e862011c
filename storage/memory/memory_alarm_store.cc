// MemoryAlarmStore: a map in place of the `alarms` column family, in the same key order.

#include "storage/memory/memory_alarm_store.h"

#include <utility>

namespace alarmgate {

Result<std::optional<AlarmRecord>> MemoryAlarmStore::Get(std::string_view fingerprint) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = alarms_.find(fingerprint);
  if (it == alarms_.end()) return std::optional<AlarmRecord>();
  return std::optional<AlarmRecord>(it->second);
}

Result<std::vector<AlarmRecord>> MemoryAlarmStore::List(const AlarmQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<AlarmRecord> out;
  auto it = query.marker.empty() ? alarms_.begin() : alarms_.upper_bound(query.marker);
  for (; it != alarms_.end() && out.size() < query.limit; ++it) {
    const AlarmRecord& r = it->second;
    if (query.status && r.status != *query.status) continue;
    if (query.integration && r.integration != *query.integration) continue;
    out.push_back(r);
  }
  return out;
}

Result<std::vector<std::string>> MemoryAlarmStore::ListResolvedBefore(int64_t cutoff_ms,
                                                                      size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (auto it = alarms_.begin(); it != alarms_.end() && out.size() < limit; ++it) {
    if (it->second.status == AlarmStatus::kOk && it->second.last_seen_ms < cutoff_ms) {
      out.push_back(it->first);
    }
  }
  return out;
}

Status MemoryAlarmStore::ForEach(const std::function<void(const AlarmRecord&)>& fn) {
  // Copy first: `fn` may call back into the store.
  std::vector<AlarmRecord> snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot.reserve(alarms_.size());
    for (const auto& [key, r] : alarms_) snapshot.push_back(r);
  }
  for (const AlarmRecord& r : snapshot) fn(r);
  return Status::Ok();
}

void MemoryAlarmStore::ApplyLocked(const ChangeSet& changes) {
  for (const auto& [key, record] : changes.Get<AlarmChanges>().records()) {
    if (record) {
      alarms_.insert_or_assign(key, *record);
    } else {
      alarms_.erase(key);
    }
  }
}

uint64_t MemoryAlarmStore::ApproximateBytesLocked() const {
  uint64_t bytes = 0;
  for (const auto& [key, r] : alarms_) {
    bytes += key.size() + sizeof(AlarmRecord) + r.integration.size() + r.alarm_id.size() +
             r.last_event_json.size() + r.last_decision_json.size();
  }
  return bytes;
}

}  // namespace alarmgate
