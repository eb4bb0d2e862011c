#pragma once
// What the rule engine remembers about one group (one rule + the values of its group_by fields):
// how many members it has and how many of them alarm, its open incident, pending holds and recent
// transitions. Stored with the alarm transition that changed it, so holds survive restart. Each
// member's own status is stored apart (storage GroupView::GetMember): the state stays O(1) in size
// whatever the group's size, so a transition costs the same in a group of 1 or 10,000 alarms.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"

namespace alarmgate {

struct GroupState {
  std::string key;             // GroupKey(): ["<rule>","<value 1>",…] as JSON text
  std::string rule;            // the rule's name
  int64_t member_count = 0;    // alarms ever seen in the group
  int64_t alarming_count = 0;  // of those, how many are `alarm` now
  // The group's open incident; the caller clears it when that incident was closed by an operator.
  std::optional<std::string> incident_num;
  // for_s: the alarm that started the hold (templates expand from it) and when it ends.
  std::optional<int64_t> open_due_ms;
  std::optional<Alarm> hold_alarm;
  // resolve_delay_s: when the pending resolve happens if nothing fires again.
  std::optional<int64_t> resolve_due_ms;
  // flap: transition times within the window, and whether the group is flapping.
  std::vector<int64_t> transitions_ms;
  bool flapping = false;
  // "Cleared: <alarmName> (<fingerprint>) at <time>…" of the latest alarm that reported ok, so a
  // resolve from a timer (resolve_delay_s, flapping calm) still says which alarm cleared and when.
  std::string last_clear_cause;

  bool AnyAlarming() const { return alarming_count > 0; }
};

}  // namespace alarmgate
