#include "pipeline/rule_applier.h"

#include <future>

#include <gtest/gtest.h>

#include "alarms/fingerprint.h"
#include "incidents/incident_lifecycle.h"
#include "rules/rule_loader.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

constexpr char kRules[] = R"(
rules:
  - name: drop-test
    match: {nameSpace: test}
    action: drop
  - name: by-app
    match: {alarmLevel: [Critical, Major]}
    group_by: [applicationId]
    incident:
      level: level_20
      title: "${applicationId}: ${alarmName}"
      assignee: oncall
    resolve: all_ok
  - name: held
    match: {alarmName: Slow}
    for_s: 60
    incident: {assignee: oncall}
)";

Alarm Event(std::string id, std::string app, AlarmStatus status, int64_t time_ms,
            std::string name = "CpuHigh") {
  Alarm a;
  a.integration = "mon";
  a.alarm_id = std::move(id);
  a.alarm_name = std::move(name);
  a.application_id = std::move(app);
  a.name_space = "prod";
  a.level = AlarmLevel::kCritical;
  a.status = status;
  a.time_ms = time_ms;
  a.body_json = "{}";
  return a;
}

class RuleApplierTest : public testing::Test {
 protected:
  void SetUp() override {
    LoadedRules loaded = RuleLoader::LoadString(kRules, "rules.yaml");
    ASSERT_TRUE(loaded.rules) << loaded.problems.front().message;
    rules_.Set(loaded.rules);
    applier_.SetArmTimer([this](const std::string& key, int64_t due) { armed_[key] = due; });
  }

  // Runs `stage` as one commit job, then Committed() as the ingest pipeline does.
  AppliedRules Run(std::function<Result<AppliedRules>(Transaction&)> stage) {
    std::promise<void> done;
    AppliedRules applied;
    committer_.Submit(CommitJob{[&](Transaction& txn) -> Status {
                                  ASSIGN_OR_RETURN(applied, stage(txn));
                                  return Status::Ok();
                                },
                                [&](Status s) {
                                  EXPECT_TRUE(s.ok()) << s.message();
                                  if (s.ok()) applier_.Committed(applied);
                                  done.set_value();
                                }});
    done.get_future().wait();
    return applied;
  }
  AppliedRules Transition(const Alarm& a) {
    return Run([&](Transaction& txn) {
      return applier_.OnTransition(txn, a, Fingerprint(a.integration, a.alarm_id), clock_.NowMs());
    });
  }
  AppliedRules Timer(const std::string& key) {
    return Run([&](Transaction& txn) { return applier_.OnTimer(txn, key, clock_.NowMs()); });
  }
  IncidentStatus StatusOf(const std::string& num) {
    return (*store_.Get<IncidentStore>().Get(num))->status;
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  FakeClock clock_;
  GroupCommitter committer_{store_, Durability::kProcess, registry_};
  RulesHolder rules_{std::make_shared<const RuleSet>()};
  SilencesHolder silences_{std::make_shared<const std::vector<Silence>>()};
  IncidentService incidents_{store_, committer_, clock_, registry_};
  RuleApplier applier_{incidents_, rules_, silences_, registry_};
  std::map<std::string, int64_t> armed_;
};

TEST_F(RuleApplierTest, ThreeAlarmsOfAGroupShareOneIncidentResolvedOnlyByTheThirdOk) {
  AppliedRules first = Transition(Event("a", "shop", AlarmStatus::kAlarm, 1));
  ASSERT_TRUE(first.incident_num);
  const std::string num = *first.incident_num;
  EXPECT_EQ(first.actions, std::vector<std::string>{"opened " + num});
  EXPECT_EQ(Transition(Event("b", "shop", AlarmStatus::kAlarm, 2)).incident_num, num);
  EXPECT_EQ(Transition(Event("c", "shop", AlarmStatus::kAlarm, 3)).incident_num, num);

  Transition(Event("a", "shop", AlarmStatus::kOk, 4));
  Transition(Event("b", "shop", AlarmStatus::kOk, 5));
  EXPECT_EQ(StatusOf(num), IncidentStatus::kTriggered);
  AppliedRules last = Transition(Event("c", "shop", AlarmStatus::kOk, 6));
  EXPECT_EQ(last.actions, std::vector<std::string>{"resolved " + num});
  const Incident resolved = **store_.Get<IncidentStore>().Get(num);
  EXPECT_EQ(resolved.status, IncidentStatus::kResolved);
  EXPECT_NE(resolved.cause.find("CpuHigh"), std::string::npos) << resolved.cause;
  EXPECT_EQ(resolved.creator, "alarmgate");
  EXPECT_EQ(resolved.source, IncidentSource::kAlarm);
  // The timeline holds the create, the two later alarms, the three oks and the resolve.
  EXPECT_GE(store_.Get<IncidentStore>().Timeline(num)->size(), 6u);
}

TEST_F(RuleApplierTest, AnotherGroupGetsItsOwnIncident) {
  auto shop = Transition(Event("a", "shop", AlarmStatus::kAlarm, 1));
  auto billing = Transition(Event("b", "billing", AlarmStatus::kAlarm, 1));
  ASSERT_TRUE(shop.incident_num && billing.incident_num);
  EXPECT_NE(*shop.incident_num, *billing.incident_num);
}

TEST_F(RuleApplierTest, AGroupWhoseIncidentAnOperatorResolvedOpensANewOne) {
  const std::string num = *Transition(Event("a", "shop", AlarmStatus::kAlarm, 1)).incident_num;
  Incident closed = **store_.Get<IncidentStore>().Get(num);
  closed.status = IncidentStatus::kResolved;
  ChangeSet c;
  c.Get<IncidentChanges>().Put(closed, /*open=*/false);
  ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());
  auto next = Transition(Event("b", "shop", AlarmStatus::kAlarm, 2));
  ASSERT_TRUE(next.incident_num);
  EXPECT_NE(*next.incident_num, num);
}

