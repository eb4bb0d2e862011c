#pragma once
// The Incident aggregate: every field of seed 003 table 4-77 (IncidentTicketInfoResponseData) plus
// what the lifecycle and the rule engine need. Plain data; the lifecycle owns the rules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "incidents/incident_enums.h"

namespace alarmgate {

struct Incident {
  std::string incident_num;  // "IM" + 24 digits (incident_number.h)

  // Arrays of at most one element (seed: 数组长度 0 - 1).
  std::vector<std::string> region;
  std::vector<std::string> enterprise_project;
  std::vector<std::string> current_cloud_service;

  IncidentLevel level = IncidentLevel::kLevel50;
  IncidentType type = IncidentType::kOther;  // commitSolution1's mtm_type replaces it
  IncidentSource source = IncidentSource::kManual;
  IncidentStatus status = IncidentStatus::kTriggered;
  bool is_service_interrupt = false;

  std::string title;        // ≤200 characters
  std::string description;  // ≤600 characters

  // Who owns it: one assignee, or a schedule scene + role.
  std::vector<std::string> assignee;
  std::string assignee_scene;
  std::string assignee_role;

  std::string creator;
  std::string warroom_id;  // alarmgate opens no WarRoom: empty, written as null

  int64_t start_time_ms = 0;  // when the problem began (the first alarm, or create time)
  int64_t create_time_ms = 0;
  int64_t update_time_ms = 0;             // last transition
  std::optional<int64_t> handle_time_ms;  // last commitSolution1 (or auto-resolve)

  // The last solution submitted (commitSolution1 or auto-resolve).
  std::optional<IncidentType> mtm_type;
  std::string cause;
  std::string solution;

  // The last confirm verdict.
  std::optional<bool> virtual_confirm_result;
  std::string virtual_confirm_comment;

  // Set on incidents the rule engine opened: the rule and the group the incident belongs to, so
  // later alarms of the same group find their one open incident. Empty for API-created ones.
  std::string rule_name;
  std::string group_key;
};

}  // namespace alarmgate
