// Rules through the real binary (contract §5, §6, §11): grouping into one incident, auto-resolve
// by all_ok / any_ok / never and after resolve_delay_s, drop rules, racing alarms of one new
// group, and the rule and incident metrics.

#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

using std::chrono::milliseconds;

constexpr const char* kRules = R"(rules:
  - name: grouped
    match: {nameSpace: grouped}
    group_by: [applicationId]
    incident:
      level: {Critical: level_10, Major: level_20}
      type: inc_type_p_reliability_issues
      title: "${alarmName} in ${applicationId}"
      assignee: oncall-1
    resolve: all_ok
  - name: delayed
    match: {nameSpace: delayed}
    group_by: [applicationId]
    resolve_delay_s: 1
    incident: {assignee: oncall-1}
  - name: any-ok
    match: {nameSpace: any}
    group_by: [applicationId]
    resolve: any_ok
    incident: {assignee: oncall-1}
  - name: never
    match: {nameSpace: never}
    group_by: [applicationId]
    resolve: never
    incident: {assignee: oncall-1}
  - name: drop-test
    match: {nameSpace: test}
    action: drop
)";

RuleAlarm Alarm(const std::string& id, const std::string& ns, const std::string& app) {
  RuleAlarm a;
  a.alarm_id = id;
  a.name_space = ns;
  a.application_id = app;
  a.time = NowMs();
  return a;
}

class RulesGroupingTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.rules_yaml = kRules;
    StartServer(config);
  }

  Ingested Post(const RuleAlarm& a) {
    Ingested r = PostRuleAlarm(*client_, a);
    EXPECT_EQ(r.status, 200) << a.ToJson() << " -> " << r.body;
    return r;
  }
  std::string StatusOf(const std::string& num) { return IncidentStatusOf(*client_, num); }
  JsonDoc AlarmDoc(const std::string& alarm_id) {
    HttpResult r = GetAlarm(Fingerprint(kCocName, alarm_id));
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body);
  }
};

