#pragma once
// Incident center requests for e2e tests (seed 003 §4.4.1, contract §6): the seed's request and
// response examples verbatim, builders of create/handle bodies, and the calls most tests make.

#include <optional>
#include <string>
#include <string_view>

#include "tests/e2e/harness/http_client.h"

namespace alarmgate::e2e {

inline constexpr const char* kIncidentCreatePath = "/v1/external/incident/create";
inline constexpr const char* kIncidentHandlePath = "/v1/external/incident/handle";
inline constexpr const char* kIncidentListPath = "/v1/external/incidents";

// Wire keys of the statuses (seed §4.4.1.6.4).
inline constexpr const char* kTriggered = "INCIDENT_STATUS_TRIGGERED";
inline constexpr const char* kAcknowledged = "INCIDENT_STATUS_ACKNOWLEDGED";
inline constexpr const char* kRejected = "INCIDENT_STATUS_REJECTED";
inline constexpr const char* kResolved = "INCIDENT_STATUS_RESOLVED";
inline constexpr const char* kCompleted = "INCIDENT_STATUS_COMPLETED";

// The incident number the seed's handle examples carry (the create example's answer).
inline constexpr const char* kSeedIncidentNum = "IM202403221515060171753781";

// Seed §4.4.1.1-4.4.1.4 request bodies, as the seed prints them (the handle bodies carry
// kSeedIncidentNum; substitute it with ReplaceAll).
extern const char* const kSeedCreateIncidentBody;
extern const char* const kSeedAcceptIncidentBody;
extern const char* const kSeedCommitSolutionBody;
extern const char* const kSeedConfirmBody;
// Seed response examples: create (§4.4.1.1), handle (§4.4.1.2-4, all three identical), detail
// (§4.4.1.5).
extern const char* const kSeedCreateIncidentResponse;
extern const char* const kSeedHandleIncidentResponse;
std::string SeedIncidentDetailResponse();

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

// True for "IM" followed by exactly 24 ASCII digits.
bool LooksLikeIncidentNum(std::string_view text);

// A create body; a field left nullopt is not sent.
struct IncidentSpec {
  std::optional<std::string> region = "cn-north-4";  // sent as a one-element array
  std::optional<std::string> current_cloud_service = "65659ae2f42bf80e5f3f0635";
  std::optional<std::string> level = "level_30";
  std::optional<std::string> is_service_interrupt = "false";  // raw JSON
  std::optional<std::string> type = "inc_type_p_function_issues";
  std::optional<std::string> title = "e2e incident";
  std::optional<std::string> description = "opened by an e2e test";
  std::optional<std::string> source = "incident_source_manual";
  std::optional<std::string> assignee = "assignee-1";  // sent as a one-element array
  std::optional<std::string> assignee_scene;
  std::optional<std::string> assignee_role;
  std::optional<std::string> creator = "creator-1";

  std::string ToJson() const;
};

// Handle bodies (seed tables 4-66, 4-69, 4-72).
std::string AcceptBody(std::string_view incident_num, std::string_view op = "operator-1");
std::string CommitSolutionBody(std::string_view incident_num, std::string_view op = "operator-1",
                               std::string_view mtm_type = "inc_type_p_config_issues",
                               std::string_view cause = "disk full",
                               std::string_view solution = "cleaned /var/log");
std::string ConfirmBody(std::string_view incident_num, bool result,
                        std::string_view op = "operator-1", std::string_view comment = "checked");

// POST create with the ops token; the new incident_num, or "" when the answer is not a 200 with
// one (the response goes to `out` when given).
std::string CreateIncident(HttpClient& client, const IncidentSpec& spec = IncidentSpec(),
                           HttpResult* out = nullptr);
// POST handle with the ops token.
HttpResult HandleIncident(HttpClient& client, const std::string& body);
// GET /v1/external/incident/{num} with the ops token.
HttpResult GetIncident(HttpClient& client, std::string_view incident_num);
// The `status` of the incident's detail, or "" when it cannot be read.
std::string IncidentStatusOf(HttpClient& client, std::string_view incident_num);

}  // namespace alarmgate::e2e
