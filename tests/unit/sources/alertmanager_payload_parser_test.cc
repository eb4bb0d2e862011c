// Tests for ParseAlertmanagerPayload (contract §4.2): a real Alertmanager 0.25 webhook body, every
// mapped field, both severity maps, times, cuts, limits and every refusal.

#include "sources/alertmanager_payload_parser.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

constexpr std::string_view kIntegration = "prom.main";
using SeverityMap = std::map<std::string, AlarmLevel>;

Result<std::vector<Alarm>> ParseBody(std::string body, const SeverityMap& severity_map = {}) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return ParseAlertmanagerPayload(*root, kIntegration, severity_map);
}

std::string Repeat(std::string_view part, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += part;
  return s;
}

// What Alertmanager 0.25 posts for a group with one firing and one resolved alert (pretty-printed
// as it would be on the wire after a proxy; Alertmanager itself sends it compact).
constexpr std::string_view kAlertmanager025Body = R"({
  "receiver": "alarmgate",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {
        "alertname": "KubePodCrashLooping",
        "container": "api",
        "instance": "10.0.3.17:8080",
        "job": "kube-state-metrics",
        "namespace": "payments",
        "pod": "api-7d9f8b6c4-x2x9z",
        "prometheus": "monitoring/k8s",
        "region": "eu-west-1",
        "service": "payments-api",
        "severity": "warning"
      },
      "annotations": {
        "description": "Pod payments/api-7d9f8b6c4-x2x9z (api) is in waiting state (reason: \"CrashLoopBackOff\").",
        "runbook_url": "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping",
        "summary": "Pod is crash looping."
      },
      "startsAt": "2026-11-23T10:00:00.123456789Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prometheus-k8s-0:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29+%3E%3D+1&g0.tab=1",
      "fingerprint": "5c1b5f3c8a8e2d11"
    },
    {
      "status": "resolved",
      "labels": {
        "alertname": "TargetDown",
        "job": "node-exporter",
        "severity": "critical"
      },
      "annotations": {
        "description": "100% of the node-exporter/node-exporter targets are down."
      },
      "startsAt": "2026-11-23T09:40:00+08:00",
      "endsAt": "2026-11-23T10:05:30.5+08:00",
      "generatorURL": "http://prometheus-k8s-0:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1",
      "fingerprint": "a0b1c2d3e4f50617"
    }
  ],
  "groupLabels": {"namespace": "payments"},
  "commonLabels": {"prometheus": "monitoring/k8s"},
  "commonAnnotations": {},
  "externalURL": "http://alertmanager-main-0:9093",
  "version": "4",
  "groupKey": "{}/{severity=~\"warning|critical\"}:{namespace=\"payments\"}",
  "truncatedAlerts": 0
})";