// Three alarms of one group share one incident; it resolves when the last of them reports ok,
// with a cause naming that alarm; the timeline lists them; the next alarm opens a new incident.
TEST_F(RulesGroupingTest, OneGroupOneIncidentResolvedWhenAllOk) {
  RuleAlarm a1 = Alarm("grp-1", "grouped", "app-grp");
  RuleAlarm a2 = Alarm("grp-2", "grouped", "app-grp");
  RuleAlarm a3 = Alarm("grp-3", "grouped", "app-grp");

  Ingested r1 = Post(a1);
  ASSERT_TRUE(r1.incident_num && LooksLikeIncidentNum(*r1.incident_num)) << r1.body;
  const std::string num = *r1.incident_num;
  EXPECT_EQ(r1.actions, std::vector<std::string>{"opened " + num}) << r1.body;
  for (const RuleAlarm& a : {a2, a3}) {
    Ingested r = Post(a);
    EXPECT_EQ(r.incident_num, num) << r.body;
    EXPECT_EQ(r.actions, std::vector<std::string>{"attached to " + num}) << r.body;
  }
  EXPECT_EQ(ListIncidentNums(*client_), std::vector<std::string>{num});

  HttpResult detail = GetIncident(*client_, num);
  ASSERT_EQ(detail.status, 200) << detail.body;
  JsonDoc d(detail.body);
  EXPECT_EQ(d.String("/data/status"), kTriggered) << detail.body;
  EXPECT_EQ(d.String("/data/incident_source"), "incident_source_alarm") << detail.body;
  EXPECT_EQ(d.String("/data/creator"), "alarmgate") << detail.body;
  EXPECT_EQ(d.String("/data/incident_title"), "Cpu usage over quota in app-grp") << detail.body;
  EXPECT_EQ(d.String("/data/incident_level"), "level_10") << detail.body;
  EXPECT_EQ(d.String("/data/incident_type"), "inc_type_p_reliability_issues") << detail.body;
  EXPECT_EQ(d.Minified("/data/incident_assignee"), R"(["oncall-1"])") << detail.body;

  // The ok of the first two leaves it open.
  for (const RuleAlarm& a : {a1, a2}) {
    Ingested r = Post(a.With("ok", 10));
    EXPECT_EQ(r.incident_num, num) << r.body;
    EXPECT_EQ(r.actions, std::vector<std::string>{"attached to " + num}) << r.body;
    EXPECT_EQ(StatusOf(num), kTriggered);
  }
  Ingested last = Post(a3.With("ok", 10));
  EXPECT_EQ(last.actions, std::vector<std::string>{"resolved " + num}) << last.body;
  EXPECT_EQ(StatusOf(num), kResolved);

  // The timeline: every alarm event of the group, then the auto-resolve naming the last one.
  HttpResult tl = GetTimeline(*client_, num);
  ASSERT_EQ(tl.status, 200) << tl.body;
  JsonDoc t(tl.body);
  std::multiset<std::string> alarm_fps;
  std::string cause, solution;
  for (size_t i = 0; i < t.ArraySize("/data/timeline").value_or(0); ++i) {
    const std::string e = "/data/timeline/" + std::to_string(i);
    const std::string action = t.String(e + "/action").value_or("");
    if (action == "alarm") alarm_fps.insert(t.String(e + "/parameters/fingerprint").value_or(""));
    if (action == "autoResolve") {
      cause = t.String(e + "/parameters/cause").value_or("");
      solution = t.String(e + "/parameters/solution").value_or("");
      EXPECT_EQ(t.String(e + "/to_status"), kResolved) << tl.body;
      EXPECT_EQ(t.String(e + "/actor"), "alarmgate") << tl.body;
    }
  }
  for (const char* id : {"grp-1", "grp-2", "grp-3"}) {
    EXPECT_EQ(alarm_fps.count(Fingerprint(kCocName, id)), 2u)
        << id << ": its alarm and its ok should be on the timeline: " << tl.body;
  }
  EXPECT_NE(cause.find(Fingerprint(kCocName, "grp-3")), std::string::npos) << tl.body;
  EXPECT_NE(cause.find("Cpu usage over quota"), std::string::npos) << tl.body;
  EXPECT_NE(solution.find("grouped"), std::string::npos) << "names the rule: " << tl.body;

  // A new alarm of the group opens a new incident.
  Ingested again = Post(Alarm("grp-4", "grouped", "app-grp"));
  ASSERT_TRUE(again.incident_num) << again.body;
  EXPECT_NE(*again.incident_num, num);
  EXPECT_EQ(again.actions, std::vector<std::string>{"opened " + *again.incident_num});
  EXPECT_EQ(StatusOf(*again.incident_num), kTriggered);
  EXPECT_EQ(ListIncidentNums(*client_).size(), 2u);
}

// Another group (another applicationId) gets its own incident; a duplicate changes nothing.
TEST_F(RulesGroupingTest, GroupsAreSeparateAndDuplicatesDoNotRerunRules) {
  Ingested a = Post(Alarm("sep-1", "grouped", "app-a"));
  Ingested b = Post(Alarm("sep-2", "grouped", "app-b"));
  ASSERT_TRUE(a.incident_num && b.incident_num);
  EXPECT_NE(*a.incident_num, *b.incident_num);
  RuleAlarm dup = Alarm("sep-1", "grouped", "app-a");
  Ingested d = Post(dup);
  EXPECT_EQ(d.incident_num, a.incident_num) << d.body;
  EXPECT_TRUE(d.actions.empty()) << d.body;
  EXPECT_EQ(ListIncidentNums(*client_).size(), 2u);
}

// An incident the operator resolved is done with: the group's next alarm opens a new one, and
// the late ok of the old alarm resolves nothing.
TEST_F(RulesGroupingTest, OperatorResolvedIncidentIsNotReused) {
  RuleAlarm a1 = Alarm("op-1", "grouped", "app-op");
  Ingested r = Post(a1);
  ASSERT_TRUE(r.incident_num) << r.body;
  const std::string num = *r.incident_num;
  ASSERT_EQ(HandleIncident(*client_, AcceptBody(num)).status, 200);
  ASSERT_EQ(HandleIncident(*client_, CommitSolutionBody(num)).status, 200);
  EXPECT_EQ(StatusOf(num), kResolved);
  EXPECT_EQ(MetricOrZero(R"(alarmgate_incidents_resolved_total{how="manual"})"), 1);

  Ingested ok = Post(a1.With("ok", 10));
  EXPECT_TRUE(ok.actions.empty()) << ok.body;
  Ingested next = Post(Alarm("op-2", "grouped", "app-op"));
  ASSERT_TRUE(next.incident_num) << next.body;
  EXPECT_NE(*next.incident_num, num);
  EXPECT_EQ(next.actions, std::vector<std::string>{"opened " + *next.incident_num});
  EXPECT_EQ(MetricOrZero(R"(alarmgate_incidents_resolved_total{how="auto"})"), 0);
}

