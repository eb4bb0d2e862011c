#pragma once
// What the rule engine remembers about one group (one rule + the values of its group_by fields):
// its members' statuses, its open incident, pending holds and recent transitions. Stored with
// the alarm transition that changed it, so holds survive restart.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"

namespace alarmgate {

struct GroupState {
  std::string key;   // GroupKey(): ["<rule>","<value 1>",…] as JSON text
  std::string rule;  // the rule's name
  std::map<std::string, AlarmStatus> members;  // fingerprint → its last status seen by the group
  std::map<std::string, std::string> member_names;  // fingerprint → alarmName, for resolve texts
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

  bool AnyAlarming() const {
    for (const auto& [fp, status] : members) {
      if (status == AlarmStatus::kAlarm) return true;
    }
    return false;
  }
};

}  // namespace alarmgate
