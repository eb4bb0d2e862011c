#pragma once
// One job's view inside a group commit: reads see what earlier jobs of the same group staged, so
// decisions taken one after another on the writer thread see each other before the batch is on
// disk; writes are staged in the job's own ChangeSet and merged only if the job succeeds.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "storage/change_set.h"
#include "storage/store.h"

namespace alarmgate {

class Transaction {
 public:
  Transaction(Store& store, const ChangeSet& staged) : store_(store), staged_(staged) {}

  Result<std::optional<AlarmRecord>> GetAlarm(std::string_view fingerprint);
  void PutAlarm(AlarmRecord record) { changes_.PutAlarm(std::move(record)); }
  void DeleteAlarm(const std::string& fingerprint) { changes_.DeleteAlarm(fingerprint); }

  Result<std::optional<Incident>> GetIncident(std::string_view incident_num);
  // The open incident of a rule group, seeing incidents staged in this group commit.
  Result<std::optional<std::string>> FindOpenIncidentByGroup(std::string_view group_key);
  // Reserves the next incident sequence number (staged: committed with the rest or not at all).
  Result<uint64_t> AllocateIncidentSequence();
  void PutIncident(Incident incident) { changes_.PutIncident(std::move(incident)); }
  void AppendTimeline(std::string incident_num, TimelineEntry entry) {
    changes_.AppendTimeline(std::move(incident_num), std::move(entry));
  }

  // A rule group's state, seeing groups staged in this group commit.
  Result<std::optional<GroupState>> GetGroup(std::string_view key);
  void PutGroup(GroupState state) { changes_.PutGroup(std::move(state)); }
  // Also deletes the group's members.
  void DeleteGroup(const std::string& key) { changes_.DeleteGroup(key); }
  // A group member's last status (nullopt: not a member), seeing members staged in this commit.
  Result<std::optional<AlarmStatus>> GetGroupMember(const std::string& group_key,
                                                    const std::string& fingerprint);
  void PutGroupMember(const std::string& group_key, const std::string& fingerprint,
                      AlarmStatus status) {
    changes_.PutGroupMember(group_key, fingerprint, status);
  }

  // Reserves the next API silence id ("S000000000001", …; staged like the incident sequence).
  Result<std::string> AllocateSilenceId();
  void PutSilence(Silence silence) { changes_.PutSilence(std::move(silence)); }
  void DeleteSilence(const std::string& id) { changes_.DeleteSilence(id); }

  ChangeSet& changes() { return changes_; }

 private:
  Store& store_;
  const ChangeSet& staged_;
  ChangeSet changes_;
};

}  // namespace alarmgate
