#pragma once
// The rule model of contract §5, as loaded from rules files: what a rule matches, how it groups
// alarms into incidents, when it opens and resolves them, and what remediation it asks for.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"
#include "incidents/incident_enums.h"
#include "rules/condition.h"

namespace alarmgate {

// A text with ${field} placeholders (same field names as Condition::field).
struct Template {
  std::string text;
};

struct IncidentTemplate {
  // Either one fixed level or a map from alarm level to incident level.
  std::optional<IncidentLevel> fixed_level;
  std::map<AlarmLevel, IncidentLevel> level_by_alarm_level;
  IncidentType type = IncidentType::kOther;
  Template title{"${alarmName}"};
  Template description{"${alarmDesc}"};
  Template current_cloud_service{"${applicationId}"};
  Template assignee;        // or assignee_scene + assignee_role
  Template assignee_scene;
  Template assignee_role;
  bool service_interrupt = false;
};

enum class ResolveMode { kAllOk, kAnyOk, kNever };

struct FlapConfig {
  int64_t window_s = 0;
  int64_t max_transitions = 0;
};

// Loaded and validated now; acted on once remediation lands.
struct RemediationTemplate {
  std::string script;  // name or script_uuid
  std::map<std::string, Template> params;
  std::vector<Template> targets;
  std::string execute_user = "root";
  int64_t timeout_s = 300;
  double success_rate = 100;
  int64_t batch_size = 10;
  int64_t cooldown_s = 600;
  bool allow_high_risk = false;
  std::optional<int64_t> max_runs_per_hour;
  std::optional<int64_t> circuit_breaker_failures;
  bool dry_run = false;
};

struct Rule {
  std::string name;  // unique
  std::string file;  // where it was defined, for explanations
  int line = 0;
  std::vector<Condition> match;  // all must hold; empty = matches every alarm
  bool continue_matching = false;
  enum class Action { kIncident, kDrop } action = Action::kIncident;
  std::vector<std::string> group_by;  // field names; empty = by fingerprint
  IncidentTemplate incident;
  ResolveMode resolve = ResolveMode::kAllOk;
  int64_t for_s = 0;
  int64_t resolve_delay_s = 0;
  std::optional<FlapConfig> flap;
  std::optional<RemediationTemplate> remediation;
};

}  // namespace alarmgate
