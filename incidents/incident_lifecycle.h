#pragma once
// The incident state machine of seed 003 §4.4.1.2-4.4.1.4 (contract §6) in one place: opening,
// the handle operations, and the rule engine's auto-resolve. Pure functions of their inputs.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "incidents/incident.h"
#include "incidents/incident_commands.h"
#include "incidents/timeline_entry.h"

namespace alarmgate {

// An incident after a change, and the timeline line that records it. Both are to be stored in
// one write.
struct Transition {
  Incident incident;
  TimelineEntry entry;
};

// The status `key` moves `from` to, or nullopt if `key` is not allowed in `from`.
// `confirm_result` matters only for confirm (true: COMPLETED, false: REJECTED).
std::optional<IncidentStatus> NextStatus(IncidentStatus from, OperateKey key, bool confirm_result);

// The statuses from which `key` is allowed, in table order.
std::vector<IncidentStatus> StatusesAllowing(OperateKey key);

// A new TRIGGERED incident from `command` (API create or rule engine), numbered `incident_num`.
// Checks CheckCreateIncident's rules so code-built commands obey the API's limits.
// start_time is the command's, or now when it has none; the timeline actor is the creator.
Result<Transition> OpenIncident(const CreateIncidentCommand& command, std::string incident_num,
                                int64_t now_ms);

// Applies a handle operation. A transition the table does not allow is Status::Conflict naming
// the current status: "incident IM… is RESOLVED; acceptedIncident1 needs TRIGGERED".
// commitSolution1 sets incident_type (= mtm_type), is_service_interrupt, cause, solution and
// handle_time; confirm records its verdict and comment.
Result<Transition> Apply(const Incident& incident, const HandleIncidentCommand& command,
                         int64_t now_ms, std::string_view actor);

// The rule engine's resolve (contract §5): TRIGGERED, ACKNOWLEDGED or REJECTED → RESOLVED with the
// given cause and solution, setting handle_time. RESOLVED or later is Status::Conflict.
Result<Transition> AutoResolve(const Incident& incident, std::string cause, std::string solution,
                               int64_t now_ms, std::string_view actor);

// TRIGGERED, ACKNOWLEDGED and REJECTED: someone still has to resolve it. The rule engine attaches
// a group's alarms to its open incident and opens a new one once it is RESOLVED or COMPLETED.
bool IsOpen(IncidentStatus status);
// The statuses IsOpen holds for, in table order.
std::span<const IncidentStatus> OpenStatuses();

}  // namespace alarmgate
