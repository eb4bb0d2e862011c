#pragma once
// The dedup state machine of contract §4.4 as a pure function: given what is stored for a
// fingerprint and a new event, what happened and what must be stored now.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alarms/alarm.h"
#include "alarms/alarm_record.h"

namespace alarmgate {

enum class DedupVerdict {
  kNew,         // first event of this fingerprint: a transition from nothing
  kTransition,  // status changed (alarm→ok or ok→alarm)
  kDuplicate,   // same status again: counted
  kRetry,       // exact retry (same status and time): no effect at all
  kStale,       // older than the last transition: no effect on the record
};

std::string_view ToString(DedupVerdict v);

// True when the verdict runs the rules.
inline bool IsTransition(DedupVerdict v) {
  return v == DedupVerdict::kNew || v == DedupVerdict::kTransition;
}

struct DedupDecision {
  DedupVerdict verdict;
  std::optional<AlarmRecord> write;  // the record to store; nullopt = store nothing
};

DedupDecision DecideDedup(const std::optional<AlarmRecord>& current, const Alarm& event,
                          const std::string& fingerprint, int64_t now_ms);

}  // namespace alarmgate
