#pragma once
// The typed requests of seed 003 §4.4.1.1-4.4.1.4: what the HTTP parser produces and what the rule
// engine builds when it opens an incident itself.

#include <cstdint>
#include <string>
#include <vector>

#include "incidents/incident_enums.h"

namespace alarmgate {

// POST /v1/external/incident/create (table 4-62).
struct CreateIncidentCommand {
  std::vector<std::string> region;                 // ≤1 element
  std::vector<std::string> enterprise_project;     // ≤1 element
  std::vector<std::string> current_cloud_service;  // ≤1 element
  IncidentLevel level = IncidentLevel::kLevel50;
  bool is_service_interrupt = false;
  IncidentType type = IncidentType::kOther;
  std::string title;
  std::string description;
  IncidentSource source = IncidentSource::kManual;
  std::vector<std::string> assignee;  // ≤1 element
  std::string assignee_scene;
  std::string assignee_role;
  std::string creator;

  // Not on the wire: the rule engine sets these (contract §5). start_time_ms 0 means "now".
  int64_t start_time_ms = 0;
  std::string rule_name;
  std::string group_key;
};

// POST /v1/external/incident/handle (tables 4-66, 4-69, 4-72). Only the parameters of
// `operate_key` are meaningful; the parser guarantees they were present and valid.
struct HandleIncidentCommand {
  std::string incident_num;
  std::string operator_id;  // "operator" on the wire
  OperateKey operate_key = OperateKey::kAcceptedIncident;

  // commitSolution1
  IncidentType mtm_type = IncidentType::kOther;
  bool is_service_interrupt = false;
  std::string cause;
  std::string solution;

  // confirm
  bool virtual_confirm_result = true;
  std::string virtual_confirm_comment;

  std::string parameter_json = "{}";  // `parameter` as sent (minified), for the timeline
};

}  // namespace alarmgate
