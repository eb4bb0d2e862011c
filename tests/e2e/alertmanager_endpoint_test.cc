// The Alertmanager webhook endpoint through the real binary (contract §4.2), posted to directly
// with the payloads Alertmanager sends: one alarm per alert, the field and severity mapping,
// resolve, lenient parsing of older payloads, all-or-nothing refusal naming the alert, keys of
// other formats, and 503 (never 429) when rate limited.

#include <string>
#include <tuple>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/alertmanager_process.h"
#include "tests/e2e/harness/alertmanager_webhook.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/integration_yaml.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

constexpr const char* kAmName = "prometheus";  // the default config's alertmanager integration
constexpr const char* kMappedKey = "mapped-am-key";
constexpr const char* kMappedName = "prom-mapped";
constexpr const char* kLimitedAmKey = "limited-am-key";
constexpr const char* kLimitedAmName = "prom-limited";

// One incident per alert; its title shows how the alert was mapped onto the alarm fields.
constexpr const char* kRules = R"(rules:
  - name: am-mapping
    match: {integration: prometheus}
    incident:
      assignee: oncall-1
      title: "${alarmName}|${alarmLevel}|${nameSpace}|${applicationId}|${resourceName}|${regionId}|${alarmDesc}|${alarmSource}"
    resolve: any_ok
)";

// Two alerts of one group as Prometheus + Alertmanager produce them.
WebhookAlert LatencyApi1(int64_t starts_ms) {
  WebhookAlert a;
  a.labels = {{"alertname", "HighLatency"}, {"severity", "critical"},
              {"instance", "api-1:9100"},   {"job", "node"},
              {"namespace", "payments"},    {"service", "checkout"},
              {"region", "eu-west-1"}};
  a.annotations = {{"summary", "p99 latency above 2s on api-1"},
                   {"description", "p99 latency has been above 2s for 5 minutes"}};
  a.starts_at = AmTimestamp(starts_ms);
  a.fingerprint = "4f9c2a1b7d3e5f60";
  return a;
}
WebhookAlert LatencyApi2(int64_t starts_ms) {
  WebhookAlert a;
  a.labels = {{"alertname", "HighLatency"},
              {"severity", "warning"},
              {"instance", "api-2:9100"},
              {"job", "node"}};
  a.annotations = {{"description", "p99 latency above 1s"}};
  a.starts_at = AmTimestamp(starts_ms);
  a.fingerprint = "a1b2c3d4e5f60718";
  return a;
}

class AlertmanagerEndpointTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.integrations.push_back(
        {.key = kMappedKey, .name = kMappedName, .format = "alertmanager"});
    config.integrations.push_back({.key = kLimitedAmKey,
                                   .name = kLimitedAmName,
                                   .format = "alertmanager",
                                   .rate_limit_per_s = 1});
    config.rules_yaml = kRules;
    server_ = std::make_unique<AlarmgateProcess>(config);
    server_->WriteConfigText(AddIntegrationKeys(config.Render(server_->data_dir()), kMappedName,
                                                "severity_map: {critical: Major, page: Critical}"));
    ASSERT_TRUE(server_->Start());
    Reconnect();
    now_ = NowMs();
  }

  HttpResult PostWebhook(const WebhookPayload& p, const std::string& key = kAlertmanagerKey) {
    return client_->Post(AlertmanagerWebhookPath(key), p.ToJson());
  }
  // A 200 whose data is one outcome per alert; the parsed reply.
  JsonDoc ExpectOutcomes(const HttpResult& r, size_t n, const std::string& request) {
    EXPECT_EQ(r.status, 200) << request << " -> " << r.body;
    JsonDoc doc(r.body);
    EXPECT_EQ(doc.String("/error_code"), "COC.00000000") << r.body;
    EXPECT_EQ(doc.String("/provider_code"), "049") << r.body;
    EXPECT_EQ(doc.Type("/data"), "array") << r.body;
    EXPECT_EQ(doc.ArraySize("/data"), n) << r.body;
    return doc;
  }
  JsonDoc AlarmOf(const std::string& integration, const std::string& am_fingerprint) {
    HttpResult r = GetAlarm(Fingerprint(integration, am_fingerprint));
    EXPECT_EQ(r.status, 200) << am_fingerprint << ": " << r.body;
    return JsonDoc(r.body);
  }
  size_t StoredAlarms(const std::string& integration) {
    HttpResult r = client_->Get("/v1/alarms?integration=" + integration, OpsAuth());
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body).ArraySize("/data/alarms").value_or(999);
  }

  int64_t now_ = 0;
};