// contract §4.4: alarms of one new group from 50 connections at once open exactly one incident.
TEST_F(RulesGroupingTest, ConcurrentAlarmsOfOneNewGroupOpenOneIncident) {
  constexpr int kClients = 50;
  std::vector<Ingested> replies(kClients);
  std::latch go(kClients);
  std::vector<std::thread> threads;
  const uint16_t port = server_->port();
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port, std::chrono::seconds(10));
      RuleAlarm a = Alarm("race-" + std::to_string(i), "grouped", "app-race");
      go.arrive_and_wait();
      replies[i] = PostRuleAlarm(client, a);
    });
  }
  for (auto& t : threads) t.join();

  std::set<std::string> nums;
  int opened = 0;
  for (const Ingested& r : replies) {
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_TRUE(r.incident_num) << r.body;
    nums.insert(*r.incident_num);
    for (const auto& action : r.actions) opened += action.rfind("opened ", 0) == 0;
  }
  EXPECT_EQ(nums.size(), 1u);
  EXPECT_EQ(opened, 1);
  EXPECT_EQ(ListIncidentNums(*client_), std::vector<std::string>(nums.begin(), nums.end()));
}

// resolve_delay_s: an ok resolves only after holding; an alarm in between keeps it open.
TEST_F(RulesGroupingTest, ResolveDelayHoldsAndAReAlarmKeepsItOpen) {
  RuleAlarm a = Alarm("delay-1", "delayed", "app-delay");
  Ingested opened = Post(a);
  ASSERT_TRUE(opened.incident_num) << opened.body;
  const std::string num = *opened.incident_num;

  // ok, then alarm again within the delay: past the delay it is still open.
  const int64_t ok_at = NowMs();
  Ingested ok = Post(a.With("ok", 10));
  EXPECT_EQ(ok.actions, std::vector<std::string>{"attached to " + num}) << ok.body;
  EXPECT_EQ(StatusOf(num), kTriggered);
  auto steps = AlarmDoc("delay-1").Minified("/data/last_decision/steps").value_or("");
  EXPECT_NE(steps.find("resolves at"), std::string::npos) << steps;
  Ingested back = Post(a.With("alarm", 20));
  EXPECT_EQ(back.actions, std::vector<std::string>{"attached to " + num}) << back.body;
  ASSERT_LT(NowMs() - ok_at, 1000) << "the re-alarm must land inside resolve_delay_s";
  std::this_thread::sleep_until(std::chrono::system_clock::now() +
                                milliseconds(ok_at + 1500 - NowMs()));  // past the delay
  EXPECT_EQ(StatusOf(num), kTriggered) << "the re-alarm cancelled the pending resolve";

  // ok that holds: RESOLVED, not before the delay, and within a bound after it.
  const int64_t second_ok_at = NowMs();
  Ingested ok2 = Post(a.With("ok", 30));
  EXPECT_EQ(ok2.actions, std::vector<std::string>{"attached to " + num}) << ok2.body;
  EXPECT_EQ(StatusOf(num), kTriggered);
  ASSERT_TRUE(PollUntil([&] { return StatusOf(num) == kResolved; }, milliseconds(5000)));
  EXPECT_GE(NowMs() - second_ok_at, 1000);
  HttpResult detail = GetIncident(*client_, num);
  EXPECT_GE(JsonDoc(detail.body).Int("/data/handle_time").value_or(0), second_ok_at + 1000)
      << detail.body;
}

