// Tests of the rule engine's decisions: grouping, resolve modes, for_s, resolve_delay_s, flapping
// and silences, driven with fake times through a small stand-in for the ingest pipeline.

#include "rules/rule_engine.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace alarmgate {
namespace {

using Action = GroupDecision::IncidentAction;

constexpr int64_t kT0 = 1'800'000'000'000;  // 2027-01-15T08:00:00Z
int64_t At(int64_t s) { return kT0 + s * 1000; }

const char* Name(Action a) {
  switch (a) {
    case Action::kNone:
      return "none";
    case Action::kOpen:
      return "open";
    case Action::kAttach:
      return "attach";
    case Action::kResolve:
      return "resolve";
  }
  return "?";
}

struct RuleConfig {
  ResolveMode resolve = ResolveMode::kAllOk;
  int64_t for_s = 0;
  int64_t resolve_delay_s = 0;
  std::optional<FlapConfig> flap = std::nullopt;
};

Rule MakeRule(const RuleConfig& c) {
  Rule r;
  r.name = "cpu";
  r.group_by = {"applicationId"};
  r.resolve = c.resolve;
  r.for_s = c.for_s;
  r.resolve_delay_s = c.resolve_delay_s;
  r.flap = c.flap;
  r.incident.assignee = Template{"oncall"};
  return r;
}

Alarm MakeAlarm(const std::string& name, AlarmStatus status, int64_t time_ms) {
  Alarm a;
  a.integration = "mon";
  a.alarm_id = "id-" + name;
  a.alarm_name = name;
  a.level = AlarmLevel::kCritical;
  a.time_ms = time_ms;
  a.application_id = "billing";
  a.status = status;
  return a;
}

// Stands in for the ingest pipeline: applies decisions to the stored state the way the caller
// must (an opened incident gets a number, a resolved one is forgotten), and keeps each member's
// status apart from the group state the way storage does.
class Pipeline {
 public:
  explicit Pipeline(RuleConfig c) : rule_(MakeRule(c)) {
    state_.key = GroupKey(rule_, MakeAlarm("x", AlarmStatus::kAlarm, 0), "unused");
    state_.rule = rule_.name;
  }

  GroupDecision Transition(const std::string& fp, AlarmStatus status, int64_t s,
                           bool silenced = false) {
    std::optional<AlarmStatus> before;
    if (auto it = members_.find(fp); it != members_.end()) before = it->second;
    members_[fp] = status;  // stored whatever the decision, also when silenced
    return Apply(RuleEngine::OnTransition(rule_, state_, MakeAlarm(fp, status, At(s)), fp, before,
                                          silenced, At(s)));
  }
  GroupDecision Timer(int64_t s, bool silenced = false) {
    return Apply(RuleEngine::OnTimer(rule_, state_, silenced, At(s)));
  }

  const Rule& rule() const { return rule_; }
  GroupState& state() { return state_; }
  int opened() const { return opened_; }

 private:
  GroupDecision Apply(GroupDecision d) {
    state_ = d.next;
    if (d.action == Action::kOpen) state_.incident_num = "IM" + std::to_string(++opened_);
    if (d.action == Action::kResolve) state_.incident_num.reset();
    return d;
  }

