#pragma once
// The incident part of a ChangeSet: incidents to put (never deleted), timeline entries to append,
// and the incident sequence.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "incidents/incident.h"
#include "incidents/timeline_entry.h"
#include "storage/incident_store.h"

namespace alarmgate {

// An incident as staged, with the domain's verdict on it.
struct StagedIncident {
  Incident incident;
  // Whether someone still has to resolve it (incidents/incident_lifecycle.h IsOpen). The store
  // keeps each group's open incident from this, without knowing the lifecycle.
  bool open = false;
};

class IncidentChanges {
 public:
  using StoreInterface = IncidentStore;

  // The store keeps the incident's secondary indexes, and its group's open-incident entry as
  // `open` says, in step with the record itself.
  void Put(Incident incident, bool open) {
    std::string key = incident.incident_num;
    incidents_[std::move(key)] = StagedIncident{std::move(incident), open};
  }
  void AppendTimeline(std::string incident_num, TimelineEntry entry) {
    timeline_.emplace_back(std::move(incident_num), std::move(entry));
  }
  // The highest sequence allocated (Transaction::AllocateSequence); the store never moves back.
  void SetSequence(uint64_t sequence) { sequence_ = sequence; }

  const std::map<std::string, StagedIncident>& incidents() const { return incidents_; }
  const std::vector<std::pair<std::string, TimelineEntry>>& timeline() const { return timeline_; }
  std::optional<uint64_t> sequence() const { return sequence_; }

  // The staged version of `incident_num`, or nullptr when none is.
  const StagedIncident* Find(const std::string& incident_num) const {
    auto it = incidents_.find(incident_num);
    return it == incidents_.end() ? nullptr : &it->second;
  }

  // Applies `other` on top of these (later writes win; timeline entries accumulate).
  void Merge(IncidentChanges&& other) {
    for (auto& [k, v] : other.incidents_) incidents_[k] = std::move(v);
    for (auto& e : other.timeline_) timeline_.push_back(std::move(e));
    if (other.sequence_) sequence_ = other.sequence_;
  }
  bool empty() const { return incidents_.empty() && timeline_.empty() && !sequence_; }

 private:
  std::map<std::string, StagedIncident> incidents_;
  std::vector<std::pair<std::string, TimelineEntry>> timeline_;
  std::optional<uint64_t> sequence_;
};

}  // namespace alarmgate
