#pragma once
// Decides what an alarm transition does (CONTRACT §5). A pure function of the alarm, its stored
// state and the time: applying the decision is the ingest pipeline's job. Until rules are
// loaded, no rule matches and an alarm is recorded only.

#include <cstdint>

#include "alarms/alarm.h"
#include "alarms/alarm_record.h"
#include "rules/rule_decision.h"

namespace alarmgate {

class RuleEngine {
 public:
  RuleDecision Evaluate(const Alarm& event, const AlarmRecord& after, int64_t now_ms) const {
    return {};
  }
};

}  // namespace alarmgate
