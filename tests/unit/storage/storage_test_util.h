#pragma once
// Helpers shared by the storage tests: a self-deleting temp dir, record, incident and timeline
// construction, and field-by-field comparison.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>

#include "alarms/alarm_record.h"
#include "incidents/incident.h"
#include "incidents/incident_lifecycle.h"
#include "incidents/incident_number.h"
#include "incidents/timeline_entry.h"

namespace alarmgate::testing {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TEST_TMPDIR");
    std::string tmpl = std::string(base ? base : "/tmp") + "/alarmgate-storage-XXXXXX";
    char* made = ::mkdtemp(tmpl.data());
    path_ = made ? made : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline AlarmRecord MakeRecord(std::string fingerprint, std::string integration = "mon",
                              AlarmStatus status = AlarmStatus::kAlarm,
                              int64_t last_seen_ms = 1000) {
  AlarmRecord r;
  r.fingerprint = std::move(fingerprint);
  r.integration = std::move(integration);
  r.alarm_id = "id-" + r.fingerprint;
  r.status = status;
  r.level = AlarmLevel::kMajor;
  r.first_seen_ms = 500;
  r.last_seen_ms = last_seen_ms;
  r.count = 1;
  r.transition_time_ms = 400;
  r.last_event_time_ms = 450;
  r.last_transition_at_ms = 500;
  r.last_event_json = R"({"alarmId":"id-)" + r.fingerprint + R"("})";
  return r;
}

}  // namespace alarmgate::testing

namespace alarmgate::testing {

// AlarmRecord has no operator==; comparing ties also prints every field on failure.
inline auto Tie(const AlarmRecord& r) {
  return std::tie(r.fingerprint, r.integration, r.alarm_id, r.status, r.level, r.first_seen_ms,
                  r.last_seen_ms, r.count, r.transition_time_ms, r.last_event_time_ms,
                  r.last_transition_at_ms, r.last_event_json, r.incident_num, r.last_decision_json);
}

// Incident numbers as the service issues them: they sort by `sequence`.
inline std::string Num(uint64_t sequence) {
  return FormatIncidentNum(sequence, 1'711'120'506'000);  // 2024-03-22 15:15:06 UTC
}

inline Incident MakeIncident(std::string incident_num,
                             IncidentStatus status = IncidentStatus::kTriggered,
                             std::string group_key = "") {
  Incident i;
  i.incident_num = std::move(incident_num);
  i.status = status;
  i.level = IncidentLevel::kLevel30;
  i.source = IncidentSource::kAlarm;
  i.creator = "alarmgate";
  i.title = "title of " + i.incident_num;
  i.start_time_ms = 1000;
  i.create_time_ms = 1001;
  i.update_time_ms = 1002;
  i.group_key = std::move(group_key);
  if (!i.group_key.empty()) i.rule_name = "rule";
  return i;
}

// Stages `incident` in `target` (IncidentChanges, IncidentView) open as the lifecycle says, as the
// incident service does.
template <class Target>
void PutIncident(Target&& target, Incident incident) {
  const bool open = IsOpen(incident.status);
  target.Put(std::move(incident), open);
}

inline TimelineEntry MakeEntry(std::string action, int64_t time_ms = 1000) {
  TimelineEntry e;
  e.time_ms = time_ms;
  e.actor = "alarmgate";
  e.action = std::move(action);
  return e;
}

// Incident and TimelineEntry have no operator==; comparing ties also prints every field.
inline auto Tie(const Incident& i) {
  return std::tie(i.incident_num, i.region, i.enterprise_project, i.current_cloud_service, i.level,
                  i.type, i.source, i.status, i.is_service_interrupt, i.title, i.description,
                  i.assignee, i.assignee_scene, i.assignee_role, i.creator, i.warroom_id,
                  i.start_time_ms, i.create_time_ms, i.update_time_ms, i.handle_time_ms, i.mtm_type,
                  i.cause, i.solution, i.virtual_confirm_result, i.virtual_confirm_comment,
                  i.rule_name, i.group_key);
}

inline auto Tie(const TimelineEntry& e) {
  return std::tie(e.time_ms, e.actor, e.action, e.from_status, e.to_status, e.parameters);
}

// An incident with every field set away from its default, for round trips.
inline Incident FullIncident(std::string incident_num) {
  Incident i;
  i.incident_num = std::move(incident_num);
  i.region = {"cn-north-4"};
  i.enterprise_project = {"企业项目 \"quoted\""};
  i.current_cloud_service = {"ecs"};
  i.level = IncidentLevel::kLevel10;
  i.type = IncidentType::kNetworking;
  i.source = IncidentSource::kForwarding;
  i.status = IncidentStatus::kRejected;
  i.is_service_interrupt = true;
  i.title = "磁盘满 ✓ \t tab";
  i.description = "line1\nline2 \\ back\u0001";
  i.assignee = {"user-1"};
  i.assignee_scene = "scene";
  i.assignee_role = "role";
  i.creator = "creator-7";
  i.warroom_id = "wr-1";
  i.start_time_ms = 1'700'000'000'000;
  i.create_time_ms = 1'700'000'000'001;
  i.update_time_ms = 9'007'199'254'740'993;  // above 2^53: must not pass through a double
  i.handle_time_ms = -5;
  i.mtm_type = IncidentType::kChange;
  i.cause = "cause 🔥";
  i.solution = "solution";
  i.virtual_confirm_result = false;
  i.virtual_confirm_comment = "not yet";
  i.rule_name = "rule-a";
  i.group_key = "rule-a|host=web-1";
  return i;
}

}  // namespace alarmgate::testing
