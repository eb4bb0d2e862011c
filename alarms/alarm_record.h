#pragma once
// What alarmgate remembers about one fingerprint (integration + alarmId): the dedup state.

#include <cstdint>
#include <optional>
#include <string>

#include "alarms/alarm.h"

namespace alarmgate {

struct AlarmRecord {
  std::string fingerprint;  // 32 hex chars: SHA-256(integration "\n" alarmId), truncated
  std::string integration;
  std::string alarm_id;
  AlarmStatus status = AlarmStatus::kAlarm;
  AlarmLevel level = AlarmLevel::kInfo;  // of the latest accepted event
  int64_t first_seen_ms = 0;             // receive times (server clock)
  int64_t last_seen_ms = 0;
  int64_t count = 0;                     // events accepted for this fingerprint, duplicates included
  int64_t transition_time_ms = 0;        // event `time` of the last transition
  int64_t last_event_time_ms = 0;        // event `time` of the latest accepted event
  int64_t last_transition_at_ms = 0;     // receive time of the last transition
  std::string last_event_json;           // the latest accepted event body
  std::optional<std::string> incident_num;
  std::string last_decision_json;        // the rule engine's last decision (JSON object); "" = none
};

}  // namespace alarmgate