TEST_F(RuleApplierTest, DropRuleRecordsOnlyAndSaysWhy) {
  Alarm a = Event("a", "shop", AlarmStatus::kAlarm, 1);
  a.name_space = "test";
  AppliedRules r = Transition(a);
  EXPECT_FALSE(r.incident_num);
  EXPECT_TRUE(r.explanation.dropped);
  EXPECT_EQ(r.explanation.matched_rules, std::vector<std::string>{"drop-test"});
  EXPECT_TRUE(store_.Get<IncidentStore>().List({})->empty());
}

TEST_F(RuleApplierTest, NoMatchingRuleRecordsOnly) {
  Alarm a = Event("a", "shop", AlarmStatus::kAlarm, 1);
  a.level = AlarmLevel::kInfo;
  AppliedRules r = Transition(a);
  EXPECT_TRUE(r.explanation.matched_rules.empty());
  EXPECT_FALSE(r.incident_num);
}

TEST_F(RuleApplierTest, ASilencedAlarmOpensNothing) {
  Silence s;
  s.id = "S1";
  Condition c;
  c.field = "applicationId";
  c.values = {"shop"};
  s.matchers = {c};
  s.starts_at_ms = 0;
  s.ends_at_ms = clock_.NowMs() + 1000;
  silences_.Set(std::make_shared<const std::vector<Silence>>(std::vector<Silence>{s}));
  AppliedRules r = Transition(Event("a", "shop", AlarmStatus::kAlarm, 1));
  EXPECT_EQ(r.explanation.silenced_by, "S1");
  EXPECT_FALSE(r.incident_num);
  EXPECT_TRUE(store_.Get<IncidentStore>().List({})->empty());
}

TEST_F(RuleApplierTest, ForSHoldArmsATimerThatOpensTheIncidentWhenDue) {
  Alarm slow = Event("s", "shop", AlarmStatus::kAlarm, 1, "Slow");
  slow.level = AlarmLevel::kInfo;  // only the `held` rule matches
  AppliedRules held = Transition(slow);
  EXPECT_FALSE(held.incident_num);
  ASSERT_EQ(armed_.size(), 1u);
  const auto [key, due] = *armed_.begin();
  EXPECT_EQ(due, clock_.NowMs() + 60'000);

  // The ingest pipeline stores the held alarm's record with the transition.
  AlarmRecord record;
  record.fingerprint = Fingerprint(slow.integration, slow.alarm_id);
  record.integration = slow.integration;
  record.alarm_id = slow.alarm_id;
  record.status = AlarmStatus::kAlarm;
  record.last_event_json = "{}";
  ChangeSet c;
  c.Get<AlarmChanges>().Put(record);
  ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());

  EXPECT_FALSE(Timer(key).incident_num);  // not due yet: nothing
  clock_.Advance(60'000);
  AppliedRules opened = Timer(key);
  ASSERT_TRUE(opened.incident_num);
  EXPECT_EQ(StatusOf(*opened.incident_num), IncidentStatus::kTriggered);
  // The alarm that started the hold now belongs to the incident it opened.
  EXPECT_EQ((*store_.Get<AlarmStore>().Get(record.fingerprint))->incident_num, opened.incident_num);
}

TEST_F(RuleApplierTest, CommittedCountsRuleMatches) {
  Transition(Event("a", "shop", AlarmStatus::kAlarm, 1));
  double matches = 0;
  for (const auto& f : registry_.Collect()) {
    if (f.name == "alarmgate_rule_matches_total") matches = f.metric.at(0).counter.value;
  }
  EXPECT_EQ(matches, 1);
}

}  // namespace
}  // namespace alarmgate
