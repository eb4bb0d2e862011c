// Transaction reads: the job's own staged writes, then the group's, then the store, so that jobs
// decided one after another on the writer thread see each other before the batch is on disk.

#include "storage/transaction.h"

#include <algorithm>

#include "incidents/incident_lifecycle.h"
#include "incidents/incident_number.h"

namespace alarmgate {

Result<std::optional<AlarmRecord>> Transaction::GetAlarm(std::string_view fingerprint) {
  // ChangeSet's map has no heterogeneous lookup; one key copy per read is cheap next to a Get.
  const std::string key(fingerprint);
  if (auto it = changes_.alarms().find(key); it != changes_.alarms().end()) return it->second;
  if (auto it = staged_.alarms().find(key); it != staged_.alarms().end()) return it->second;
  return store_.alarms().Get(fingerprint);
}

Result<std::optional<Incident>> Transaction::GetIncident(std::string_view incident_num) {
  const std::string key(incident_num);
  if (auto it = changes_.incidents().find(key); it != changes_.incidents().end()) {
    return std::optional<Incident>(it->second);
  }
  if (auto it = staged_.incidents().find(key); it != staged_.incidents().end()) {
    return std::optional<Incident>(it->second);
  }
  return store_.incidents().Get(incident_num);
}

Result<std::optional<std::string>> Transaction::FindOpenIncidentByGroup(
    std::string_view group_key) {
  // Incidents without a group (API-created) are nobody's open incident, as in the store.
  if (group_key.empty()) return std::optional<std::string>();
  // The latest staged version of an incident: this job's, else the group's.
  auto staged_version = [&](const std::string& num) -> const Incident* {
    if (auto it = changes_.incidents().find(num); it != changes_.incidents().end()) {
      return &it->second;
    }
    if (auto it = staged_.incidents().find(num); it != staged_.incidents().end()) {
      return &it->second;
    }
    return nullptr;
  };
  auto is_open_in_group = [&](const Incident& i) {
    return i.group_key == group_key && IsOpen(i.status);
  };
  // An incident staged open in the group is its open one (the newest if, against the rule
  // engine's design, there are several).
  std::optional<std::string> found;
  for (const ChangeSet* set : {static_cast<const ChangeSet*>(&changes_), &staged_}) {
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
                   store_.incidents().FindOpenByGroup(group_key));
  if (stored && staged_version(*stored) != nullptr) return std::optional<std::string>();
  return stored;
}

Result<uint64_t> Transaction::AllocateIncidentSequence() {
  ASSIGN_OR_RETURN(uint64_t last, store_.incidents().LastSequence());
  last = std::max(
      {last, staged_.incident_sequence().value_or(0), changes_.incident_sequence().value_or(0)});
  if (last >= kMaxIncidentSequence) {
    return Status::ResourceExhausted("incident sequence exhausted: " + std::to_string(last) +
                                     " is the last number incident numbers can hold");
  }
  changes_.SetIncidentSequence(last + 1);
  return last + 1;
}

Result<std::optional<GroupState>> Transaction::GetGroup(std::string_view key) {
  const std::string k(key);
  if (auto it = changes_.groups().find(k); it != changes_.groups().end()) return it->second;
  if (auto it = staged_.groups().find(k); it != staged_.groups().end()) return it->second;
  return store_.groups().Get(key);
}

Result<std::optional<AlarmStatus>> Transaction::GetGroupMember(const std::string& group_key,
                                                               const std::string& fingerprint) {
  const ChangeSet::GroupMemberKey k(group_key, fingerprint);
  // Within one change set a member put after the group's deletion is kept, one put before it is
  // erased: so a put wins, else a deletion means "not a member".
  for (const ChangeSet* set : {static_cast<const ChangeSet*>(&changes_), &staged_}) {
    if (auto it = set->group_members().find(k); it != set->group_members().end()) {
      return std::optional<AlarmStatus>(it->second);
    }
    if (set->member_groups_deleted().contains(group_key)) return std::optional<AlarmStatus>();
  }
  return store_.groups().GetMember(group_key, fingerprint);
}

Result<std::string> Transaction::AllocateSilenceId() {
  ASSIGN_OR_RETURN(uint64_t last, store_.silences().LastSequence());
  last = std::max(
      {last, staged_.silence_sequence().value_or(0), changes_.silence_sequence().value_or(0)});
  if (last >= kMaxSilenceSequence) {
    return Status::ResourceExhausted("silence sequence exhausted: " + std::to_string(last) +
                                     " is the last number silence ids can hold");
  }
  changes_.SetSilenceSequence(last + 1);
  return FormatSilenceId(last + 1);
}

}  // namespace alarmgate
