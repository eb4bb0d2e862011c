#pragma once
// Alertmanager webhook notification bodies (version "4", contract §4.2) as Alertmanager posts
// them, for e2e requests made without a real Alertmanager.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace alarmgate::e2e {

// The path that ingests Alertmanager notifications for `key`.
std::string AlertmanagerWebhookPath(const std::string& key);

// One entry of alerts[]. An empty string leaves status, startsAt, endsAt or fingerprint out.
struct WebhookAlert {
  std::string status = "firing";
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::string starts_at;                         // RFC 3339
  std::string ends_at = "0001-01-01T00:00:00Z";  // what Alertmanager sends while firing
  std::string generator_url = "http://prometheus.test:9090/graph?g0.expr=up+%3D%3D+0";
  std::string fingerprint;  // Alertmanager's: 16 hex digits

  std::string ToJson() const;
  // The same alert resolved at `ends_at_ms`.
  WebhookAlert Resolved(int64_t ends_at_ms) const;
};

// A whole notification: receiver, status (resolved when every alert is), alerts, groupLabels,
// commonLabels, commonAnnotations, externalURL, version, groupKey and truncatedAlerts.
struct WebhookPayload {
  std::vector<WebhookAlert> alerts;
  std::string receiver = "alarmgate";
  std::string group_key = "{}:{alertname=\"HighLatency\"}";
  bool with_truncated_alerts = true;  // false: as Alertmanager before 0.20 sent it

  std::string ToJson() const;
};

}  // namespace alarmgate::e2e
