// IncidentView: the job's staged incidents, then the group commit's, then the store — also for
// the open incident of a group, which staged incidents can claim or release.

#include "storage/incident_view.h"

namespace alarmgate {

Result<std::optional<Incident>> IncidentView::Get(std::string_view incident_num) const {
  const std::string key(incident_num);
  if (const StagedIncident* staged =
          txn_.FindStaged<IncidentChanges>([&](const IncidentChanges& c) { return c.Find(key); })) {
    return std::optional<Incident>(staged->incident);
  }
  return txn_.store().Get<IncidentStore>().Get(incident_num);
}

Result<std::optional<std::string>> IncidentView::FindOpenByGroup(std::string_view group_key) const {
  // Incidents without a group (API-created) are nobody's open incident, as in the store.
  if (group_key.empty()) return std::optional<std::string>();
  // The latest staged version of an incident: this job's, else the group's.
  auto staged_version = [&](const std::string& num) {
    return txn_.FindStaged<IncidentChanges>([&](const IncidentChanges& c) { return c.Find(num); });
  };
  auto is_open_in_group = [&](const StagedIncident& i) {
    return i.incident.group_key == group_key && i.open;
  };
  // An incident staged open in the group is its open one (the newest if, against the rule
  // engine's design, there are several).
  std::optional<std::string> found;
  for (const IncidentChanges* set : txn_.StagedNewestFirst<IncidentChanges>()) {
    for (const auto& [num, incident] : set->incidents()) {
      if (staged_version(num) == &incident && is_open_in_group(incident) &&
          (!found || num > *found)) {
        found = num;
      }
    }
  }
  if (found) return found;
  // The store's answer stands unless this commit changed that incident: then it has just been
  // closed (or moved), since it was not found open above.
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   txn_.store().Get<IncidentStore>().FindOpenByGroup(group_key));
  if (stored && staged_version(*stored) != nullptr) return std::optional<std::string>();
  return stored;
}

Result<uint64_t> IncidentView::AllocateSequence() {
  ASSIGN_OR_RETURN(uint64_t stored, txn_.store().Get<IncidentStore>().LastSequence());
  return txn_.AllocateSequence<IncidentChanges>(stored);
}

}  // namespace alarmgate
