#pragma once
// A PagerDuty Events API v2 event (contract §4.3): validated as PagerDuty does, then turned into
// an Alarm for trigger and resolve (acknowledge is handled by the caller on the linked incident).

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alarms/alarm.h"
#include "core/status.h"

namespace alarmgate {

inline constexpr size_t kMaxPagerDutySummaryChars = 1024;

struct PagerDutyEvent {
  enum class Action { kTrigger, kAcknowledge, kResolve };

  std::string routing_key;
  Action action = Action::kTrigger;
  // Absent on a trigger means "generate one": the caller does, and answers it back.
  std::optional<std::string> dedup_key;
  // payload.*: "" when absent (always present on a valid trigger: summary, source, severity).
  std::string summary;
  std::string source;
  std::string severity;  // critical|error|warning|info, or "" (acknowledge/resolve only)
  std::string component;
  std::string group;
  std::string klass;  // payload.class
  std::optional<int64_t> timestamp_ms;
  std::string custom_details_json = "{}";  // minified, any JSON value
  std::string links_json = "[]";           // minified array
  std::string images_json = "[]";          // minified array
  std::string body_json;                   // the whole event, minified
};

// `root` is a strictly parsed body (StrictJsonParser). Rules, as PagerDuty's:
//   routing_key   required, 1..255 of [A-Za-z0-9_-] (our integration keys; PagerDuty's are 32)
//   event_action  required, trigger|acknowledge|resolve
//   dedup_key     optional string of 1..255 characters ("" counts as absent); required for
//                 acknowledge and resolve
//   payload       required object on trigger, with summary (1..1024 characters), source (1..255),
//                 severity (critical|error|warning|info); optional timestamp (ISO 8601 with a
//                 zone), component, group, class (strings), custom_details (any JSON)
//   links, images optional arrays of objects (each link needs `href`, each image `src`)
// Null counts as absent; unknown fields are ignored (they stay in body_json). On acknowledge and
// resolve, PagerDuty ignores the payload: so do we for validation — its fields are taken when
// valid and dropped when not, so a resolve is never refused for what it did not need to send.
//
// Errors: Status::InvalidArgument with every problem, one per line (joined by "\n"), so the
// caller can split the message into PagerDuty's 400 {"status":"invalid event","message":"Event
// object is invalid","errors":[…]}.
Result<PagerDutyEvent> ParsePagerDutyEvent(simdjson::dom::element root);

// The Alarm of a trigger (status alarm) or resolve (status ok) event. `dedup_key` is the event's
// or the one the caller generated; it is the alarmId (identity). Mapping (contract §4.3):
// alarmName = summary, alarmDesc = summary (both cut to 255 characters; the full summary is kept in
// `additional`), level critical→Critical, error→Major, warning→Minor, info (or none)→Info,
// time = timestamp or now_ms, nameSpace = group or "default", applicationId = component or source
// (or "default"), resourceId = resourceName = source, alarmSource = "pagerduty", additional =
// {"summary","class","component","group","custom_details","links","images"}.
// A resolve without payload carries only what it has (alarmName = dedup_key, Info): downstream a
// resolve only changes the status of the alarm it names, so the rest does not matter.
// Not for acknowledge (it would read as status alarm): acknowledge is not an alarm transition.
Alarm ToAlarm(const PagerDutyEvent& event, std::string_view integration_name, std::string dedup_key,
              int64_t now_ms);

}  // namespace alarmgate
