#pragma once
// The rule model of CONTRACT §5, as loaded from rules files: what a rule matches, how it groups
// alarms into incidents, when it opens and resolves them, and what remediation it asks for.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"
#include "incidents/incident_enums.h"

namespace re2 {
class RE2;
}

namespace alarmgate {

// One field's test. `field` is an alarm field name as on the wire ("alarmName", "alarmLevel",
// "resourceId", …), "integration", or "additional.<path>" (dots walk nested objects).
struct Condition {
  enum class Kind { kEquals, kAnyOf, kRegex };
  std::string field;
  Kind kind = Kind::kEquals;
  bool negated = false;             // {not: …}
  std::vector<std::string> values;  // kEquals: one value; kAnyOf: the list
  std::shared_ptr<const re2::RE2> regex;  // kRegex: full match, RE2 syntax
};

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

struct Silence {
  std::string id;  // "file:<path>:<line>" for silences from rules files, "S…" for API ones
  std::vector<Condition> matchers;
  int64_t starts_at_ms = 0;
  int64_t ends_at_ms = 0;
  std::string comment;
  std::string creator;
  bool from_file = false;

  bool ActiveAt(int64_t now_ms) const { return starts_at_ms <= now_ms && now_ms < ends_at_ms; }
};

}  // namespace alarmgate