  Rule rule_;
  GroupState state_;
  std::map<std::string, AlarmStatus> members_;  // fingerprint → status, as storage keeps it
  int opened_ = 0;
};

// One event of a scenario: a member transition (fp set) or a timer run (fp empty).
struct Step {
  std::string fp;
  AlarmStatus status = AlarmStatus::kAlarm;
  int64_t s = 0;
  Action want = Action::kNone;
  bool silenced = false;
};

Step Fire(std::string fp, int64_t s, Action want, bool silenced = false) {
  return {std::move(fp), AlarmStatus::kAlarm, s, want, silenced};
}
Step Clear(std::string fp, int64_t s, Action want, bool silenced = false) {
  return {std::move(fp), AlarmStatus::kOk, s, want, silenced};
}
Step Tick(int64_t s, Action want, bool silenced = false) {
  return {"", AlarmStatus::kAlarm, s, want, silenced};
}

struct Scenario {
  std::string name;
  RuleConfig config;
  std::vector<Step> steps;
  bool open_at_end;
  int incidents_opened;
};

class ScenarioTest : public testing::TestWithParam<Scenario> {};

TEST_P(ScenarioTest, DecisionsFollowTheContract) {
  const Scenario& sc = GetParam();
  Pipeline p(sc.config);
  for (size_t i = 0; i < sc.steps.size(); ++i) {
    const Step& st = sc.steps[i];
    GroupDecision d = st.fp.empty() ? p.Timer(st.s, st.silenced)
                                    : p.Transition(st.fp, st.status, st.s, st.silenced);
    EXPECT_EQ(Name(d.action), std::string(Name(st.want)))
        << "step " << i << " at t=" << st.s << "s: " << d.explanation;
  }
  EXPECT_EQ(p.state().incident_num.has_value(), sc.open_at_end);
  EXPECT_EQ(p.opened(), sc.incidents_opened);
}

const FlapConfig kFlap{.window_s = 60, .max_transitions = 3};

INSTANTIATE_TEST_SUITE_P(
    RuleEngine, ScenarioTest,
    testing::Values(
        Scenario{"FirstAlarmOpens", {}, {Fire("a", 0, Action::kOpen)}, true, 1},
        Scenario{"SecondAlarmOfTheGroupAttaches",
                 {},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach)},
                 true,
                 1},
        Scenario{"AllOkResolvesOnlyAfterTheLastOk",
                 {},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Fire("c", 2, Action::kAttach), Clear("a", 3, Action::kAttach),
                  Clear("c", 4, Action::kAttach), Clear("b", 5, Action::kResolve)},
                 false,
                 1},
        Scenario{"AllOkReAlarmAfterOkKeepsItOpen",
                 {},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Clear("a", 2, Action::kAttach), Fire("a", 3, Action::kAttach),
                  Clear("b", 4, Action::kAttach)},
                 true,
                 1},
        Scenario{"AnyOkResolvesOnTheFirstOk",
                 {.resolve = ResolveMode::kAnyOk},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Clear("b", 2, Action::kResolve)},
                 false,
                 1},
        Scenario{"NeverNeverResolves",
                 {.resolve = ResolveMode::kNever},
                 {Fire("a", 0, Action::kOpen), Clear("a", 1, Action::kAttach),
                  Tick(1000, Action::kNone), Fire("a", 2000, Action::kAttach)},
                 true,
                 1},
        Scenario{"ResolvedGroupOpensANewIncident",
                 {},
                 {Fire("a", 0, Action::kOpen), Clear("a", 1, Action::kResolve),
                  Fire("a", 2, Action::kOpen)},
                 true,
                 2},
        Scenario{"ForSClearedEarlyOpensNothing",
                 {.for_s = 60},
                 {Fire("a", 0, Action::kNone), Clear("a", 30, Action::kNone),
                  Tick(60, Action::kNone), Tick(120, Action::kNone)},
                 false,
                 0},
        Scenario{
            "ForSHeldLongEnoughOpensAtTheTimer",
            {.for_s = 60},
            {Fire("a", 0, Action::kNone), Tick(59, Action::kNone), Fire("b", 59, Action::kNone),
             Tick(60, Action::kOpen), Fire("c", 61, Action::kAttach)},
            true,
            1},
        Scenario{"ForSHoldSurvivesOneOfTwoClearing",
                 {.for_s = 60},
                 {Fire("a", 0, Action::kNone), Fire("b", 10, Action::kNone),
                  Clear("a", 20, Action::kNone), Tick(60, Action::kOpen)},
                 true,
                 1},
        Scenario{"ForSDueBeforeItsTimerRanOpensAtTheNextAlarm",
                 {.for_s = 60},
                 {Fire("a", 0, Action::kNone), Fire("b", 90, Action::kOpen)},
                 true,
                 1},
        Scenario{
            "ResolveDelayReAlarmInBetweenStaysOpen",
            {.resolve_delay_s = 60},
            {Fire("a", 0, Action::kOpen), Clear("a", 10, Action::kAttach),
             Fire("a", 30, Action::kAttach), Tick(70, Action::kNone), Tick(500, Action::kNone)},
            true,
            1},
        Scenario{"ResolveDelayQuietResolvesAtTheTimer",
                 {.resolve_delay_s = 60},
                 {Fire("a", 0, Action::kOpen), Clear("a", 10, Action::kAttach),
                  Tick(69, Action::kNone), Tick(70, Action::kResolve)},
                 false,
                 1},
        Scenario{"FlappingPausesResolveUntilCalm",
                 {.flap = kFlap},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Clear("a", 2, Action::kAttach), Fire("a", 3, Action::kAttach),   // 4th: flapping
                  Clear("a", 4, Action::kAttach), Clear("b", 5, Action::kAttach),  // all ok: paused
                  Tick(64, Action::kNone), Tick(65, Action::kResolve)},
                 false,
                 1},
        Scenario{"FlappingCalmStartsResolveDelay",
                 {.resolve_delay_s = 30, .flap = FlapConfig{.window_s = 60, .max_transitions = 1}},
                 {Fire("a", 0, Action::kOpen), Clear("a", 1, Action::kAttach),  // flapping
                  Tick(61, Action::kNone),  // calm: resolve due at 91
                  Tick(90, Action::kNone), Tick(91, Action::kResolve)},
                 false,
                 1},
        Scenario{"CalmAtTheNextTransitionResolves",
                 {.flap = FlapConfig{.window_s = 60, .max_transitions = 2}},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Clear("a", 2, Action::kAttach),  // flapping
                  Clear("b", 100, Action::kResolve)},
                 false,
                 1},
        Scenario{"SlowTransitionsNeverFlap",
                 {.flap = FlapConfig{.window_s = 10, .max_transitions = 2}},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kAttach),
                  Clear("a", 20, Action::kAttach), Fire("a", 40, Action::kAttach),
                  Clear("a", 60, Action::kAttach), Clear("b", 80, Action::kResolve)},
                 false,
                 1},
        Scenario{"SilencedAlarmOpensNothing",
                 {},
                 {Fire("a", 0, Action::kNone, true), Tick(100, Action::kNone)},
                 false,
                 0},
        Scenario{"SilencedOkResolvesNothing",
                 {},
                 {Fire("a", 0, Action::kOpen), Clear("a", 1, Action::kNone, true)},
                 true,
                 1},
        Scenario{"SilencedAlarmAttachesNothing",
                 {},
                 {Fire("a", 0, Action::kOpen), Fire("b", 1, Action::kNone, true),
                  Clear("a", 2, Action::kAttach)},  // b is alarming: all_ok waits
                 true,
                 1},
        Scenario{"FiredWhileSilencedOpensAtItsNextUnsilencedTransition",
                 {},
                 {Fire("a", 0, Action::kNone, true), Fire("b", 10, Action::kOpen)},
                 true,
                 1},
        Scenario{
            "ForSTimerWhileSilencedOpensNothing",
            {.for_s = 60},
            {Fire("a", 0, Action::kNone), Tick(60, Action::kNone, true), Tick(200, Action::kNone)},
            false,
            0}),
    [](const testing::TestParamInfo<Scenario>& info) { return info.param.name; });

