#pragma once
// The `data` member of the incident API responses (seed 003 §4.4.1.1-4.4.1.5, contract §6). The
// caller wraps it in the envelope {"provider_code":"049","error_code":"GOM.00000000",…}.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "incidents/incident.h"
#include "incidents/timeline_entry.h"

namespace alarmgate {

// Create (table 4-64): {"incident_num":"IM…"}.
void WriteCreateIncidentData(JsonWriter& w, std::string_view incident_num);

// Handle (tables 4-67, 4-70, 4-73): the seed answers "data": null.
void WriteHandleIncidentData(JsonWriter& w);

// Detail (table 4-77, IncidentTicketInfoResponseData): the seed example's keys in its order,
// handle_time null until a solution was committed, warroom_id null (alarmgate opens no WarRoom),
// then enum_data_list as the example shows it: current_cloud_service_id, creator, level_id,
// work_flow_status, mtm_type, source_id, assignee (the id entries only when there is an id; their
// names are the ids, as alarmgate keeps no directory of applications and people).
void WriteIncidentDetailData(JsonWriter& w, const Incident& incident);

// Beyond the seed, GET /v1/external/incidents: {"incidents":[…],"next_marker":"IM…"|null}; each
// item is the detail without enum_data_list, plus start_time and update_time.
void WriteIncidentListData(JsonWriter& w, std::span<const Incident> incidents,
                           std::optional<std::string_view> next_marker);

// Beyond the seed, GET /v1/external/incident/{num}/timeline:
// {"incident_num":…,"timeline":[{"time","actor","action","from_status","to_status","parameters"}]}
// with statuses as wire keys (null when the entry changes none) and parameters as a JSON object.
void WriteTimelineData(JsonWriter& w, std::string_view incident_num,
                       std::span<const TimelineEntry> entries);

// The same, as text to hand to the envelope.
std::string CreateIncidentDataJson(std::string_view incident_num);
std::string IncidentDetailDataJson(const Incident& incident);

}  // namespace alarmgate