TEST(AlertmanagerPayloadParserTest, Alertmanager025WebhookBody) {
  Result<std::vector<Alarm>> alarms = ParseBody(std::string(kAlertmanager025Body));
  ASSERT_TRUE(alarms.ok()) << alarms.status().message();
  ASSERT_EQ(alarms->size(), 2u);

  const Alarm& firing = (*alarms)[0];
  EXPECT_EQ(firing.integration, kIntegration);
  EXPECT_EQ(firing.alarm_id, "5c1b5f3c8a8e2d11");
  EXPECT_EQ(firing.alarm_name, "KubePodCrashLooping");
  EXPECT_EQ(firing.level, AlarmLevel::kMajor);  // warning
  EXPECT_EQ(firing.status, AlarmStatus::kAlarm);
  EXPECT_EQ(firing.time_ms, 1795428000123);  // startsAt, nanoseconds dropped
  EXPECT_EQ(firing.name_space, "payments");
  EXPECT_EQ(firing.application_id, "payments-api");
  EXPECT_EQ(firing.resource_id, "10.0.3.17:8080");
  EXPECT_EQ(firing.resource_name, "10.0.3.17:8080");
  EXPECT_EQ(firing.region_id, "eu-west-1");
  EXPECT_EQ(firing.alarm_desc, "Pod is crash looping.");
  EXPECT_EQ(firing.url,
            "http://prometheus-k8s-0:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_"
            "waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29+%3E%3D+1&g0.tab=1");
  EXPECT_EQ(firing.alarm_source, "alertmanager");
  EXPECT_EQ(firing.additional_json,
            R"({"labels":{"alertname":"KubePodCrashLooping","container":"api",)"
            R"("instance":"10.0.3.17:8080","job":"kube-state-metrics","namespace":"payments",)"
            R"("pod":"api-7d9f8b6c4-x2x9z","prometheus":"monitoring/k8s","region":"eu-west-1",)"
            R"("service":"payments-api","severity":"warning"},)"
            R"("annotations":{"description":"Pod payments/api-7d9f8b6c4-x2x9z (api) is in )"
            R"(waiting state (reason: \"CrashLoopBackOff\").",)"
            R"("runbook_url":"https://runbooks.prometheus-operator.dev/runbooks/kubernetes/)"
            R"(kubepodcrashlooping","summary":"Pod is crash looping."},)"
            R"("groupKey":"{}/{severity=~\"warning|critical\"}:{namespace=\"payments\"}",)"
            R"("receiver":"alarmgate","externalURL":"http://alertmanager-main-0:9093"})");
  // body_json is the alert entry alone, minified.
  EXPECT_EQ(firing.body_json.substr(0, 45), R"({"status":"firing","labels":{"alertname":"Kub)");
  EXPECT_EQ(firing.body_json.find('\n'), std::string::npos);
  EXPECT_EQ(firing.body_json.find("groupKey"), std::string::npos);
  EXPECT_NE(firing.body_json.find(R"("fingerprint":"5c1b5f3c8a8e2d11"})"), std::string::npos);

  const Alarm& resolved = (*alarms)[1];
  EXPECT_EQ(resolved.alarm_id, "a0b1c2d3e4f50617");
  EXPECT_EQ(resolved.alarm_name, "TargetDown");
  EXPECT_EQ(resolved.level, AlarmLevel::kCritical);
  EXPECT_EQ(resolved.status, AlarmStatus::kOk);
  EXPECT_EQ(resolved.time_ms, 1795399530500);           // endsAt 02:05:30.5 UTC
  EXPECT_EQ(resolved.name_space, "node-exporter");      // no namespace label: job
  EXPECT_EQ(resolved.application_id, "node-exporter");  // no service label: job
  EXPECT_EQ(resolved.resource_id, "");
  EXPECT_EQ(resolved.region_id, "");
  EXPECT_EQ(resolved.alarm_desc, "100% of the node-exporter/node-exporter targets are down.");
}

TEST(AlertmanagerPayloadParserTest, OldAlertmanagerWithoutOptionalTopLevelFields) {
  // As Alertmanager before 0.19 (no truncatedAlerts) with groupKey/receiver/externalURL left out
  // too, a different version string and an unknown field: accepted, absent fields become null.
  Result<std::vector<Alarm>> alarms = ParseBody(
      R"({"version":"3","status":"firing","futureField":[1,2],"alerts":[{"status":"firing",)"
      R"("labels":{"alertname":"Up"},"startsAt":"2026-01-01T00:00:00Z","fingerprint":"f1"}]})");
  ASSERT_TRUE(alarms.ok()) << alarms.status().message();
  ASSERT_EQ(alarms->size(), 1u);
  const Alarm& a = (*alarms)[0];
  EXPECT_EQ(a.time_ms, 1767225600000);
  EXPECT_EQ(a.name_space, "default");
  EXPECT_EQ(a.application_id, "default");
  EXPECT_EQ(a.alarm_desc, "Up");  // neither summary nor description: the alertname
  EXPECT_EQ(a.level, AlarmLevel::kInfo);
  EXPECT_EQ(a.url, "");
  EXPECT_EQ(a.additional_json, R"({"labels":{"alertname":"Up"},"annotations":{},"groupKey":null,)"
                               R"("receiver":null,"externalURL":null})");
  EXPECT_EQ(a.body_json, R"({"status":"firing","labels":{"alertname":"Up"},)"
                         R"("startsAt":"2026-01-01T00:00:00Z","fingerprint":"f1"})");
}