TEST_F(AlertmanagerEndpointTest, TwoAlertsOfOneGroupAreTwoAlarms) {
  WebhookPayload p;
  p.alerts = {LatencyApi1(now_ - 120000), LatencyApi2(now_ - 60000)};
  const std::string body = p.ToJson();
  JsonDoc reply =
      ExpectOutcomes(client_->Post(AlertmanagerWebhookPath(kAlertmanagerKey), body), 2, body);
  const std::string fp1 = Fingerprint(kAmName, "4f9c2a1b7d3e5f60");
  const std::string fp2 = Fingerprint(kAmName, "a1b2c3d4e5f60718");
  EXPECT_EQ(reply.String("/data/0/fingerprint"), fp1);
  EXPECT_EQ(reply.String("/data/1/fingerprint"), fp2);
  EXPECT_EQ(reply.Bool("/data/0/duplicate"), false);
  EXPECT_EQ(reply.Bool("/data/1/duplicate"), false);

  // alarmName = alertname, level from labels.severity, nameSpace = namespace or job,
  // applicationId = service or job, resourceName = instance, regionId = region,
  // alarmDesc = summary or description, alarmSource = alertmanager.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/data/0/incident_num",
       "HighLatency|Critical|payments|checkout|api-1:9100|eu-west-1|p99 latency above 2s on "
       "api-1|alertmanager"},
      {"/data/1/incident_num",
       "HighLatency|Major|node|node|api-2:9100||p99 latency above 1s|"
       "alertmanager"},
  };
  for (const auto& [pointer, title] : expected) {
    auto num = reply.String(pointer);
    ASSERT_TRUE(num && LooksLikeIncidentNum(*num)) << pointer << ": " << body;
    HttpResult detail = GetIncident(*client_, *num);
    EXPECT_EQ(JsonDoc(detail.body).String("/data/incident_title"), title) << detail.body;
  }

  for (const auto& [am_fp, level, alert] : {std::tuple{"4f9c2a1b7d3e5f60", "Critical", p.alerts[0]},
                                            std::tuple{"a1b2c3d4e5f60718", "Major", p.alerts[1]}}) {
    JsonDoc alarm = AlarmOf(kAmName, am_fp);
    EXPECT_EQ(alarm.String("/data/alarm_id"), am_fp);
    EXPECT_EQ(alarm.String("/data/status"), "alarm");
    EXPECT_EQ(alarm.String("/data/level"), level);
    EXPECT_EQ(alarm.Int("/data/count"), 1);
    // The alert entry is kept as the alarm's last event.
    EXPECT_EQ(alarm.Minified("/data/last_event"), JsonDoc(alert.ToJson()).Minified(""));
  }

  // Alertmanager repeats a notification (repeat_interval, or a retry): nothing new happens.
  JsonDoc repeat = ExpectOutcomes(PostWebhook(p), 2, body);
  EXPECT_EQ(repeat.Bool("/data/0/duplicate"), true);
  EXPECT_EQ(repeat.Bool("/data/1/duplicate"), true);
  EXPECT_EQ(AlarmOf(kAmName, "4f9c2a1b7d3e5f60").Int("/data/count"), 1);
  EXPECT_EQ(StoredAlarms(kAmName), 2u);
  EXPECT_EQ(ListIncidentNums(*client_).size(), 2u);
}

