// POST /v1/rules/test through the real binary (contract §5): which rule an alarm matches, the
// incident its templates expand to, its group key and the remediation that would run, while
// nothing is stored.

#include <string>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

constexpr const char* kRules = R"yaml(rules:
  - name: cpu-templated
    match:
      nameSpace: tmpl
      alarmLevel: [Critical, Major]
      alarmName: {regex: "Cpu.*"}
      additional.team: {not: qa}
    group_by: [applicationId, alarmName]
    incident:
      level: {Critical: level_10, Major: level_20}
      type: inc_type_p_reliability_issues
      title: "${alarmName} on ${resourceName}"
      description: "${alarmDesc} (team ${additional.team}, via ${integration})"
      current_cloud_service: "${applicationId}"
      assignee: "oncall-${additional.team}"
    remediation:
      script: restart-service
      params: {service: "${additional.svc.name}", missing: "x${additional.nope}y"}
      targets: ["${resourceId}"]
      execute_user: ops
      timeout_s: 120
      cooldown_s: 60
  - name: drop-test
    match: {nameSpace: test}
    action: drop
)yaml";

const std::string kTestPath = "/v1/rules/test?integration=in-house-monitor";

RuleAlarm Templated() {
  RuleAlarm a;
  a.alarm_id = "explain-1";
  a.alarm_level = "Major";
  a.name_space = "tmpl";
  a.application_id = "app-x";
  a.resource_name = "machine-7";
  a.resource_id = "res-7";
  a.alarm_desc = "cpu hot";
  a.additional_json = R"({"team":"sre","svc":{"name":"nginx"}})";
  a.time = NowMs();
  return a;
}

class RulesExplainTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.rules_yaml = kRules;
    StartServer(config);
  }
  HttpResult Test(const RuleAlarm& a) { return client_->Post(kTestPath, a.ToJson(), OpsAuth()); }
};

TEST_F(RulesExplainTest, ShowsMatchedRuleExpandedIncidentAndRemediation) {
  HttpResult r = Test(Templated());
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc d(r.body);
  EXPECT_EQ(d.String("/data/fingerprint"), Fingerprint(kCocName, "explain-1")) << r.body;
  EXPECT_TRUE(d.IsNull("/data/silenced_by")) << r.body;
  ASSERT_EQ(d.ArraySize("/data/matched_rules"), 1u) << r.body;
  const std::string m = "/data/matched_rules/0";
  EXPECT_EQ(d.String(m + "/rule"), "cpu-templated");
  EXPECT_EQ(d.String(m + "/defined_at"), server_->rules_path() + ":2") << r.body;
  EXPECT_EQ(d.String(m + "/action"), "incident");

  JsonDoc key(d.String(m + "/group_key").value_or(""));
  ASSERT_TRUE(key.ok()) << r.body;
  EXPECT_EQ(key.Minified(""), R"(["cpu-templated","app-x","Cpu usage over quota"])") << r.body;

  EXPECT_EQ(d.String(m + "/incident/incident_title"), "Cpu usage over quota on machine-7");
  EXPECT_EQ(d.String(m + "/incident/incident_description"),
            "cpu hot (team sre, via in-house-monitor)");
  EXPECT_EQ(d.String(m + "/incident/incident_level"), "level_20");
  EXPECT_EQ(d.String(m + "/incident/incident_type"), "inc_type_p_reliability_issues");
  EXPECT_EQ(d.String(m + "/incident/incident_source"), "incident_source_alarm");
  EXPECT_EQ(d.String(m + "/incident/creator"), "alarmgate");
  EXPECT_EQ(d.Minified(m + "/incident/current_cloud_service"), R"(["app-x"])");
  EXPECT_EQ(d.Minified(m + "/incident/incident_assignee"), R"(["oncall-sre"])");

  EXPECT_EQ(d.String(m + "/remediation/script"), "restart-service") << r.body;
  EXPECT_EQ(d.Minified(m + "/remediation/params"), R"({"missing":"xy","service":"nginx"})")
      << r.body;
  EXPECT_EQ(d.Minified(m + "/remediation/targets"), R"(["res-7"])");
  EXPECT_EQ(d.String(m + "/remediation/execute_user"), "ops");
  EXPECT_EQ(d.Int(m + "/remediation/timeout_s"), 120);
  EXPECT_EQ(d.Int(m + "/remediation/cooldown_s"), 60);
  EXPECT_NE(d.String("/data/outcome").value_or("").find("opens"), std::string::npos) << r.body;

  // Nothing stored: no alarm, no incident, no rule match counted.
  EXPECT_EQ(GetAlarm(Fingerprint(kCocName, "explain-1")).status, 404);
  HttpResult alarms = client_->Get("/v1/alarms", OpsAuth());
  EXPECT_EQ(JsonDoc(alarms.body).ArraySize("/data/alarms"), 0u) << alarms.body;
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
  EXPECT_EQ(MetricOrZero(R"(alarmgate_rule_matches_total{rule="cpu-templated"})"), 0);

  // The same alarm ingested for real opens the incident the test showed.
  Ingested real = PostRuleAlarm(*client_, Templated());
  ASSERT_TRUE(real.incident_num) << real.body;
  JsonDoc inc(GetIncident(*client_, *real.incident_num).body);
  EXPECT_EQ(inc.String("/data/incident_title"), "Cpu usage over quota on machine-7");
  EXPECT_EQ(inc.String("/data/incident_level"), "level_20");
}

TEST_F(RulesExplainTest, NoMatchDropAndNegatedCondition) {
  RuleAlarm other = Templated();
  other.name_space = "elsewhere";
  HttpResult r = Test(other);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonDoc(r.body).ArraySize("/data/matched_rules"), 0u) << r.body;
  EXPECT_NE(r.body.find("no rule matched"), std::string::npos) << r.body;

  RuleAlarm qa = Templated();
  qa.additional_json = R"({"team":"qa"})";
  r = Test(qa);
  EXPECT_EQ(JsonDoc(r.body).ArraySize("/data/matched_rules"), 0u) << "not: qa: " << r.body;

  RuleAlarm minor = Templated();
  minor.alarm_level = "Minor";
  r = Test(minor);
  EXPECT_EQ(JsonDoc(r.body).ArraySize("/data/matched_rules"), 0u) << r.body;

  RuleAlarm dropped = Templated();
  dropped.name_space = "test";
  r = Test(dropped);
  JsonDoc d(r.body);
  EXPECT_EQ(d.String("/data/matched_rules/0/rule"), "drop-test") << r.body;
  EXPECT_EQ(d.String("/data/matched_rules/0/action"), "drop") << r.body;
  EXPECT_NE(d.String("/data/outcome").value_or("").find("dropped"), std::string::npos) << r.body;
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
}

TEST_F(RulesExplainTest, InvalidAlarmAndAuth) {
  HttpResult r = client_->Post(kTestPath, R"({"alarmId":"x"})", OpsAuth());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("alarmName must not be null"), std::string::npos) << r.body;
  r = client_->Post(kTestPath, "[" + Templated().ToJson() + "]", OpsAuth());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(client_->Post(kTestPath, Templated().ToJson()).status, 401);
}

}  // namespace
}  // namespace alarmgate::e2e
