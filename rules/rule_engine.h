#pragma once
// Decides what alarm transitions and timers do (contract §5). Pure: from the alarm, the group's
// state and the time to decisions, with no I/O; the ingest pipeline applies them through the
// incident module in the same atomic write. That is what makes rules table-testable and
// explainable (POST /v1/rules/test, the last decision on every alarm).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"
#include "incidents/incident_commands.h"
#include "incidents/timeline_entry.h"
#include "rules/group_state.h"
#include "rules/rule.h"
#include "rules/rule_set.h"

namespace alarmgate {

// ["<rule>","<group_by value 1>",…] as JSON text; group_by empty = by fingerprint.
std::string GroupKey(const Rule& rule, const Alarm& alarm, const std::string& fingerprint);

// The incident fields a rule's template gives for an alarm (truncated to the seed's limits).
CreateIncidentCommand ExpandIncident(const Rule& rule, const std::string& group_key,
                                     const Alarm& alarm, int64_t now_ms);

struct GroupDecision {
  enum class IncidentAction { kNone, kOpen, kAttach, kResolve };

  const Rule* rule = nullptr;
  GroupState next;  // the group's state to store
  IncidentAction action = IncidentAction::kNone;
  CreateIncidentCommand open;  // kOpen
  std::string resolve_cause;   // kResolve: which alarm(s) cleared, and when
  std::string resolve_solution;
  // Lines for the incident's timeline besides the action itself (alarm attached, flapping
  // started or ended, held by for_s, …). Written only when the group has an incident.
  std::vector<TimelineEntry> notes;
  std::string explanation;  // one sentence: "matched cpu-critical; held by for_s until …"
};

// Why an alarm transition did what it did: kept on the alarm and returned by /v1/rules/test.
struct Explanation {
  std::vector<std::string> matched_rules;
  std::vector<std::string> group_keys;
  std::optional<std::string> silenced_by;  // silence id
  bool dropped = false;
  std::vector<std::string> steps;  // each group decision's explanation
};

class RuleEngine {
 public:
  // Which rules an alarm matches (first match, then `continue`), and whether a silence applies.
  struct Match {
    std::vector<const Rule*> rules;
    const Silence* silenced_by = nullptr;  // the first active silence matching the alarm
  };
  static Match MatchAlarm(const RuleSet& rules, const std::vector<Silence>& api_silences,
                          const Alarm& alarm, int64_t now_ms);

  // An alarm transition (new, alarm→ok or ok→alarm) in one of its groups. `state` is the stored
  // group state, or a fresh one (key and rule set) when the group has none. `member_before` is
  // the alarm's previous status in this group (nullopt: new to the group); the caller stores
  // alarm.status as its new one. A silenced transition updates the counters but opens, attaches
  // and resolves nothing.
  static GroupDecision OnTransition(const Rule& rule, GroupState state, const Alarm& alarm,
                                    const std::string& fingerprint,
                                    std::optional<AlarmStatus> member_before, bool silenced,
                                    int64_t now_ms);

  // A group's timers (for_s hold, resolve_delay_s hold, flapping calm) at `now_ms`.
  static GroupDecision OnTimer(const Rule& rule, GroupState state, bool silenced, int64_t now_ms);

  // When OnTimer must run next for this state, if ever.
  static std::optional<int64_t> NextDueMs(const Rule& rule, const GroupState& state);
};

}  // namespace alarmgate