TEST_F(AlertmanagerEndpointTest, ResolvedAlertsTurnOkResolveTheirIncidentsAndKeepTheLastEvent) {
  WebhookPayload firing;
  firing.alerts = {LatencyApi1(now_ - 120000), LatencyApi2(now_ - 60000)};
  JsonDoc opened = ExpectOutcomes(PostWebhook(firing), 2, firing.ToJson());
  auto num1 = opened.String("/data/0/incident_num");
  auto num2 = opened.String("/data/1/incident_num");
  ASSERT_TRUE(num1 && num2) << firing.ToJson();

  WebhookPayload resolved;
  resolved.alerts = {firing.alerts[0].Resolved(now_ - 1000), firing.alerts[1].Resolved(now_)};
  const std::string body = resolved.ToJson();
  JsonDoc reply = ExpectOutcomes(PostWebhook(resolved), 2, body);
  EXPECT_EQ(reply.Bool("/data/0/duplicate"), false) << body;
  EXPECT_EQ(reply.Bool("/data/1/duplicate"), false) << body;

  const std::vector<std::tuple<std::string, std::string, WebhookAlert>> table = {
      {"4f9c2a1b7d3e5f60", "Critical", resolved.alerts[0]},
      {"a1b2c3d4e5f60718", "Major", resolved.alerts[1]}};
  for (const auto& [am_fp, level, alert] : table) {
    JsonDoc alarm = AlarmOf(kAmName, am_fp);
    EXPECT_EQ(alarm.String("/data/status"), "ok");
    EXPECT_EQ(alarm.String("/data/level"), level);
    EXPECT_EQ(alarm.Int("/data/count"), 2);
    // time = endsAt for a resolved alert.
    EXPECT_EQ(alarm.Int("/data/last_transition_time"),
              am_fp == std::string("4f9c2a1b7d3e5f60") ? now_ - 1000 : now_);
    EXPECT_EQ(alarm.Minified("/data/last_event"), JsonDoc(alert.ToJson()).Minified(""));
    EXPECT_EQ(alarm.String("/data/last_event/status"), "resolved");
  }
  EXPECT_EQ(IncidentStatusOf(*client_, *num1), kResolved);
  EXPECT_EQ(IncidentStatusOf(*client_, *num2), kResolved);
}

// labels.severity through the built-in map, and through an integration's severity_map whose
// entries override it (label values match case-insensitively).
TEST_F(AlertmanagerEndpointTest, SeverityLabelMapsToAlarmLevel) {
  struct Case {
    std::string integration_key;
    std::string integration;
    std::string severity;  // "" = no severity label
    std::string level;
  };
  const std::vector<Case> table = {
      {kAlertmanagerKey, kAmName, "critical", "Critical"},
      {kAlertmanagerKey, kAmName, "error", "Major"},
      {kAlertmanagerKey, kAmName, "major", "Major"},
      {kAlertmanagerKey, kAmName, "warning", "Major"},
      {kAlertmanagerKey, kAmName, "minor", "Minor"},
      {kAlertmanagerKey, kAmName, "info", "Info"},
      {kAlertmanagerKey, kAmName, "none", "Info"},
      {kAlertmanagerKey, kAmName, "other", "Info"},
      {kAlertmanagerKey, kAmName, "", "Info"},
      {kMappedKey, kMappedName, "critical", "Major"},
      {kMappedKey, kMappedName, "page", "Critical"},
      {kMappedKey, kMappedName, "Page", "Critical"},
  };
  for (size_t i = 0; i < table.size(); ++i) {
    const Case& c = table[i];
    WebhookAlert a = LatencyApi2(now_ - 1000);
    a.fingerprint = "sev" + std::to_string(i);
    a.labels.erase("severity");
    if (!c.severity.empty()) a.labels["severity"] = c.severity;
    WebhookPayload p;
    p.alerts = {a};
    ExpectOutcomes(PostWebhook(p, c.integration_key), 1, p.ToJson());
    EXPECT_EQ(AlarmOf(c.integration, a.fingerprint).String("/data/level"), c.level)
        << c.integration << " severity=" << c.severity;
  }
}