TEST(RuleEngineTest, AttachNotesTheAlarmOnTheTimeline) {
  Pipeline p({});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  GroupDecision d = p.Transition("b", AlarmStatus::kAlarm, 5);
  ASSERT_EQ(d.action, Action::kAttach);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].action, "alarm");
  EXPECT_EQ(d.notes[0].actor, "alarmgate");
  EXPECT_EQ(d.notes[0].time_ms, At(5));
  EXPECT_NE(d.notes[0].parameters.find(R"("fingerprint":"b")"), std::string::npos);
  EXPECT_NE(d.notes[0].parameters.find(R"("status":"alarm")"), std::string::npos);
  EXPECT_EQ(d.next.member_count, 2);
  EXPECT_EQ(d.next.alarming_count, 2);
}

TEST(RuleEngineTest, AllOkResolveNamesTheLastClearingAlarmAndTheCount) {
  Pipeline p({});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("b", AlarmStatus::kAlarm, 1);
  p.Transition("c", AlarmStatus::kAlarm, 2);
  p.Transition("a", AlarmStatus::kOk, 3);
  p.Transition("b", AlarmStatus::kOk, 4);
  GroupDecision d = p.Transition("c", AlarmStatus::kOk, 5);
  ASSERT_EQ(d.action, Action::kResolve);
  EXPECT_EQ(d.next.incident_num, "IM1");  // still names the incident to resolve
  EXPECT_EQ(d.resolve_cause,
            "Cleared: c (c) at 2027-01-15T08:00:05Z, the last of the group's 3 alarm(s) to "
            "report ok");
  EXPECT_EQ(d.resolve_solution,
            "Auto-resolved by alarmgate rule cpu: every alarm of the group reported ok");
}

TEST(RuleEngineTest, AnyOkSolutionSaysAnAlarm) {
  Pipeline p({.resolve = ResolveMode::kAnyOk});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  GroupDecision d = p.Transition("a", AlarmStatus::kOk, 1);
  ASSERT_EQ(d.action, Action::kResolve);
  EXPECT_EQ(d.resolve_cause, "Cleared: a (a) at 2027-01-15T08:00:01Z");
  EXPECT_EQ(d.resolve_solution,
            "Auto-resolved by alarmgate rule cpu: an alarm of the group reported ok");
}

