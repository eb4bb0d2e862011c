// Builds rule-test alarms and wraps the incident and silence calls the rule e2e tests share.

#include "tests/e2e/harness/rule_requests.h"

#include <cstdio>
#include <ctime>
#include <thread>

#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/json_doc.h"
#include "tests/e2e/harness/test_config.h"

namespace alarmgate::e2e {
namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string RuleAlarm::ToJson() const {
  return "{\"alarmId\":" + Quote(alarm_id) + ",\"alarmName\":" + Quote(alarm_name) +
         ",\"alarmLevel\":" + Quote(alarm_level) +
         ",\"time\":" + std::to_string(time > 0 ? time : NowMs()) +
         ",\"nameSpace\":" + Quote(name_space) + ",\"regionId\":\"cn-north-4\"" +
         ",\"applicationId\":" + Quote(application_id) +
         ",\"resourceName\":" + Quote(resource_name) + ",\"resourceId\":" + Quote(resource_id) +
         ",\"alarmDesc\":" + Quote(alarm_desc) + ",\"URL\":\"https://example.com\"" +
         ",\"alarmStatus\":" + Quote(alarm_status) + ",\"alarmSource\":\"coc\"" +
         ",\"additional\":" + additional_json + "}";
}

RuleAlarm RuleAlarm::With(std::string_view status, int64_t later_ms) const {
  RuleAlarm next = *this;
  next.alarm_status = std::string(status);
  next.time = (time > 0 ? time : NowMs()) + later_ms;
  return next;
}

Ingested PostRuleAlarm(HttpClient& client, const RuleAlarm& alarm, const std::string& key) {
  HttpResult r = client.Post(
      "/v1/event/huawei/custom/" + (key.empty() ? std::string(kCocKey) : key), alarm.ToJson());
  Ingested out;
  out.status = r.ok() ? r.status : 0;
  out.body = r.ok() ? r.body : r.error;
  JsonDoc doc(r.body);
  out.fingerprint = doc.String("/data/fingerprint").value_or("");
  out.incident_num = doc.String("/data/incident_num");
  for (size_t i = 0; i < doc.ArraySize("/data/actions").value_or(0); ++i) {
    out.actions.push_back(doc.String("/data/actions/" + std::to_string(i)).value_or("?"));
  }
  return out;
}

bool PollUntil(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::vector<std::string> ListIncidentNums(HttpClient& client) {
  std::vector<std::string> nums;
  std::string marker;
  for (int page = 0; page < 100; ++page) {
    std::string target = std::string(kIncidentListPath) + "?limit=100";
    if (!marker.empty()) target += "&marker=" + marker;
    HttpResult r = client.Get(target, OpsAuth());
    if (r.status != 200) break;
    JsonDoc doc(r.body);
    const size_t n = doc.ArraySize("/data/incidents").value_or(0);
    for (size_t i = 0; i < n; ++i) {
      nums.push_back(
          doc.String("/data/incidents/" + std::to_string(i) + "/incident_num").value_or(""));
    }
    auto next = doc.String("/data/next_marker");
    if (!next || n == 0) break;
    marker = *next;
  }
  return nums;
}

HttpResult GetTimeline(HttpClient& client, std::string_view incident_num) {
  return client.Get("/v1/external/incident/" + std::string(incident_num) + "/timeline", OpsAuth());
}

HttpResult PostSilence(HttpClient& client, std::string_view body) {
  return client.Post("/v1/silences", body, OpsAuth());
}

std::string Rfc3339(int64_t epoch_ms) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string PathEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace alarmgate::e2e
