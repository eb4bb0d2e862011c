#include "alarms/dedup_decider.h"

namespace alarmgate {

std::string_view ToString(DedupVerdict v) {
  switch (v) {
    case DedupVerdict::kNew: return "new";
    case DedupVerdict::kTransition: return "transition";
    case DedupVerdict::kDuplicate: return "duplicate";
    case DedupVerdict::kRetry: return "retry";
    case DedupVerdict::kStale: return "stale";
  }
  return "unknown";
}

namespace {

void TakeLatestEvent(AlarmRecord& r, const Alarm& event) {
  r.level = event.level;
  r.last_event_time_ms = event.time_ms;
  r.last_event_json = event.body_json;
}

}  // namespace

DedupDecision DecideDedup(const std::optional<AlarmRecord>& current, const Alarm& event,
                          const std::string& fingerprint, int64_t now_ms) {
  if (!current) {
    AlarmRecord r;
    r.fingerprint = fingerprint;
    r.integration = event.integration;
    r.alarm_id = event.alarm_id;
    r.status = event.status;
    r.first_seen_ms = now_ms;
    r.last_seen_ms = now_ms;
    r.count = 1;
    r.transition_time_ms = event.time_ms;
    r.last_transition_at_ms = now_ms;
    TakeLatestEvent(r, event);
    return {DedupVerdict::kNew, std::move(r)};
  }

  const AlarmRecord& cur = *current;
  // A late event must never undo a newer transition (a late `alarm` never re-opens what a newer
  // `ok` closed), so it changes nothing stored.
  if (event.time_ms < cur.transition_time_ms) return {DedupVerdict::kStale, std::nullopt};

  if (event.status == cur.status) {
    if (event.time_ms == cur.last_event_time_ms || event.time_ms == cur.transition_time_ms) {
      return {DedupVerdict::kRetry, std::nullopt};
    }
    AlarmRecord r = cur;
    r.count += 1;
    r.last_seen_ms = now_ms;
    // Duplicates may arrive out of order among themselves: keep the newest as the latest event.
    if (event.time_ms > cur.last_event_time_ms) TakeLatestEvent(r, event);
    return {DedupVerdict::kDuplicate, std::move(r)};
  }

  AlarmRecord r = cur;
  r.status = event.status;
  r.count += 1;
  r.last_seen_ms = now_ms;
  r.transition_time_ms = event.time_ms;
  r.last_transition_at_ms = now_ms;
  TakeLatestEvent(r, event);
  return {DedupVerdict::kTransition, std::move(r)};
}

}  // namespace alarmgate