TEST(RuleEngineTest, DelayedAllOkResolveCauseNamesTheLastClearingAlarm) {
  Pipeline p({.resolve_delay_s = 60});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("b", AlarmStatus::kAlarm, 1);
  p.Transition("a", AlarmStatus::kOk, 5);
  GroupDecision pending = p.Transition("b", AlarmStatus::kOk, 10);
  EXPECT_EQ(pending.next.resolve_due_ms, At(70));
  GroupDecision d = p.Timer(70);
  ASSERT_EQ(d.action, Action::kResolve);
  EXPECT_EQ(d.resolve_cause,
            "Cleared: b (b) at 2027-01-15T08:00:10Z, the last of the group's 2 alarm(s) to report ok");
  EXPECT_FALSE(d.next.resolve_due_ms);
}

TEST(RuleEngineTest, DelayedAnyOkResolveCauseNamesTheClearingAlarmAndCountsTheOkMembers) {
  Pipeline p({.resolve = ResolveMode::kAnyOk, .resolve_delay_s = 60});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("b", AlarmStatus::kAlarm, 1);
  p.Transition("c", AlarmStatus::kAlarm, 2);
  GroupDecision pending = p.Transition("b", AlarmStatus::kOk, 10);
  EXPECT_EQ(pending.next.resolve_due_ms, At(70));
  GroupDecision d = p.Timer(70);
  ASSERT_EQ(d.action, Action::kResolve);
  EXPECT_EQ(d.resolve_cause,
            "Cleared: b (b) at 2027-01-15T08:00:10Z; 1 of 3 alarm(s) of the group ok");
}

// any_ok from a timer (flapping calm): resolvable only while some member is still ok.
TEST(RuleEngineTest, AnyOkAtCalmResolvesOnlyWithAnOkMember) {
  for (bool realarm : {false, true}) {
    Pipeline p(
        {.resolve = ResolveMode::kAnyOk, .flap = FlapConfig{.window_s = 60, .max_transitions = 1}});
    p.Transition("a", AlarmStatus::kAlarm, 0);
    p.Transition("b", AlarmStatus::kAlarm, 1);  // flapping
    p.Transition("a", AlarmStatus::kOk, 2);     // paused
    if (realarm) p.Transition("a", AlarmStatus::kAlarm, 3);
    GroupDecision d = p.Timer(realarm ? 63 : 62);
    EXPECT_FALSE(d.next.flapping) << "realarm=" << realarm;
    if (realarm) {
      EXPECT_EQ(d.action, Action::kNone) << d.explanation;
    } else {
      ASSERT_EQ(d.action, Action::kResolve) << d.explanation;
      EXPECT_EQ(d.resolve_cause,
                "Cleared: a (a) at 2027-01-15T08:00:02Z; 1 of 2 alarm(s) of the group ok");
    }
  }
}

// Counters after each transition of several members: new, alarm→ok, ok→alarm, and the same
// status re-sent (after a rule reload) which must not count twice.
struct CountStep {
  std::string fp;
  AlarmStatus status;
  int64_t want_members, want_alarming;
};

TEST(RuleEngineTest, CountersFollowEveryMemberTransition) {
  Pipeline p({.resolve = ResolveMode::kNever});
  const std::vector<CountStep> steps = {
      {"a", AlarmStatus::kAlarm, 1, 1}, {"b", AlarmStatus::kAlarm, 2, 2},
      {"c", AlarmStatus::kOk, 3, 2},    {"a", AlarmStatus::kOk, 3, 1},
      {"b", AlarmStatus::kOk, 3, 0},    {"a", AlarmStatus::kAlarm, 3, 1},
      {"c", AlarmStatus::kAlarm, 3, 2}, {"a", AlarmStatus::kOk, 3, 1},
      {"c", AlarmStatus::kOk, 3, 0},    {"b", AlarmStatus::kAlarm, 3, 1},
  };
  for (size_t i = 0; i < steps.size(); ++i) {
    const CountStep& c = steps[i];
    GroupDecision d = p.Transition(c.fp, c.status, static_cast<int64_t>(i));
    EXPECT_EQ(d.next.member_count, c.want_members) << "step " << i;
    EXPECT_EQ(d.next.alarming_count, c.want_alarming) << "step " << i;
    EXPECT_EQ(d.next.AnyAlarming(), c.want_alarming > 0) << "step " << i;
  }
}

struct ResendCase {
  std::string name;
  AlarmStatus status;
};

class ResendTest : public testing::TestWithParam<ResendCase> {};

