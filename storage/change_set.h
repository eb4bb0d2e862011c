#pragma once
// The domain-level content of one atomic write: what to put and delete. Stores translate it into
// their own batch (RocksDB: one WriteBatch). Later aggregates (incidents, orders) add their maps.

#include <map>
#include <optional>
#include <string>

#include "alarms/alarm_record.h"

namespace alarmgate {

class ChangeSet {
 public:
  void PutAlarm(AlarmRecord record) {
    std::string key = record.fingerprint;
    alarms_[std::move(key)] = std::move(record);
  }
  void DeleteAlarm(const std::string& fingerprint) { alarms_[fingerprint] = std::nullopt; }

  // nullopt value = delete.
  const std::map<std::string, std::optional<AlarmRecord>>& alarms() const { return alarms_; }

  // Applies `other` on top of this one (later writes win).
  void Merge(ChangeSet&& other) {
    for (auto& [k, v] : other.alarms_) alarms_[k] = std::move(v);
  }
  bool empty() const { return alarms_.empty(); }
  void clear() { alarms_.clear(); }

 private:
  std::map<std::string, std::optional<AlarmRecord>> alarms_;
};

}  // namespace alarmgate
