#pragma once
// The IncidentStore contract over std::maps, for MemoryStore: same ordering, filtering, group and
// sequence semantics as RocksDbIncidentStore, without the indexes.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/change_set.h"
#include "storage/incident_store.h"

namespace alarmgate {

class MemoryIncidentStore final : public IncidentStore {
 public:
  // Shares the owning MemoryStore's mutex, so that a commit is seen whole by readers.
  explicit MemoryIncidentStore(std::mutex& mu) : mu_(mu) {}

  Result<std::optional<Incident>> Get(std::string_view incident_num) override;
  Result<std::vector<Incident>> List(const IncidentQuery& query) override;
  Result<std::vector<TimelineEntry>> Timeline(std::string_view incident_num) override;
  Result<std::optional<std::string>> FindOpenByGroup(std::string_view group_key) override;
  Result<uint64_t> LastSequence() override;
  Status ForEachWithStatus(IncidentStatus status,
                           const std::function<void(const Incident&)>& fn) override;

  // Applies the incident part of `changes`. The caller holds the shared mutex.
  void ApplyLocked(const ChangeSet& changes);
  // Rough size of what is held, for ApproximateBytes. The caller holds the shared mutex.
  uint64_t ApproximateBytesLocked() const;

 private:
  std::mutex& mu_;
  std::map<std::string, Incident, std::less<>> incidents_;
  std::map<std::string, std::vector<TimelineEntry>, std::less<>> timeline_;
  std::map<std::string, std::string, std::less<>> groups_;  // group_key → open incident_num
  uint64_t sequence_ = 0;
};

}  // namespace alarmgate