TEST_P(ResendTest, SameStatusAgainChangesNoCounter) {
  Rule rule = MakeRule({});
  GroupState s;
  s.member_count = 3;
  s.alarming_count = 1;
  s.incident_num = "IM1";
  const AlarmStatus st = GetParam().status;
  for (bool silenced : {false, true}) {
    GroupDecision d =
        RuleEngine::OnTransition(rule, s, MakeAlarm("a", st, At(1)), "a", st, silenced, At(1));
    EXPECT_EQ(d.next.member_count, 3) << "silenced=" << silenced;
    EXPECT_EQ(d.next.alarming_count, 1) << "silenced=" << silenced;
  }
}

INSTANTIATE_TEST_SUITE_P(RuleEngine, ResendTest,
                         testing::Values(ResendCase{"Alarm", AlarmStatus::kAlarm},
                                         ResendCase{"Ok", AlarmStatus::kOk}),
                         [](const testing::TestParamInfo<ResendCase>& info) {
                           return info.param.name;
                         });

TEST(RuleEngineTest, ResentOkOfTheLastAlarmingMemberDoesNotResolveEarly) {
  // b's ok arrives twice (a rule reload re-sent it): a is still alarming, so all_ok must wait.
  Pipeline p({});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("b", AlarmStatus::kAlarm, 1);
  p.Transition("b", AlarmStatus::kOk, 2);
  GroupDecision d = p.Transition("b", AlarmStatus::kOk, 3);
  EXPECT_EQ(d.action, Action::kAttach);
  EXPECT_EQ(d.next.alarming_count, 1);
  EXPECT_NE(d.explanation.find("1 of 2 alarm(s) still alarming"), std::string::npos)
      << d.explanation;
}

TEST(RuleEngineTest, ReAlarmCancelsThePendingResolve) {
  Pipeline p({.resolve_delay_s = 60});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("a", AlarmStatus::kOk, 10);
  ASSERT_TRUE(p.state().resolve_due_ms);
  GroupDecision d = p.Transition("a", AlarmStatus::kAlarm, 20);
  EXPECT_FALSE(d.next.resolve_due_ms);
  EXPECT_EQ(RuleEngine::NextDueMs(p.rule(), d.next), std::nullopt);
}

TEST(RuleEngineTest, ForSHoldIsCancelledWhenClearedEarly) {
  Pipeline p({.for_s = 60});
  GroupDecision held = p.Transition("a", AlarmStatus::kAlarm, 0);
  EXPECT_EQ(held.next.open_due_ms, At(60));
  ASSERT_TRUE(held.next.hold_alarm);
  EXPECT_NE(held.explanation.find("held by for_s until 2027-01-15T08:01:00Z"), std::string::npos)
      << held.explanation;
  GroupDecision cleared = p.Transition("a", AlarmStatus::kOk, 30);
  EXPECT_FALSE(cleared.next.open_due_ms);
  EXPECT_FALSE(cleared.next.hold_alarm);
  EXPECT_NE(cleared.explanation.find("cleared before for_s: opens nothing"), std::string::npos);
}

TEST(RuleEngineTest, ForSTimerOpensFromTheHoldAlarm) {
  Pipeline p({.for_s = 60});
  p.Transition("first", AlarmStatus::kAlarm, 0);
  GroupDecision second = p.Transition("second", AlarmStatus::kAlarm, 30);
  EXPECT_EQ(second.next.open_due_ms, At(60));  // a later alarm joins the hold, not restarts it
  GroupDecision d = p.Timer(60);
  ASSERT_EQ(d.action, Action::kOpen);
  EXPECT_EQ(d.open.title, "first");
  EXPECT_EQ(d.open.start_time_ms, At(0));
  EXPECT_FALSE(d.next.open_due_ms);
  EXPECT_FALSE(d.next.hold_alarm);
  ASSERT_FALSE(d.notes.empty());
  EXPECT_EQ(d.notes[0].action, "held");
}

TEST(RuleEngineTest, FlappingIsNotedAndCalmIsNoted) {
  Pipeline p({.flap = FlapConfig{.window_s = 60, .max_transitions = 1}});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  GroupDecision d = p.Transition("a", AlarmStatus::kOk, 1);
  EXPECT_EQ(d.action, Action::kAttach);
  EXPECT_TRUE(d.next.flapping);
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(d.notes[0].action, "alarm");
  EXPECT_EQ(d.notes[1].action, "flapping");
  EXPECT_NE(d.notes[1].parameters.find("flapping: 2 transitions in 60 s; auto-resolve and "
                                       "remediation paused"),
            std::string::npos)
      << d.notes[1].parameters;
  EXPECT_EQ(RuleEngine::NextDueMs(p.rule(), d.next), At(61));

  GroupDecision early = p.Timer(60);
  EXPECT_TRUE(early.next.flapping);
  EXPECT_TRUE(early.notes.empty());

  GroupDecision calm = p.Timer(61);
  EXPECT_FALSE(calm.next.flapping);
  EXPECT_EQ(calm.action, Action::kResolve);
  ASSERT_FALSE(calm.notes.empty());
  EXPECT_EQ(calm.notes[0].action, "calm");
}