// Alertmanager before 0.20 sent no truncatedAlerts; the payload is otherwise the same.
TEST_F(AlertmanagerEndpointTest, PayloadOfAnOlderAlertmanagerIsAccepted) {
  WebhookPayload p;
  p.alerts = {LatencyApi1(now_ - 1000), LatencyApi2(now_ - 1000)};
  p.with_truncated_alerts = false;
  const std::string body = p.ToJson();
  ASSERT_EQ(body.find("truncatedAlerts"), std::string::npos);
  ExpectOutcomes(PostWebhook(p), 2, body);
  EXPECT_EQ(StoredAlarms(kAmName), 2u);
}

TEST_F(AlertmanagerEndpointTest, EmptyAlertsIs200AndStoresNothing) {
  WebhookPayload p;
  HttpResult r = PostWebhook(p);
  ExpectOutcomes(r, 0, p.ToJson());
  EXPECT_EQ(StoredAlarms(kAmName), 0u);
}

struct MalformedCase {
  const char* name;
  std::string body;
  std::vector<std::string> messages;  // each appears in error_msg
};

std::vector<MalformedCase> MalformedCases(int64_t now) {
  // alerts[0] is valid in every case: it must not be stored either.
  auto second = [now](auto change) {
    WebhookPayload p;
    WebhookAlert bad = LatencyApi2(now - 1000);
    change(bad);
    p.alerts = {LatencyApi1(now - 1000), bad};
    return p.ToJson();
  };
  std::string both_bad;
  {
    WebhookPayload p;
    p.alerts = {LatencyApi1(now - 1000), LatencyApi2(now - 1000)};
    p.alerts[0].fingerprint = "";
    p.alerts[1].labels.erase("alertname");
    both_bad = p.ToJson();
  }
  std::string not_object = second([](WebhookAlert&) {});
  const std::string api2 = LatencyApi2(now - 1000).ToJson();
  not_object.replace(not_object.find(api2), api2.size(), "42");
  return {
      {"NoAlertname",
       second([](WebhookAlert& a) { a.labels.erase("alertname"); }),
       {"alerts[1].labels.alertname must not be null"}},
      {"UnknownStatus",
       second([](WebhookAlert& a) { a.status = "pending"; }),
       {"alerts[1].status must be one of firing, resolved"}},
      {"NoStatus", second([](WebhookAlert& a) { a.status = ""; }), {"alerts[1].status"}},
      {"BadStartsAt",
       second([](WebhookAlert& a) { a.starts_at = "yesterday"; }),
       {"alerts[1].startsAt"}},
      {"ResolvedWithoutEndsAt",
       second([](WebhookAlert& a) {
         a.status = "resolved";
         a.ends_at = "";
       }),
       {"alerts[1].endsAt"}},
      {"NoFingerprint",
       second([](WebhookAlert& a) { a.fingerprint = ""; }),
       {"alerts[1].fingerprint"}},
      {"AlertNotAnObject", not_object, {"alerts[1]"}},
      {"TwoBadAlerts",
       both_bad,
       {"alerts[0].fingerprint", " | ", "alerts[1].labels.alertname must not be null"}},
      {"NoAlerts", R"({"receiver":"alarmgate","status":"firing","version":"4"})", {"alerts"}},
      {"AlertsNotAnArray", R"({"version":"4","alerts":{}})", {"alerts"}},
      {"NotJson", "alerts=1", {}},
      {"TopLevelArray", "[" + second([](WebhookAlert&) {}) + "]", {}},
  };
}

