// Serializes Alertmanager webhook notifications the way Alertmanager's webhook notifier does.

#include "tests/e2e/harness/alertmanager_webhook.h"

#include "core/json_writer.h"
#include "tests/e2e/harness/alertmanager_process.h"

namespace alarmgate::e2e {
namespace {

void WriteMap(JsonWriter& w, const std::map<std::string, std::string>& map) {
  w.BeginObject();
  for (const auto& [k, v] : map) w.Key(k).String(v);
  w.EndObject();
}

// The labels (or annotations) every alert of the group has with the same value.
std::map<std::string, std::string> Common(
    const std::vector<WebhookAlert>& alerts,
    std::map<std::string, std::string> WebhookAlert::*member) {
  if (alerts.empty()) return {};
  std::map<std::string, std::string> common = alerts.front().*member;
  for (const auto& a : alerts) {
    for (auto it = common.begin(); it != common.end();) {
      auto found = (a.*member).find(it->first);
      if (found == (a.*member).end() || found->second != it->second) {
        it = common.erase(it);
      } else {
        ++it;
      }
    }
  }
  return common;
}

}  // namespace

std::string AlertmanagerWebhookPath(const std::string& key) {
  return "/v1/event/alertmanager/" + key;
}

std::string WebhookAlert::ToJson() const {
  JsonWriter w;
  w.BeginObject();
  if (!status.empty()) w.Key("status").String(status);
  w.Key("labels");
  WriteMap(w, labels);
  w.Key("annotations");
  WriteMap(w, annotations);
  if (!starts_at.empty()) w.Key("startsAt").String(starts_at);
  if (!ends_at.empty()) w.Key("endsAt").String(ends_at);
  w.Key("generatorURL").String(generator_url);
  if (!fingerprint.empty()) w.Key("fingerprint").String(fingerprint);
  w.EndObject();
  return w.Take();
}

WebhookAlert WebhookAlert::Resolved(int64_t ends_at_ms) const {
  WebhookAlert r = *this;
  r.status = "resolved";
  r.ends_at = AmTimestamp(ends_at_ms);
  return r;
}

std::string WebhookPayload::ToJson() const {
  bool all_resolved = true;
  for (const auto& a : alerts) all_resolved = all_resolved && a.status == "resolved";
  std::map<std::string, std::string> group_labels;
  if (!alerts.empty() && alerts.front().labels.count("alertname")) {
    group_labels["alertname"] = alerts.front().labels.at("alertname");
  }
  JsonWriter w;
  w.BeginObject()
      .Key("receiver")
      .String(receiver)
      .Key("status")
      .String(all_resolved && !alerts.empty() ? "resolved" : "firing")
      .Key("alerts")
      .BeginArray();
  for (const auto& a : alerts) w.Raw(a.ToJson());
  w.EndArray().Key("groupLabels");
  WriteMap(w, group_labels);
  w.Key("commonLabels");
  WriteMap(w, Common(alerts, &WebhookAlert::labels));
  w.Key("commonAnnotations");
  WriteMap(w, Common(alerts, &WebhookAlert::annotations));
  w.Key("externalURL").String("http://alertmanager.test:9093");
  w.Key("version").String("4");
  w.Key("groupKey").String(group_key);
  if (with_truncated_alerts) w.Key("truncatedAlerts").Int(0);
  w.EndObject();
  return w.Take();
}

}  // namespace alarmgate::e2e
