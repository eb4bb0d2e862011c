#pragma once
// Requests the rule-engine e2e tests make (contract §4.4, §5, §6): COC alarms with every field
// settable, the incident list and timeline, silences, and polling a condition with a deadline.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/e2e/harness/http_client.h"

namespace alarmgate::e2e {

// A COC alarm (seed 003 table 4-84) whose fields rules match and templates expand.
struct RuleAlarm {
  std::string alarm_id;
  std::string alarm_name = "Cpu usage over quota";
  std::string alarm_level = "Critical";
  int64_t time = 0;  // 0: now, in epoch ms
  std::string alarm_status = "alarm";
  std::string name_space = "shanghai";
  std::string application_id = "app-1";
  std::string resource_name = "machine-1";
  std::string resource_id = "res-1";
  std::string alarm_desc = "e2e";
  std::string additional_json = "{}";  // raw JSON

  std::string ToJson() const;
  // The same alarm reporting ok (or alarm again), `later_ms` after this one.
  RuleAlarm With(std::string_view status, int64_t later_ms = 1) const;
};

// An ingestion reply (contract §4.1) as the rule tests read it.
struct Ingested {
  int status = 0;
  std::string body;
  std::string fingerprint;
  std::optional<std::string> incident_num;  // nullopt when null or absent
  std::vector<std::string> actions;
};
// POSTs `alarm` to the COC endpoint of `key` (the default test integration unless given).
Ingested PostRuleAlarm(HttpClient& client, const RuleAlarm& alarm, const std::string& key = "");

// Epoch milliseconds now (the server runs on the same clock).
int64_t NowMs();

// Polls `condition` every 20 ms until it holds (true) or `deadline` passes (false).
bool PollUntil(const std::function<bool()>& condition, std::chrono::milliseconds deadline);

// The incident_num of every incident, newest first (all pages of GET /v1/external/incidents).
std::vector<std::string> ListIncidentNums(HttpClient& client);
// GET /v1/external/incident/{num}/timeline with the ops token.
HttpResult GetTimeline(HttpClient& client, std::string_view incident_num);

// POST /v1/silences with the ops token.
HttpResult PostSilence(HttpClient& client, std::string_view body);
// RFC 3339 UTC text of epoch ms ("2026-11-22T00:00:00Z"; seconds precision).
std::string Rfc3339(int64_t epoch_ms);

// Percent-encodes everything but unreserved characters, for ids in a path segment.
std::string PathEscape(std::string_view text);

}  // namespace alarmgate::e2e
