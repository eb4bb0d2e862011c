// Reloading rules through the real binary (contract §1, §5): a broken rules file is refused whole
// with file:line (POST /-/reload and SIGHUP) while the old rules keep opening incidents; a fixed
// file takes effect at once; --check-config prints rules problems with file:line.

#include <signal.h>

#include <string>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

using std::chrono::milliseconds;

const std::string kReloadOk = "alarmgate_config_last_reload_successful";

constexpr const char* kOldRules = R"(rules:
  - name: old-rule
    match: {nameSpace: prod}
    group_by: [applicationId]
    incident: {title: "old ${alarmName}", assignee: oncall-1}
)";
// Two problems: line 3 (a misspelt key) and line 5 (a negative for_s).
constexpr const char* kBrokenRules = R"(rules:
  - name: new-rule
    matchh: {nameSpace: prod}
    group_by: [applicationId]
    for_s: -1
    incident: {title: "new ${alarmName}", assignee: oncall-1}
)";
constexpr const char* kNewRules = R"(rules:
  - name: new-rule
    match: {nameSpace: prod}
    group_by: [applicationId]
    incident: {title: "new ${alarmName}", assignee: oncall-1}
)";

void ExpectNamesBothProblems(const std::string& text) {
  EXPECT_NE(text.find("rules.yaml:3:"), std::string::npos) << text;
  EXPECT_NE(text.find("matchh"), std::string::npos) << text;
  EXPECT_NE(text.find("rules.yaml:5:"), std::string::npos) << text;
  EXPECT_NE(text.find("for_s"), std::string::npos) << text;
}

class RulesReloadTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.rules_yaml = kOldRules;
    StartServer(config);
  }

  // Posts an alarm of a new group; the title of the incident it opens ("" when none).
  std::string TitleOfNewIncident(const std::string& app) {
    RuleAlarm a;
    a.alarm_id = "reload-" + app;
    a.name_space = "prod";
    a.application_id = app;
    Ingested r = PostRuleAlarm(*client_, a);
    EXPECT_EQ(r.status, 200) << r.body;
    if (!r.incident_num) return "";
    return JsonDoc(GetIncident(*client_, *r.incident_num).body)
        .String("/data/incident_title")
        .value_or("");
  }
  bool WaitForReloadGauge(double want) {
    return PollUntil([&] { return MetricValue(Metrics(), kReloadOk) == want; },
                     milliseconds(10000));
  }
};

TEST_F(RulesReloadTest, HttpReloadOfBrokenRulesKeepsTheOldOnes) {
  EXPECT_EQ(TitleOfNewIncident("app-1"), "old Cpu usage over quota");
  server_->WriteRulesText(kBrokenRules);
  HttpResult r = client_->Post("/-/reload", "", OpsAuth());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(JsonDoc(r.body).String("/error_code"), "COC.00000001") << r.body;
  ExpectNamesBothProblems(JsonDoc(r.body).String("/error_msg").value_or(""));
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 0);
  EXPECT_EQ(TitleOfNewIncident("app-2"), "old Cpu usage over quota") << "old rules still apply";

  server_->WriteRulesText(kNewRules);
  r = client_->Post("/-/reload", "", OpsAuth());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 1);
  EXPECT_EQ(TitleOfNewIncident("app-3"), "new Cpu usage over quota");
  EXPECT_EQ(MetricOrZero(R"(alarmgate_rule_matches_total{rule="new-rule"})"), 1);
}

TEST_F(RulesReloadTest, SighupOfBrokenRulesKeepsTheOldOnes) {
  server_->WriteRulesText(kBrokenRules);
  ASSERT_TRUE(server_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForReloadGauge(0));
  ExpectNamesBothProblems(server_->Log());
  EXPECT_EQ(TitleOfNewIncident("app-1"), "old Cpu usage over quota");

  server_->WriteRulesText(kNewRules);
  ASSERT_TRUE(server_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForReloadGauge(1));
  EXPECT_EQ(TitleOfNewIncident("app-2"), "new Cpu usage over quota");
}

TEST(RulesCheckConfigTest, PrintsRulesProblemsWithFileAndLine) {
  TestConfig config;
  config.rules_yaml = kBrokenRules;
  AlarmgateProcess broken(config);  // not started: only its files are used
  RunResult r = RunAlarmgate({"--check-config", broken.config_path()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectNamesBothProblems(r.out + r.err);
  EXPECT_NE((r.out + r.err).find(broken.rules_path() + ":3:"), std::string::npos)
      << "the path as the config resolves it: " << r.out << r.err;

  broken.WriteRulesText(kNewRules);
  r = RunAlarmgate({"--check-config", broken.config_path()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace alarmgate::e2e
