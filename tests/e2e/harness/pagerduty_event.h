#pragma once
// PagerDuty Events API v2 request bodies (contract §4.3) for e2e requests to POST /v2/enqueue.

#include <optional>
#include <string>

namespace alarmgate::e2e {

inline constexpr const char* kPagerDutyPath = "/v2/enqueue";

// One event; a field left nullopt is not sent. The payload is sent when with_payload is true
// (its members again only when set).
struct PdEvent {
  std::optional<std::string> routing_key;
  std::optional<std::string> event_action = "trigger";
  std::optional<std::string> dedup_key;
  bool with_payload = true;
  std::optional<std::string> summary = "Disk /var full on db-1";
  std::optional<std::string> source = "db-1.example.com";
  std::optional<std::string> severity = "critical";
  std::optional<std::string> timestamp;  // ISO 8601 text
  std::optional<std::string> component;
  std::optional<std::string> group;
  std::optional<std::string> custom_details_json;  // raw JSON

  std::string ToJson() const;
};

// An acknowledge or resolve event for `dedup_key` as monitors send them: no payload.
PdEvent PdFollowUp(const std::string& routing_key, const std::string& action,
                   const std::string& dedup_key);

}  // namespace alarmgate::e2e
