#pragma once
// One line of an incident's history (GET /v1/external/incident/{num}/timeline): a transition, a
// linked alarm event or script order, or a note such as a refused remediation.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "incidents/incident_enums.h"

namespace alarmgate {

// Actions the incidents module writes; the rule engine and remediation add their own
// ("alarm", "order", "remediation_refused", "flapping", …).
inline constexpr std::string_view kTimelineCreate = "create";
inline constexpr std::string_view kTimelineAutoResolve = "autoResolve";
// Handle operations record their operate_key as the action ("acceptedIncident1", …).

struct TimelineEntry {
  int64_t time_ms = 0;
  std::string actor;   // operator id, creator, or "alarmgate"
  std::string action;  // see above
  // Both set for a transition; both empty for an event that does not change the status.
  std::optional<IncidentStatus> from_status;
  std::optional<IncidentStatus> to_status;
  std::string parameters = "{}";  // a JSON object, e.g. the handle request's `parameter`
};

}  // namespace alarmgate
