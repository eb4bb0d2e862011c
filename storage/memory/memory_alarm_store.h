#pragma once
// The AlarmStore contract over a std::map, for MemoryStore.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/alarm_store.h"
#include "storage/change_set.h"

namespace alarmgate {

class MemoryAlarmStore final : public AlarmStore {
 public:
  // Shares the owning MemoryStore's mutex, so that a commit is seen whole by readers.
  explicit MemoryAlarmStore(std::mutex& mu) : mu_(mu) {}

  Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) override;
  Result<std::vector<AlarmRecord>> List(const AlarmQuery& query) override;
  Result<std::vector<std::string>> ListResolvedBefore(int64_t cutoff_ms, size_t limit) override;
  Status ForEach(const std::function<void(const AlarmRecord&)>& fn) override;

  // Applies the alarm part of `changes`. The caller holds the shared mutex.
  void ApplyLocked(const ChangeSet& changes);
  // Rough size of what is held, for ApproximateBytes. The caller holds the shared mutex.
  uint64_t ApproximateBytesLocked() const;

 private:
  std::mutex& mu_;
  std::map<std::string, AlarmRecord, std::less<>> alarms_;
};

}  // namespace alarmgate
