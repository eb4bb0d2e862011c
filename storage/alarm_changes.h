#pragma once
// The alarm part of a ChangeSet: records to put or delete, keyed by fingerprint.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "alarms/alarm_record.h"
#include "storage/alarm_store.h"

namespace alarmgate {

class AlarmChanges {
 public:
  // Where committed alarms are read back (Store::Get<AlarmChanges::StoreInterface>()).
  using StoreInterface = AlarmStore;

  void Put(AlarmRecord record) {
    std::string key = record.fingerprint;
    records_[std::move(key)] = std::move(record);
  }
  void Delete(const std::string& fingerprint) { records_[fingerprint] = std::nullopt; }

  // nullopt value = delete.
  const std::map<std::string, std::optional<AlarmRecord>>& records() const { return records_; }
  // The staged version of `fingerprint` (nullopt inside: deleted), or nullptr when none is.
  const std::optional<AlarmRecord>* Find(const std::string& fingerprint) const {
    auto it = records_.find(fingerprint);
    return it == records_.end() ? nullptr : &it->second;
  }

  // Applies `other` on top of these (later writes win).
  void Merge(AlarmChanges&& other) {
    for (auto& [k, v] : other.records_) records_[k] = std::move(v);
  }
  bool empty() const { return records_.empty(); }

 private:
  std::map<std::string, std::optional<AlarmRecord>> records_;
};

}  // namespace alarmgate