TEST(AlertmanagerPayloadParserTest, EmptyAlertsIsValid) {
  Result<std::vector<Alarm>> alarms = ParseBody(R"({"version":"4","alerts":[]})");
  ASSERT_TRUE(alarms.ok()) << alarms.status().message();
  EXPECT_TRUE(alarms->empty());
}

// One alert built from its labels/annotations (raw JSON) and optional extra members.
std::string Payload(std::string_view labels, std::string_view annotations = "{}",
                    std::string_view status = "firing", std::string_view extra = "") {
  return std::string(R"({"alerts":[{"status":")") + std::string(status) + R"(","labels":)" +
         std::string(labels) + R"(,"annotations":)" + std::string(annotations) +
         R"(,"startsAt":"2026-11-23T10:00:00Z","endsAt":"2026-11-23T11:00:00Z",)" +
         R"("fingerprint":"fp")" + std::string(extra) + "}]}";
}

Alarm ParseOne(const std::string& body, const SeverityMap& severity_map = {}) {
  Result<std::vector<Alarm>> alarms = ParseBody(body, severity_map);
  EXPECT_TRUE(alarms.ok()) << alarms.status().message();
  if (!alarms.ok() || alarms->size() != 1) return Alarm{};
  return (*alarms)[0];
}

struct MappingCase {
  std::string name;
  std::string labels;
  std::string annotations;
  std::function<std::string(const Alarm&)> read;
  std::string want;
};

TEST(AlertmanagerPayloadParserTest, FieldFallbacks) {
  auto ns = [](const Alarm& a) { return a.name_space; };
  auto app = [](const Alarm& a) { return a.application_id; };
  auto desc = [](const Alarm& a) { return a.alarm_desc; };
  auto res = [](const Alarm& a) { return a.resource_id + "/" + a.resource_name; };
  auto region = [](const Alarm& a) { return a.region_id; };
  const std::vector<MappingCase> cases = {
      {"namespace wins over job", R"({"alertname":"A","namespace":"n","job":"j"})", "{}", ns, "n"},
      {"job when no namespace", R"({"alertname":"A","job":"j"})", "{}", ns, "j"},
      {"empty namespace is absent", R"({"alertname":"A","namespace":"","job":"j"})", "{}", ns, "j"},
      {"null namespace is absent", R"({"alertname":"A","namespace":null,"job":"j"})", "{}", ns,
       "j"},
      {"default namespace", R"({"alertname":"A"})", "{}", ns, "default"},
      {"service wins over job", R"({"alertname":"A","service":"s","job":"j"})", "{}", app, "s"},
      {"job when no service", R"({"alertname":"A","job":"j"})", "{}", app, "j"},
      {"default application", R"({"alertname":"A"})", "{}", app, "default"},
      {"instance is the resource", R"({"alertname":"A","instance":"h:9100"})", "{}", res,
       "h:9100/h:9100"},
      {"region", R"({"alertname":"A","region":"r1"})", "{}", region, "r1"},
      {"summary wins", R"({"alertname":"A"})", R"({"summary":"S","description":"D"})", desc, "S"},
      {"description when no summary", R"({"alertname":"A"})", R"({"description":"D"})", desc, "D"},
      {"empty summary is absent", R"({"alertname":"A"})", R"({"summary":"","description":"D"})",
       desc, "D"},
      {"alertname when neither", R"({"alertname":"A"})", R"({"runbook_url":"u"})", desc, "A"},
  };
  for (const MappingCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.read(ParseOne(Payload(c.labels, c.annotations))), c.want);
  }
}

