#pragma once
// The domain-level content of one atomic write: what to put and delete. Stores translate it into
// their own batch (RocksDB: one WriteBatch). Later aggregates (incidents, orders) add their maps.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alarms/alarm_record.h"
#include "incidents/incident.h"
#include "incidents/timeline_entry.h"
#include "rules/group_state.h"
#include "rules/rule.h"
#include "rules/silence.h"

namespace alarmgate {

class ChangeSet {
 public:
  void PutAlarm(AlarmRecord record) {
    std::string key = record.fingerprint;
    alarms_[std::move(key)] = std::move(record);
  }
  void DeleteAlarm(const std::string& fingerprint) { alarms_[fingerprint] = std::nullopt; }

  // The store keeps the incident's secondary indexes and its group's open-incident entry in
  // step with the record itself.
  void PutIncident(Incident incident) {
    std::string key = incident.incident_num;
    incidents_[std::move(key)] = std::move(incident);
  }
  void AppendTimeline(std::string incident_num, TimelineEntry entry) {
    timeline_.emplace_back(std::move(incident_num), std::move(entry));
  }
  void SetIncidentSequence(uint64_t sequence) { incident_sequence_ = sequence; }

  // Rule groups, keyed by GroupState::key. Deleting a group deletes its members too (those
  // stored, and those put earlier in this change set), so a group re-created under the same key
  // starts with none: its counters and its members stay in step.
  void PutGroup(GroupState state) {
    std::string key = state.key;
    groups_[std::move(key)] = std::move(state);
  }
  void DeleteGroup(const std::string& key) {
    groups_[key] = std::nullopt;
    EraseMembersOf(key);
    member_groups_deleted_.insert(key);
  }

  // A rule group member's status, keyed by (group key, fingerprint). Kept apart from the group's
  // state so that a transition writes one small value whatever the group's size.
  using GroupMemberKey = std::pair<std::string, std::string>;
  void PutGroupMember(const std::string& group_key, const std::string& fingerprint,
                      AlarmStatus status) {
    group_members_[GroupMemberKey(group_key, fingerprint)] = status;
  }

  // Silences created through the API, keyed by Silence::id.
  void PutSilence(Silence silence) {
    std::string id = silence.id;
    silences_[std::move(id)] = std::move(silence);
  }
  void DeleteSilence(const std::string& id) { silences_[id] = std::nullopt; }
  void SetSilenceSequence(uint64_t sequence) { silence_sequence_ = sequence; }

  // nullopt value = delete.
  const std::map<std::string, std::optional<AlarmRecord>>& alarms() const { return alarms_; }
  const std::map<std::string, Incident>& incidents() const { return incidents_; }
  const std::vector<std::pair<std::string, TimelineEntry>>& timeline() const { return timeline_; }
  std::optional<uint64_t> incident_sequence() const { return incident_sequence_; }
  const std::map<std::string, std::optional<GroupState>>& groups() const { return groups_; }
  const std::map<GroupMemberKey, AlarmStatus>& group_members() const { return group_members_; }
  // Groups whose stored members are deleted before group_members() are written.
  const std::set<std::string>& member_groups_deleted() const { return member_groups_deleted_; }
  const std::map<std::string, std::optional<Silence>>& silences() const { return silences_; }
  std::optional<uint64_t> silence_sequence() const { return silence_sequence_; }

  // Applies `other` on top of this one (later writes win; timeline entries accumulate).
  void Merge(ChangeSet&& other) {
    for (auto& [k, v] : other.alarms_) alarms_[k] = std::move(v);
    for (auto& [k, v] : other.incidents_) incidents_[k] = std::move(v);
    for (auto& e : other.timeline_) timeline_.push_back(std::move(e));
    if (other.incident_sequence_) incident_sequence_ = other.incident_sequence_;
    for (auto& [k, v] : other.groups_) groups_[k] = std::move(v);
    // `other` deleted these groups after everything staged here: their members here go too.
    for (const auto& k : other.member_groups_deleted_) {
      EraseMembersOf(k);
      member_groups_deleted_.insert(k);
    }
    for (auto& [k, v] : other.group_members_) group_members_[k] = v;
    for (auto& [k, v] : other.silences_) silences_[k] = std::move(v);
    if (other.silence_sequence_) silence_sequence_ = other.silence_sequence_;
  }
  bool empty() const {
    return alarms_.empty() && incidents_.empty() && timeline_.empty() && !incident_sequence_ &&
           groups_.empty() && group_members_.empty() && member_groups_deleted_.empty() &&
           silences_.empty() && !silence_sequence_;
  }
  void clear() { *this = ChangeSet(); }

 private:
  void EraseMembersOf(const std::string& group_key) {
    auto first = group_members_.lower_bound(GroupMemberKey(group_key, std::string()));
    auto last = first;
    while (last != group_members_.end() && last->first.first == group_key) ++last;
    group_members_.erase(first, last);
  }

  std::map<std::string, std::optional<AlarmRecord>> alarms_;
  std::map<std::string, Incident> incidents_;
  std::vector<std::pair<std::string, TimelineEntry>> timeline_;
  std::optional<uint64_t> incident_sequence_;
  std::map<std::string, std::optional<GroupState>> groups_;
  std::map<GroupMemberKey, AlarmStatus> group_members_;
  std::set<std::string> member_groups_deleted_;
  std::map<std::string, std::optional<Silence>> silences_;
  std::optional<uint64_t> silence_sequence_;
};

}  // namespace alarmgate