TEST(RuleEngineTest, FlapStateStaysBounded) {
  Pipeline p(
      {.resolve = ResolveMode::kNever, .flap = FlapConfig{.window_s = 600, .max_transitions = 3}});
  for (int i = 0; i < 100; ++i) {
    p.Transition("a", i % 2 ? AlarmStatus::kOk : AlarmStatus::kAlarm, i);
  }
  EXPECT_TRUE(p.state().flapping);
  EXPECT_LE(p.state().transitions_ms.size(), 4u);
  EXPECT_EQ(p.state().transitions_ms.back(), At(99));
}

TEST(RuleEngineTest, SilencedTransitionOnlyUpdatesMembers) {
  Pipeline p({.for_s = 60, .flap = FlapConfig{.window_s = 60, .max_transitions = 1}});
  GroupDecision d = p.Transition("a", AlarmStatus::kAlarm, 0, /*silenced=*/true);
  EXPECT_EQ(d.action, Action::kNone);
  EXPECT_EQ(d.next.member_count, 1);
  EXPECT_EQ(d.next.alarming_count, 1);
  EXPECT_FALSE(d.next.open_due_ms);
  EXPECT_FALSE(d.next.hold_alarm);
  EXPECT_TRUE(d.next.transitions_ms.empty());
  EXPECT_TRUE(d.notes.empty());
  EXPECT_NE(d.explanation.find("silenced"), std::string::npos);
}

TEST(RuleEngineTest, CallerClearedIncidentMeansANewOneOpens) {
  Pipeline p({});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("b", AlarmStatus::kAlarm, 1);
  p.state().incident_num.reset();  // an operator closed it
  GroupDecision d = p.Transition("c", AlarmStatus::kAlarm, 2);
  EXPECT_EQ(d.action, Action::kOpen);
  EXPECT_EQ(d.open.title, "c");
}

TEST(RuleEngineTest, NoNotesWithoutAnIncident) {
  Pipeline p({.for_s = 60, .flap = FlapConfig{.window_s = 60, .max_transitions = 1}});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  GroupDecision d = p.Transition("a", AlarmStatus::kOk, 1);  // flapping, but no incident
  EXPECT_TRUE(d.next.flapping);
  EXPECT_TRUE(d.notes.empty());
}

TEST(RuleEngineTest, OpeningAFlappingGroupSaysSo) {
  Pipeline p({.for_s = 60, .flap = FlapConfig{.window_s = 600, .max_transitions = 1}});
  p.Transition("a", AlarmStatus::kAlarm, 0);
  p.Transition("a", AlarmStatus::kOk, 1);     // cancels the hold, flapping
  p.Transition("a", AlarmStatus::kAlarm, 2);  // new hold until 62
  GroupDecision d = p.Timer(62);
  ASSERT_EQ(d.action, Action::kOpen);
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(d.notes[1].action, "flapping");
}

// NextDueMs: each timer, the earliest of several, and none.
struct DueCase {
  std::string name;
  std::optional<int64_t> open_due, resolve_due;
  bool flapping;
  std::vector<int64_t> transitions;
  std::optional<int64_t> want;
};

class NextDueTest : public testing::TestWithParam<DueCase> {};

TEST_P(NextDueTest, EarliestTimer) {
  const DueCase& c = GetParam();
  Rule rule = MakeRule({.flap = FlapConfig{.window_s = 60, .max_transitions = 3}});
  GroupState s;
  s.open_due_ms = c.open_due;
  s.resolve_due_ms = c.resolve_due;
  s.flapping = c.flapping;
  s.transitions_ms = c.transitions;
  EXPECT_EQ(RuleEngine::NextDueMs(rule, s), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    RuleEngine, NextDueTest,
    testing::Values(DueCase{"Nothing", {}, {}, false, {At(1)}, std::nullopt},
                    DueCase{"ForS", At(60), {}, false, {}, At(60)},
                    DueCase{"ResolveDelay", {}, At(70), false, {}, At(70)},
                    DueCase{"FlapCalm", {}, {}, true, {At(1), At(5)}, At(65)},
                    DueCase{"NotFlappingNoCalmTimer", {}, {}, false, {At(1), At(5)}, std::nullopt},
                    DueCase{"Earliest", At(90), At(70), true, {At(5)}, At(65)}),
    [](const testing::TestParamInfo<DueCase>& info) { return info.param.name; });

TEST(RuleEngineTest, NextDueWhenFlapNoLongerConfiguredIsImmediate) {
  Rule rule = MakeRule({});
  GroupState s;
  s.flapping = true;
  s.transitions_ms = {At(5)};
  EXPECT_EQ(RuleEngine::NextDueMs(rule, s), 0);
  GroupDecision d = RuleEngine::OnTimer(rule, s, false, At(6));
  EXPECT_FALSE(d.next.flapping);
}

TEST(GroupKeyTest, RuleNameAndGroupByValuesInOrder) {
  Rule rule = MakeRule({});
  rule.group_by = {"applicationId", "alarmName", "additional.team"};
  Alarm a = MakeAlarm("Cpu \"hot\"", AlarmStatus::kAlarm, 0);
  EXPECT_EQ(GroupKey(rule, a, "fp1"), R"(["cpu","billing","Cpu \"hot\"",""])");
  a.additional_json = R"({"team":"sre"})";
  EXPECT_EQ(GroupKey(rule, a, "fp1"), R"(["cpu","billing","Cpu \"hot\"","sre"])");
}