TEST(AlertmanagerPayloadParserTest, BuiltinSeverityMap) {
  const std::vector<std::pair<std::string, AlarmLevel>> cases = {
      {R"("critical")", AlarmLevel::kCritical},
      {R"("CRITICAL")", AlarmLevel::kCritical},
      {R"("error")", AlarmLevel::kMajor},
      {R"("major")", AlarmLevel::kMajor},
      {R"("warning")", AlarmLevel::kMajor},
      {R"("Warning")", AlarmLevel::kMajor},
      {R"("minor")", AlarmLevel::kMinor},
      {R"("info")", AlarmLevel::kInfo},
      {R"("none")", AlarmLevel::kInfo},
      {R"("other")", AlarmLevel::kInfo},
      {R"("page")", AlarmLevel::kInfo},
      {R"("")", AlarmLevel::kInfo},
      {"null", AlarmLevel::kInfo},
  };
  for (const auto& [severity, want] : cases) {
    SCOPED_TRACE(severity);
    EXPECT_EQ(ParseOne(Payload(R"({"alertname":"A","severity":)" + severity + "}")).level, want);
  }
  EXPECT_EQ(ParseOne(Payload(R"({"alertname":"A"})")).level, AlarmLevel::kInfo);
}

TEST(AlertmanagerPayloadParserTest, CustomSeverityMapOverridesTheBuiltinOneValueByValue) {
  const SeverityMap custom = {
      {"p1", AlarmLevel::kCritical}, {"warning", AlarmLevel::kMinor}, {"p3", AlarmLevel::kMajor}};
  const std::vector<std::pair<std::string, AlarmLevel>> cases = {
      {"p1", AlarmLevel::kCritical},  // looked up lower-cased
      {"P1", AlarmLevel::kCritical},
      {"warning", AlarmLevel::kMinor},  // overrides the built-in Major
      {"p3", AlarmLevel::kMajor},
      {"critical", AlarmLevel::kCritical},  // not in the custom map: the built-in one applies
      {"unknown", AlarmLevel::kInfo},
  };
  for (const auto& [severity, want] : cases) {
    SCOPED_TRACE(severity);
    EXPECT_EQ(
        ParseOne(Payload(R"({"alertname":"A","severity":")" + severity + "\"}"), custom).level,
        want);
  }
}

TEST(AlertmanagerPayloadParserTest, StatusPicksStatusAndTime) {
  Alarm firing = ParseOne(Payload(R"({"alertname":"A"})", "{}", "firing"));
  EXPECT_EQ(firing.status, AlarmStatus::kAlarm);
  EXPECT_EQ(firing.time_ms, 1795428000000);  // startsAt
  Alarm resolved = ParseOne(Payload(R"({"alertname":"A"})", "{}", "resolved"));
  EXPECT_EQ(resolved.status, AlarmStatus::kOk);
  EXPECT_EQ(resolved.time_ms, 1795431600000);  // endsAt
}

TEST(AlertmanagerPayloadParserTest, FiringIgnoresZeroEndsAtAndResolvedIgnoresStartsAt) {
  Alarm firing = ParseOne(
      R"({"alerts":[{"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-23T10:00:00Z",)"
      R"("endsAt":"0001-01-01T00:00:00Z","fingerprint":"fp"}]})");
  EXPECT_EQ(firing.time_ms, 1795428000000);
  Alarm resolved =
      ParseOne(R"({"alerts":[{"status":"resolved","labels":{"alertname":"A"},"startsAt":"garbage",)"
               R"("endsAt":"2026-11-23T10:00:00Z","fingerprint":"fp"}]})");
  EXPECT_EQ(resolved.time_ms, 1795428000000);
}

TEST(AlertmanagerPayloadParserTest, LongStringsAreCutNotRefused) {
  const std::string long_url = "http://prom:9090/graph?g0.expr=" + Repeat("x", 400);
  const std::string accented = Repeat("é", 300);  // 2 bytes each: the cut counts characters
  Alarm a =
      ParseOne(Payload(R"({"alertname":")" + accented + R"(","namespace":")" + Repeat("n", 300) +
                           R"(","service":")" + Repeat("s", 300) + R"(","instance":")" +
                           Repeat("i", 300) + R"(","region":")" + Repeat("r", 300) + "\"}",
                       R"({"summary":")" + Repeat("€", 300) + "\"}", "firing",
                       R"(,"generatorURL":")" + long_url + "\""));
  EXPECT_EQ(a.alarm_name, Repeat("é", 255));
  EXPECT_EQ(a.name_space, Repeat("n", 255));
  EXPECT_EQ(a.application_id, Repeat("s", 255));
  EXPECT_EQ(a.resource_id, Repeat("i", 255));
  EXPECT_EQ(a.resource_name, Repeat("i", 255));
  EXPECT_EQ(a.region_id, Repeat("r", 255));
  EXPECT_EQ(a.alarm_desc, Repeat("€", 255));
  EXPECT_EQ(a.url, long_url.substr(0, 255));
  // `additional` keeps the labels and annotations uncut.
  EXPECT_NE(a.additional_json.find(accented), std::string::npos);
}

