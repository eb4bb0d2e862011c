#include "pipeline/ingest_service.h"

#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "alarms/fingerprint.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

Alarm Event(std::string id, AlarmStatus status, int64_t time_ms) {
  Alarm a;
  a.integration = "mon";
  a.alarm_id = std::move(id);
  a.status = status;
  a.time_ms = time_ms;
  a.level = AlarmLevel::kCritical;
  a.body_json = "{}";
  return a;
}

double Value(prometheus::Registry& registry, const std::string& name,
             const std::map<std::string, std::string>& labels) {
  for (const auto& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const auto& m : family.metric) {
      bool match = true;
      for (const auto& [k, v] : labels) {
        bool found = false;
        for (const auto& l : m.label) found |= (l.name == k && l.value == v);
        match &= found;
      }
      if (match) return family.type == prometheus::MetricType::Gauge ? m.gauge.value : m.counter.value;
    }
  }
  return 0;
}

class IngestServiceTest : public testing::Test {
 protected:
  Result<std::vector<IngestOutcome>> Ingest(std::vector<Alarm> alarms) {
    std::promise<Result<std::vector<IngestOutcome>>> p;
    auto f = p.get_future();
    service_.Ingest(std::move(alarms), [&p](Result<std::vector<IngestOutcome>> r) {
      p.set_value(std::move(r));
    });
    return f.get();
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  FakeClock clock_;
  GroupCommitter committer_{store_, Durability::kProcess, registry_};
  // No rules: an alarm is recorded only (the rules' effects are tested in rule_applier_test).
  RulesHolder rules_{std::make_shared<const RuleSet>()};
  SilencesHolder silences_{std::make_shared<const std::vector<Silence>>()};
  IncidentService incidents_{store_, committer_, clock_, registry_};
  RuleApplier applier_{incidents_, rules_, silences_, registry_};
  IngestService service_{store_, committer_, applier_, clock_, registry_};
};

TEST_F(IngestServiceTest, TransitionsAreStoredAndCounted) {
  auto r = Ingest({Event("a", AlarmStatus::kAlarm, 100)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].verdict, DedupVerdict::kNew);
  EXPECT_EQ((*r)[0].fingerprint, Fingerprint("mon", "a"));
  auto stored = store_.Get<AlarmStore>().Get(Fingerprint("mon", "a"));
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->count, 1);
  EXPECT_EQ(Value(registry_, "alarmgate_alarm_transitions_total", {{"to", "alarm"}}), 1);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_active", {{"integration", "mon"}}), 1);

  r = Ingest({Event("a", AlarmStatus::kOk, 200)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].verdict, DedupVerdict::kTransition);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_active", {{"integration", "mon"}}), 0);
  EXPECT_EQ(Value(registry_, "alarmgate_alarm_transitions_total", {{"to", "ok"}}), 1);
}

TEST_F(IngestServiceTest, DuplicateRetryAndStaleAreCountedByResult) {
  ASSERT_TRUE(Ingest({Event("a", AlarmStatus::kAlarm, 100)}).ok());
  ASSERT_TRUE(Ingest({Event("a", AlarmStatus::kAlarm, 150)}).ok());
  ASSERT_TRUE(Ingest({Event("a", AlarmStatus::kAlarm, 150)}).ok());
  ASSERT_TRUE(Ingest({Event("a", AlarmStatus::kAlarm, 50)}).ok());
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_received_total", {{"result", "accepted"}}), 1);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_received_total", {{"result", "duplicate"}}), 2);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_received_total", {{"result", "stale"}}), 1);
  EXPECT_EQ((*store_.Get<AlarmStore>().Get(Fingerprint("mon", "a")))->count, 2);
}

TEST_F(IngestServiceTest, ABatchWithTheSameAlarmTwiceSeesItsOwnFirstWrite) {
  auto r = Ingest({Event("a", AlarmStatus::kAlarm, 100), Event("a", AlarmStatus::kAlarm, 200)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].verdict, DedupVerdict::kNew);
  EXPECT_EQ((*r)[1].verdict, DedupVerdict::kDuplicate);
  EXPECT_EQ((*store_.Get<AlarmStore>().Get(Fingerprint("mon", "a")))->count, 2);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_active", {{"integration", "mon"}}), 1);
}

TEST_F(IngestServiceTest, ConcurrentIdenticalAlarmsMakeExactlyOneTransition) {
  std::vector<std::thread> threads;
  std::atomic<int> transitions{0};
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&] {
      auto r = Ingest({Event("same", AlarmStatus::kAlarm, 100 + 0)});
      if (r.ok() && IsTransition((*r)[0].verdict)) ++transitions;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(transitions.load(), 1);
  EXPECT_EQ(Value(registry_, "alarmgate_alarm_transitions_total", {{"to", "alarm"}}), 1);
}

TEST_F(IngestServiceTest, FailedCommitChangesNothingAndCountsNothing) {
  store_.FailNextCommits(1);
  auto r = Ingest({Event("a", AlarmStatus::kAlarm, 100)});
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_FALSE(store_.Get<AlarmStore>().Get(Fingerprint("mon", "a"))->has_value());
  EXPECT_EQ(Value(registry_, "alarmgate_alarm_transitions_total", {{"to", "alarm"}}), 0);
  EXPECT_EQ(Value(registry_, "alarmgate_alarms_active", {{"integration", "mon"}}), 0);
}

TEST_F(IngestServiceTest, LoadGaugesCountsStoredActiveAlarms) {
  ASSERT_TRUE(Ingest({Event("a", AlarmStatus::kAlarm, 1), Event("b", AlarmStatus::kAlarm, 1),
                      Event("c", AlarmStatus::kOk, 1)})
                  .ok());
  prometheus::Registry fresh;
  IngestService restarted(store_, committer_, applier_, clock_, fresh);
  ASSERT_TRUE(restarted.LoadGauges().ok());
  EXPECT_EQ(Value(fresh, "alarmgate_alarms_active", {{"integration", "mon"}, {"level", "Critical"}}), 2);
}

}  // namespace
}  // namespace alarmgate