TEST(GroupKeyTest, EmptyGroupByIsTheFingerprint) {
  Rule rule = MakeRule({});
  rule.group_by.clear();
  EXPECT_EQ(GroupKey(rule, MakeAlarm("a", AlarmStatus::kAlarm, 0), "fp1"), R"(["cpu","fp1"])");
}

struct LevelCase {
  std::string name;
  std::optional<IncidentLevel> fixed;
  AlarmLevel alarm_level;
  IncidentLevel want;
};

class ExpandLevelTest : public testing::TestWithParam<LevelCase> {};

TEST_P(ExpandLevelTest, Level) {
  const LevelCase& c = GetParam();
  Rule rule = MakeRule({});
  rule.incident.fixed_level = c.fixed;
  rule.incident.level_by_alarm_level = {{AlarmLevel::kCritical, IncidentLevel::kLevel10},
                                        {AlarmLevel::kMajor, IncidentLevel::kLevel20}};
  Alarm a = MakeAlarm("a", AlarmStatus::kAlarm, 0);
  a.level = c.alarm_level;
  EXPECT_EQ(ExpandIncident(rule, "k", a, 0).level, c.want);
}

INSTANTIATE_TEST_SUITE_P(
    RuleEngine, ExpandLevelTest,
    testing::Values(LevelCase{"MappedCritical", {}, AlarmLevel::kCritical, IncidentLevel::kLevel10},
                    LevelCase{"MappedMajor", {}, AlarmLevel::kMajor, IncidentLevel::kLevel20},
                    LevelCase{"UnmappedIsLevel40", {}, AlarmLevel::kInfo, IncidentLevel::kLevel40},
                    LevelCase{"FixedWins", IncidentLevel::kLevel50, AlarmLevel::kCritical,
                              IncidentLevel::kLevel50}),
    [](const testing::TestParamInfo<LevelCase>& info) { return info.param.name; });

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(ExpandIncidentTest, FieldsFromTheTemplateAndTheAlarm) {
  Rule rule = MakeRule({});
  rule.incident.type = IncidentType::kReliability;
  rule.incident.title = Template{"${alarmName} on ${resourceName}"};
  rule.incident.service_interrupt = true;
  Alarm a = MakeAlarm("CpuHigh", AlarmStatus::kAlarm, At(3));
  a.resource_name = "vm-1";
  a.alarm_desc = "cpu 99%";
  CreateIncidentCommand c = ExpandIncident(rule, R"(["cpu","billing"])", a, At(9));
  EXPECT_EQ(c.title, "CpuHigh on vm-1");
  EXPECT_EQ(c.description, "cpu 99%");
  EXPECT_EQ(c.current_cloud_service, std::vector<std::string>{"billing"});
  EXPECT_EQ(c.assignee, std::vector<std::string>{"oncall"});
  EXPECT_EQ(c.type, IncidentType::kReliability);
  EXPECT_TRUE(c.is_service_interrupt);
  EXPECT_EQ(c.source, IncidentSource::kAlarm);
  EXPECT_EQ(c.creator, "alarmgate");
  EXPECT_EQ(c.start_time_ms, At(3));
  EXPECT_EQ(c.rule_name, "cpu");
  EXPECT_EQ(c.group_key, R"(["cpu","billing"])");
}