TEST(AlertmanagerPayloadParserTest, AlertCountLimit) {
  auto payload = [](size_t n) {
    std::string body = R"({"version":"4","alerts":[)";
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) body += ",";
      body += R"({"status":"firing","labels":{"alertname":"A"},)"
              R"("startsAt":"2026-11-23T10:00:00Z","fingerprint":"fp)" +
              std::to_string(i) + "\"}";
    }
    return body + "]}";
  };
  Result<std::vector<Alarm>> thousand = ParseBody(payload(1000));
  ASSERT_TRUE(thousand.ok()) << thousand.status().message();
  ASSERT_EQ(thousand->size(), 1000u);
  EXPECT_EQ((*thousand)[999].alarm_id, "fp999");

  Result<std::vector<Alarm>> too_many = ParseBody(payload(1001));
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_many.status().message(), "alerts size must be between 0 and 1000");
}

struct ErrorCase {
  std::string name;
  std::string body;
  std::string message;
};

TEST(AlertmanagerPayloadParserTest, Refusals) {
  const std::string ok_alert =
      R"({"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-23T10:00:00Z","fingerprint":"f"})";
  auto alerts = [](const std::string& items) { return R"({"alerts":[)" + items + "]}"; };
  // The valid alert with `member` replaced by `raw` (a raw JSON value) or dropped.
  auto alert_with = [](const std::string& member, std::optional<std::string> raw,
                       std::string status = "firing") {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"status", "\"" + status + "\""},
        {"labels", R"({"alertname":"A"})"},
        {"startsAt", R"("2026-11-23T10:00:00Z")"},
        {"endsAt", R"("2026-11-23T11:00:00Z")"},
        {"fingerprint", R"("f")"}};
    std::string s = "{";
    for (const auto& [name, value] : fields) {
      if (name == member) {
        if (!raw) continue;
        s += "\"" + name + "\":" + *raw + ",";
      } else {
        s += "\"" + name + "\":" + value + ",";
      }
    }
    s.back() = '}';
    return R"({"alerts":[)" + s + "]}";
  };
  const std::vector<ErrorCase> cases = {
      {"array body", "[]", "request body must be a JSON object"},
      {"string body", R"("x")", "request body must be a JSON object"},
      {"alerts missing", R"({"version":"4"})", "alerts must not be null"},
      {"alerts null", R"({"alerts":null})", "alerts must not be null"},
      {"alerts object", R"({"alerts":{}})", "alerts must be an array"},
      {"alert not object", alerts(ok_alert + ",1"), "alerts[1] must be an object"},
      {"status missing", alert_with("status", std::nullopt), "alerts[0].status must not be null"},
      {"status number", alert_with("status", "1"), "alerts[0].status must be a string"},
      {"status unknown", alert_with("status", R"("pending")"),
       "alerts[0].status must be one of firing, resolved"},
      {"labels missing", alert_with("labels", std::nullopt),
       "alerts[0].labels.alertname must not be null"},
      {"labels array", alert_with("labels", "[]"), "alerts[0].labels must be an object"},
      {"alertname missing", alert_with("labels", R"({"job":"j"})"),
       "alerts[0].labels.alertname must not be null"},
      {"alertname empty", alert_with("labels", R"({"alertname":""})"),
       "alerts[0].labels.alertname must not be null"},
      {"label value number", alert_with("labels", R"({"alertname":"A","code":500})"),
       "alerts[0].labels.code must be a string"},
      {"alertname number", alert_with("labels", R"({"alertname":5})"),
       "alerts[0].labels.alertname must be a string"},
      {"annotations string", alert_with("labels", R"({"alertname":"A"},"annotations":"x")"),
       "alerts[0].annotations must be an object"},
      {"annotation value object",
       alert_with("labels", R"({"alertname":"A"},"annotations":{"summary":{}})"),
       "alerts[0].annotations.summary must be a string"},
      {"startsAt missing", alert_with("startsAt", std::nullopt),
       "alerts[0].startsAt must not be null"},
      {"startsAt number", alert_with("startsAt", "1795428000000"),
       "alerts[0].startsAt must be a string"},
      {"startsAt not a time", alert_with("startsAt", R"("yesterday")"),
       "alerts[0].startsAt must be an RFC 3339 time, e.g. 2026-11-23T10:00:00Z"},
      {"startsAt without zone", alert_with("startsAt", R"("2026-11-23T10:00:00")"),
       "alerts[0].startsAt must be an RFC 3339 time, e.g. 2026-11-23T10:00:00Z"},
      {"startsAt epoch", alert_with("startsAt", R"("1970-01-01T00:00:00Z")"),
       "alerts[0].startsAt must be after 1970-01-01T00:00:00Z"},
      {"resolved with zero endsAt", alert_with("endsAt", R"("0001-01-01T00:00:00Z")", "resolved"),
       "alerts[0].endsAt must be after 1970-01-01T00:00:00Z"},
      {"resolved without endsAt", alert_with("endsAt", std::nullopt, "resolved"),
       "alerts[0].endsAt must not be null"},
      {"generatorURL number", alert_with("endsAt", R"("x","generatorURL":1)"),
       "alerts[0].generatorURL must be a string"},
      {"fingerprint missing", alert_with("fingerprint", std::nullopt),
       "alerts[0].fingerprint must not be null"},
      {"fingerprint number", alert_with("fingerprint", "12"),
       "alerts[0].fingerprint must be a string"},
      {"fingerprint empty", alert_with("fingerprint", R"("")"),
       "alerts[0].fingerprint size must be between 1 and 255"},
      {"fingerprint too long", alert_with("fingerprint", "\"" + Repeat("f", 256) + "\""),
       "alerts[0].fingerprint size must be between 1 and 255"},
      {"every problem of every alert",
       alerts(ok_alert + R"(,{"status":"x","labels":{}},"s",{"labels":{"alertname":"B"},)"
                         R"("status":"resolved","endsAt":"bad","fingerprint":"g"})"),
       "alerts[1].status must be one of firing, resolved | alerts[1].labels.alertname must not be "
       "null | alerts[1].fingerprint must not be null | alerts[2] must be an object | "
       "alerts[3].endsAt must be an RFC 3339 time, e.g. 2026-11-23T10:00:00Z"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.body);
    Result<std::vector<Alarm>> result = ParseBody(c.body);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(), c.message);
  }
}

TEST(AlertmanagerPayloadParserTest, FingerprintOf255CharactersIsAccepted) {
  const std::string fp = Repeat("ü", 255);
  Result<std::vector<Alarm>> alarms =
      ParseBody(R"({"alerts":[{"status":"firing","labels":{"alertname":"A"},)"
                R"("startsAt":"2026-11-23T10:00:00Z","fingerprint":")" +
                fp + "\"}]}");
  ASSERT_TRUE(alarms.ok()) << alarms.status().message();
  EXPECT_EQ((*alarms)[0].alarm_id, fp);
}

TEST(CutToCharsTest, CutsAtCharacterBoundaries) {
  EXPECT_EQ(CutToChars("abc", 5), "abc");
  EXPECT_EQ(CutToChars("abc", 3), "abc");
  EXPECT_EQ(CutToChars("abc", 2), "ab");
  EXPECT_EQ(CutToChars("aé€😀b", 4), "aé€😀");
  EXPECT_EQ(CutToChars("aé€😀b", 3), "aé€");
  EXPECT_EQ(CutToChars("😀😀", 1), "😀");
  EXPECT_EQ(CutToChars("abc", 0), "");
}

}  // namespace
}  // namespace alarmgate
