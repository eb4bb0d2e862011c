#pragma once
// The domain-level content of one atomic write: what to put and delete. Stores translate it into
// their own batch (RocksDB: one WriteBatch). Later aggregates (incidents, orders) add their maps.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alarms/alarm_record.h"
#include "incidents/incident.h"
#include "incidents/timeline_entry.h"
#include "rules/group_state.h"
#include "rules/rule.h"

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

  // Rule groups, keyed by GroupState::key.
  void PutGroup(GroupState state) {
    std::string key = state.key;
    groups_[std::move(key)] = std::move(state);
  }
  void DeleteGroup(const std::string& key) { groups_[key] = std::nullopt; }

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
  const std::map<std::string, std::optional<Silence>>& silences() const { return silences_; }
  std::optional<uint64_t> silence_sequence() const { return silence_sequence_; }

  // Applies `other` on top of this one (later writes win; timeline entries accumulate).
  void Merge(ChangeSet&& other) {
    for (auto& [k, v] : other.alarms_) alarms_[k] = std::move(v);
    for (auto& [k, v] : other.incidents_) incidents_[k] = std::move(v);
    for (auto& e : other.timeline_) timeline_.push_back(std::move(e));
    if (other.incident_sequence_) incident_sequence_ = other.incident_sequence_;
    for (auto& [k, v] : other.groups_) groups_[k] = std::move(v);
    for (auto& [k, v] : other.silences_) silences_[k] = std::move(v);
    if (other.silence_sequence_) silence_sequence_ = other.silence_sequence_;
  }
  bool empty() const {
    return alarms_.empty() && incidents_.empty() && timeline_.empty() && !incident_sequence_ &&
           groups_.empty() && silences_.empty() && !silence_sequence_;
  }
  void clear() { *this = ChangeSet(); }

 private:
  std::map<std::string, std::optional<AlarmRecord>> alarms_;
  std::map<std::string, Incident> incidents_;
  std::vector<std::pair<std::string, TimelineEntry>> timeline_;
  std::optional<uint64_t> incident_sequence_;
  std::map<std::string, std::optional<GroupState>> groups_;
  std::map<std::string, std::optional<Silence>> silences_;
  std::optional<uint64_t> silence_sequence_;
};

}  // namespace alarmgate
