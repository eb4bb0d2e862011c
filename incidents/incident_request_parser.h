#pragma once
// Validation of the incident request bodies of seed 003 §4.4.1.1-4.4.1.4 (tables 4-62, 4-66, 4-69,
// 4-72) into typed commands. Exception-free; every problem is reported, joined with " | ".

#include <simdjson.h>

#include <string_view>

#include "core/status.h"
#include "incidents/incident_commands.h"

namespace alarmgate {

// `root` is a strictly parsed body (StrictJsonParser). Failures are Status::InvalidArgument, e.g.
// "incident_level must not be null | incident_title size must be between 0 and 200".
// Lengths count Unicode characters. null counts as absent; unknown fields are ignored.
// is_service_interrupt takes true/false or the strings "true"/"false" (the seed's own example).
Result<CreateIncidentCommand> ParseCreateIncident(simdjson::dom::element root);

// The same for handle. An unknown operate_key is "The field[operate_key] value[X] invalid";
// the parameters required by commitSolution1 and confirm are checked as "parameter.<name> …".
// incident_num is named "incidentNum" in messages, as in the seed's error table.
Result<HandleIncidentCommand> ParseHandleIncident(simdjson::dom::element root);

// The length, array and assignee rules of table 4-62 on a command built in code (the rule engine
// opens incidents through this); ParseCreateIncident applies the same rules.
Status CheckCreateIncident(const CreateIncidentCommand& command);

// The {incident_num} path parameter of GET /v1/external/incident/{incident_num} (table 4-75).
Status CheckIncidentNum(std::string_view incident_num);

}  // namespace alarmgate