TEST_F(AlertmanagerEndpointTest, MalformedPayloadsAre400NamingTheAlertAndStoreNothing) {
  for (const MalformedCase& c : MalformedCases(now_)) {
    SCOPED_TRACE(c.name);
    HttpResult r = client_->Post(AlertmanagerWebhookPath(kAlertmanagerKey), c.body);
    ExpectIngestError(r, 400, "COC.00000001");
    const std::string msg = JsonDoc(r.body).String("/error_msg").value_or("");
    EXPECT_FALSE(msg.empty()) << r.body;
    for (const std::string& m : c.messages) {
      EXPECT_NE(msg.find(m), std::string::npos) << "expected '" << m << "' in: " << r.body;
    }
  }
  EXPECT_EQ(StoredAlarms(kAmName), 0u);
  EXPECT_EQ(GetAlarm(Fingerprint(kAmName, "4f9c2a1b7d3e5f60")).status, 404);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
}

TEST_F(AlertmanagerEndpointTest, KeysOfAnotherFormatAre401) {
  WebhookPayload p;
  p.alerts = {LatencyApi1(now_ - 1000)};
  // A COC key (and a disabled or unknown one) on the Alertmanager path.
  for (const char* key : {kCocKey, kDisabledKey, "no-such-key"}) {
    SCOPED_TRACE(key);
    ExpectIngestError(PostWebhook(p, key), 401, "common.01010001");
  }
  // An Alertmanager key on the COC path.
  CocAlarm coc;
  coc.alarm_id = "coc-on-am-key";
  ExpectIngestError(PostAlarm(coc, kAlertmanagerKey), 401, "common.01010001");

  EXPECT_EQ(StoredAlarms(kAmName), 0u);
  EXPECT_EQ(StoredAlarms(kCocName), 0u);
}

// Alertmanager resends on 5xx only: a rate-limited notification answers 503 so it is retried.
TEST_F(AlertmanagerEndpointTest, RateLimitAnswers503WithRetryAfterNever429) {
  // prom-limited: 1 alarm/s, burst 2. A notification of two alerts spends the burst at once.
  std::vector<int> statuses;
  HttpResult limited;
  std::string refused_fp;
  for (int i = 0; i < 10; ++i) {
    WebhookPayload p;
    p.alerts = {LatencyApi1(now_ - 1000), LatencyApi2(now_ - 1000)};
    p.alerts[0].fingerprint = "rl-a-" + std::to_string(i);
    p.alerts[1].fingerprint = "rl-b-" + std::to_string(i);
    HttpResult r = PostWebhook(p, kLimitedAmKey);
    statuses.push_back(r.status);
    if (r.status != 200) {
      limited = r;
      refused_fp = p.alerts[0].fingerprint;
      break;
    }
  }
  ASSERT_GE(statuses.size(), 2u);
  EXPECT_EQ(statuses[0], 200);
  ASSERT_EQ(limited.status, 503) << "statuses: " << testing::PrintToString(statuses) << " "
                                 << limited.body;
  ExpectIngestError(limited, 503, "COC.00000503");
  auto retry_after = limited.Header("retry-after");
  ASSERT_TRUE(retry_after.has_value());
  EXPECT_GE(std::atoi(retry_after->c_str()), 1) << *retry_after;
  EXPECT_EQ(GetAlarm(Fingerprint(kLimitedAmName, refused_fp)).status, 404);

  // The retry Alertmanager makes once the bucket has refilled is accepted.
  WebhookPayload retry;
  retry.alerts = {LatencyApi1(now_ - 1000)};
  retry.alerts[0].fingerprint = refused_fp;
  HttpResult later;
  ASSERT_TRUE(PollUntil(
      [&] {
        later = PostWebhook(retry, kLimitedAmKey);
        EXPECT_NE(later.status, 429) << later.body;
        return later.status == 200;
      },
      std::chrono::seconds(5)))
      << later.status << " " << later.body;
  EXPECT_EQ(AlarmOf(kLimitedAmName, refused_fp).String("/data/status"), "alarm");
}

}  // namespace
}  // namespace alarmgate::e2e
