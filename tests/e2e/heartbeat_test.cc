// Heartbeats through the real binary (contract §4.5): a silent integration with
// heartbeat_timeout_s raises alarmgate's own alarm, which opens an incident through the rules;
// the integration's next request clears it, also across a kill -9; timeout 0 never raises.

#include <string>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/integration_yaml.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

using std::chrono::milliseconds;

constexpr const char* kHbKey = "heartbeat-coc-key";
constexpr const char* kHbName = "hb-monitor";
constexpr const char* kQuietKey = "quiet-coc-key";
constexpr const char* kQuietName = "quiet-monitor";
constexpr const char* kHeartbeatAlarmId = "alarmgate-heartbeat";

constexpr const char* kRules = R"(rules:
  - name: heartbeats
    match: {alarmName: {regex: "heartbeat missing: .*"}}
    incident:
      assignee: oncall-1
      title: "${alarmName}"
    resolve: any_ok
)";

// Raising takes timeout (1 s) + up to one check period (1 s); the rest is slack for a loaded host.
constexpr milliseconds kRaiseDeadline(8000);
constexpr milliseconds kClearDeadline(5000);

class HeartbeatTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.integrations.push_back({.key = kHbKey, .name = kHbName});
    config.integrations.push_back({.key = kQuietKey, .name = kQuietName});
    config.rules_yaml = kRules;
    server_ = std::make_unique<AlarmgateProcess>(config);
    std::string yaml = config.Render(server_->data_dir());
    yaml = AddIntegrationKeys(yaml, kHbName, "heartbeat_timeout_s: 1");
    yaml = AddIntegrationKeys(yaml, kQuietName, "heartbeat_timeout_s: 0");
    ASSERT_NE(yaml.find("heartbeat_timeout_s: 1"), std::string::npos) << yaml;
    server_->WriteConfigText(yaml);
    ASSERT_TRUE(server_->Start());
    Reconnect();
  }

  HttpResult HeartbeatAlarm(const std::string& integration) {
    return GetAlarm(Fingerprint(integration, kHeartbeatAlarmId));
  }
  // Polls until the heartbeat alarm of hb-monitor has `status` (and, for alarm, an incident);
  // the alarm's detail, or an empty doc on timeout.
  std::string WaitForHeartbeat(const std::string& status, milliseconds deadline) {
    std::string body;
    bool reached = PollUntil(
        [&] {
          HttpResult r = HeartbeatAlarm(kHbName);
          body = r.body;
          JsonDoc d(r.body);
          return r.status == 200 && d.String("/data/status") == status &&
                 (status != "alarm" || d.String("/data/incident_num").has_value());
        },
        deadline);
    EXPECT_TRUE(reached) << "heartbeat alarm never reached " << status << "; last: " << body;
    return reached ? body : "";
  }
  // One ordinary alarm from hb-monitor: the traffic that clears the heartbeat alarm.
  void SendTraffic(const std::string& alarm_id) {
    RuleAlarm a;
    a.alarm_id = alarm_id;
    Ingested r = PostRuleAlarm(*client_, a, kHbKey);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.incident_num.has_value()) << "no rule matches this alarm: " << r.body;
  }
};

TEST_F(HeartbeatTest, SilenceRaisesTheHeartbeatAlarmAndTrafficClearsIt) {
  const std::string raised = WaitForHeartbeat("alarm", kRaiseDeadline);
  ASSERT_FALSE(raised.empty());
  JsonDoc alarm(raised);
  EXPECT_EQ(alarm.String("/data/integration"), kHbName) << raised;
  EXPECT_EQ(alarm.String("/data/alarm_id"), kHeartbeatAlarmId) << raised;
  EXPECT_EQ(alarm.String("/data/level"), "Critical") << raised;
  EXPECT_EQ(alarm.String("/data/last_event/alarmName"), "heartbeat missing: hb-monitor") << raised;
  EXPECT_EQ(alarm.String("/data/last_event/alarmLevel"), "Critical") << raised;
  EXPECT_EQ(alarm.String("/data/last_event/alarmSource"), "alarmgate") << raised;
  const std::string num = alarm.String("/data/incident_num").value_or("");
  ASSERT_TRUE(LooksLikeIncidentNum(num)) << raised;
  HttpResult detail = GetIncident(*client_, num);
  JsonDoc d(detail.body);
  EXPECT_EQ(d.String("/data/status"), kTriggered) << detail.body;
  EXPECT_EQ(d.String("/data/incident_title"), "heartbeat missing: hb-monitor") << detail.body;

  // Integrations without a heartbeat (0, or no key at all) stayed silent just as long: nothing.
  EXPECT_EQ(HeartbeatAlarm(kQuietName).status, 404);
  EXPECT_EQ(HeartbeatAlarm(kCocName).status, 404);
  EXPECT_EQ(HeartbeatAlarm("prometheus").status, 404);

  SendTraffic("hb-traffic-1");
  const std::string cleared = WaitForHeartbeat("ok", kClearDeadline);
  ASSERT_FALSE(cleared.empty());
  EXPECT_EQ(JsonDoc(cleared).String("/data/last_event/alarmStatus"), "ok") << cleared;
  EXPECT_TRUE(
      PollUntil([&] { return IncidentStatusOf(*client_, num) == kResolved; }, kClearDeadline))
      << IncidentStatusOf(*client_, num);
  EXPECT_EQ(HeartbeatAlarm(kQuietName).status, 404);
}

// The integration is alive even when what it sends is refused: a request with its key clears.
TEST_F(HeartbeatTest, RefusedRequestWithTheIntegrationKeyAlsoClearsIt) {
  const std::string raised = WaitForHeartbeat("alarm", kRaiseDeadline);
  ASSERT_FALSE(raised.empty());
  const std::string num = JsonDoc(raised).String("/data/incident_num").value_or("");

  HttpResult r = client_->Post(CocPath(kHbKey), "{not json");
  ExpectIngestError(r, 400, "COC.00000001");
  ASSERT_FALSE(WaitForHeartbeat("ok", kClearDeadline).empty());
  EXPECT_TRUE(
      PollUntil([&] { return IncidentStatusOf(*client_, num) == kResolved; }, kClearDeadline))
      << IncidentStatusOf(*client_, num);
}

TEST_F(HeartbeatTest, RaisedHeartbeatSurvivesKill9AndTrafficAfterRestartClearsIt) {
  const std::string raised = WaitForHeartbeat("alarm", kRaiseDeadline);
  ASSERT_FALSE(raised.empty());
  const std::string num = JsonDoc(raised).String("/data/incident_num").value_or("");
  ASSERT_FALSE(num.empty()) << raised;

  server_->Kill9();
  ASSERT_TRUE(server_->Restart());
  Reconnect();
  // Still missing after the restart: the same alarm, the same open incident.
  HttpResult after = HeartbeatAlarm(kHbName);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(JsonDoc(after.body).String("/data/status"), "alarm") << after.body;
  EXPECT_EQ(JsonDoc(after.body).String("/data/incident_num"), num) << after.body;
  EXPECT_EQ(IncidentStatusOf(*client_, num), kTriggered);
  // The restart did not raise it a second time.
  EXPECT_EQ(ListIncidentNums(*client_), std::vector<std::string>{num});

  SendTraffic("hb-traffic-after-restart");
  ASSERT_FALSE(WaitForHeartbeat("ok", kClearDeadline).empty());
  EXPECT_TRUE(
      PollUntil([&] { return IncidentStatusOf(*client_, num) == kResolved; }, kClearDeadline))
      << IncidentStatusOf(*client_, num);
}

}  // namespace
}  // namespace alarmgate::e2e