TEST(ExpandIncidentTest, TruncatesAtAUtf8Boundary) {
  Rule rule = MakeRule({});
  Alarm a = MakeAlarm(std::string(199, 'x') + "\xC3\xA9\xC3\xA9", AlarmStatus::kAlarm, 0);
  a.alarm_desc.clear();
  for (int i = 0; i < 700; ++i) a.alarm_desc += "\xE2\x82\xAC";  // €
  CreateIncidentCommand c = ExpandIncident(rule, "k", a, 0);
  EXPECT_EQ(c.title, std::string(199, 'x') + "\xC3\xA9");
  EXPECT_EQ(CodePoints(c.description), 600u);
  EXPECT_EQ(c.description.size(), 1800u);
}

TEST(ExpandIncidentTest, EmptyOptionalFieldsAndAssigneeFallback) {
  Rule rule = MakeRule({});
  rule.incident.assignee = Template{"${resourceId}"};  // empty on this alarm
  Alarm a = MakeAlarm("a", AlarmStatus::kAlarm, /*time_ms=*/0);
  a.application_id.clear();
  CreateIncidentCommand c = ExpandIncident(rule, "k", a, At(7));
  EXPECT_TRUE(c.current_cloud_service.empty());
  EXPECT_EQ(c.assignee, std::vector<std::string>{"alarmgate"});
  EXPECT_EQ(c.start_time_ms, At(7));  // alarm time 0 → now
}

TEST(ExpandIncidentTest, SceneAndRoleGoTogether) {
  Rule rule = MakeRule({});
  rule.incident.assignee = Template{""};
  rule.incident.assignee_scene = Template{"scene-${applicationId}"};
  rule.incident.assignee_role = Template{"sre"};
  Alarm a = MakeAlarm("a", AlarmStatus::kAlarm, 0);
  CreateIncidentCommand c = ExpandIncident(rule, "k", a, 0);
  EXPECT_TRUE(c.assignee.empty());
  EXPECT_EQ(c.assignee_scene, "scene-billing");
  EXPECT_EQ(c.assignee_role, "sre");

  rule.incident.assignee_role = Template{"${resourceId}"};  // half a bundle is invalid
  c = ExpandIncident(rule, "k", a, 0);
  EXPECT_EQ(c.assignee, std::vector<std::string>{"alarmgate"});
  EXPECT_TRUE(c.assignee_scene.empty());
  EXPECT_TRUE(c.assignee_role.empty());
}

Condition Equals(std::string field, std::string value) {
  Condition c;
  c.field = std::move(field);
  c.values = {std::move(value)};
  return c;
}

Silence MakeSilence(std::string id, std::string app, int64_t from_s, int64_t to_s) {
  Silence s;
  s.id = std::move(id);
  s.matchers = {Equals("applicationId", std::move(app))};
  s.starts_at_ms = At(from_s);
  s.ends_at_ms = At(to_s);
  return s;
}

TEST(MatchAlarmTest, RulesAndTheFirstActiveMatchingSilence) {
  Rule match_all = MakeRule({});
  match_all.name = "billing";
  match_all.match = {Equals("applicationId", "billing")};
  Rule other = MakeRule({});
  other.name = "shop";
  other.match = {Equals("applicationId", "shop")};
  RuleSet set({match_all, other},
              {MakeSilence("file:1", "billing", 100, 200), MakeSilence("file:2", "shop", 0, 1000)});
  std::vector<Silence> api = {MakeSilence("api-1", "billing", 0, 1000)};
  Alarm a = MakeAlarm("a", AlarmStatus::kAlarm, 0);

  struct Case {
    int64_t s;
    const char* want;  // nullptr: not silenced
  };
  for (const Case& c :
       {Case{50, "api-1"}, Case{150, "file:1"}, Case{200, "api-1"}, Case{1000, nullptr}}) {
    RuleEngine::Match m = RuleEngine::MatchAlarm(set, api, a, At(c.s));
    ASSERT_EQ(m.rules.size(), 1u);
    EXPECT_EQ(m.rules[0]->name, "billing");
    if (c.want == nullptr) {
      EXPECT_EQ(m.silenced_by, nullptr) << "t=" << c.s;
    } else {
      ASSERT_NE(m.silenced_by, nullptr) << "t=" << c.s;
      EXPECT_EQ(m.silenced_by->id, c.want) << "t=" << c.s;
    }
  }
}

TEST(MatchAlarmTest, DropRulesAreReported) {
  Rule drop = MakeRule({});
  drop.name = "drop-test";
  drop.action = Rule::Action::kDrop;
  RuleSet set({drop}, {});
  RuleEngine::Match m = RuleEngine::MatchAlarm(set, {}, MakeAlarm("a", AlarmStatus::kAlarm, 0), 0);
  ASSERT_EQ(m.rules.size(), 1u);
  EXPECT_EQ(m.rules[0]->action, Rule::Action::kDrop);
}

}  // namespace
}  // namespace alarmgate