// any_ok: one ok of the group resolves; never: nothing resolves automatically.
TEST_F(RulesGroupingTest, AnyOkResolvesOnTheFirstOkAndNeverDoesNot) {
  RuleAlarm a1 = Alarm("any-1", "any", "app-any");
  RuleAlarm a2 = Alarm("any-2", "any", "app-any");
  Ingested r = Post(a1);
  ASSERT_TRUE(r.incident_num) << r.body;
  const std::string any_num = *r.incident_num;
  EXPECT_EQ(Post(a2).incident_num, any_num);
  Ingested ok = Post(a2.With("ok", 10));
  EXPECT_EQ(ok.actions, std::vector<std::string>{"resolved " + any_num}) << ok.body;
  EXPECT_EQ(StatusOf(any_num), kResolved);

  RuleAlarm n1 = Alarm("never-1", "never", "app-never");
  RuleAlarm n2 = Alarm("never-2", "never", "app-never");
  r = Post(n1);
  ASSERT_TRUE(r.incident_num) << r.body;
  const std::string never_num = *r.incident_num;
  EXPECT_EQ(Post(n2).incident_num, never_num);
  for (const RuleAlarm& a : {n1, n2}) {
    Ingested okr = Post(a.With("ok", 10));
    EXPECT_EQ(okr.actions, std::vector<std::string>{"attached to " + never_num}) << okr.body;
  }
  EXPECT_EQ(StatusOf(never_num), kTriggered);
  auto steps = AlarmDoc("never-2").Minified("/data/last_decision/steps").value_or("");
  EXPECT_NE(steps.find("never"), std::string::npos) << steps;
}

// action: drop records the alarm and opens nothing; an alarm no rule matches is recorded only.
TEST_F(RulesGroupingTest, DropRuleRecordsAndOpensNothing) {
  Ingested r = Post(Alarm("drop-1", "test", "app-drop"));
  EXPECT_FALSE(r.incident_num) << r.body;
  EXPECT_TRUE(r.actions.empty()) << r.body;
  JsonDoc doc = AlarmDoc("drop-1");
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_TRUE(doc.IsNull("/data/incident_num")) << doc.Minified("").value_or("");
  EXPECT_EQ(doc.Bool("/data/last_decision/dropped"), true) << doc.Minified("").value_or("");
  EXPECT_EQ(doc.Minified("/data/last_decision/matched_rules"), R"(["drop-test"])");

  Ingested none = Post(Alarm("nomatch-1", "elsewhere", "app-x"));
  EXPECT_FALSE(none.incident_num) << none.body;
  JsonDoc nd = AlarmDoc("nomatch-1");
  EXPECT_EQ(nd.Minified("/data/last_decision/matched_rules"), "[]") << nd.Minified("").value_or("");
  EXPECT_EQ(nd.Bool("/data/last_decision/dropped"), false);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
}

// contract §11: one match per transition, one open per incident, one auto resolve.
TEST_F(RulesGroupingTest, MetricsCountMatchesOpensAndAutoResolves) {
  const std::string matches = R"(alarmgate_rule_matches_total{rule="grouped"})";
  const std::string opened = R"(alarmgate_incidents_opened_total{source="incident_source_alarm"})";
  const std::string resolved = R"(alarmgate_incidents_resolved_total{how="auto"})";
  EXPECT_EQ(MetricOrZero(matches), 0);
  EXPECT_EQ(MetricOrZero(opened), 0);
  EXPECT_EQ(MetricOrZero(resolved), 0);

  RuleAlarm a1 = Alarm("m-1", "grouped", "app-m");
  RuleAlarm a2 = Alarm("m-2", "grouped", "app-m");
  Post(a1);
  Post(a2);
  Post(a1);  // a duplicate: no rule run
  Post(a1.With("ok", 10));
  Post(a2.With("ok", 10));
  Post(Alarm("m-3", "test", "app-m"));  // the drop rule

  std::string text = Metrics();
  EXPECT_EQ(MetricSum(text, matches), 4) << text;
  EXPECT_EQ(MetricSum(text, R"(alarmgate_rule_matches_total{rule="drop-test"})"), 1) << text;
  EXPECT_EQ(MetricSum(text, opened), 1) << text;
  EXPECT_EQ(MetricSum(text, R"(alarmgate_incidents_opened_total{level="level_10"})"), 1) << text;
  EXPECT_EQ(MetricSum(text, resolved), 1) << text;
  EXPECT_EQ(MetricOrZero(R"(alarmgate_incidents_resolved_total{how="manual"})"), 0);
}

}  // namespace
}  // namespace alarmgate::e2e
