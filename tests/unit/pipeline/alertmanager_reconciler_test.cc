// AlertmanagerReconciler over a MemoryStore and the real ingest pipeline, with a fake fetch: which
// alarms get an ok, that a failed fetch clears nothing, that the ok lands in the same rule group
// (so the incident auto-resolves), paging, and, on a FakeScheduler, the schedule: passes posted
// to the pass executor (not run by the tick), every every_s after the last one ended, kept across
// a reload that leaves the target unchanged.

#include "pipeline/alertmanager_reconciler.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <atomic>
#include <boost/asio/io_context.hpp>

#include "alarms/fingerprint.h"
#include "core/fake_scheduler.h"
#include "pipeline/heartbeat_monitor.h"
#include "sources/alertmanager_payload_parser.h"
#include "tests/unit/pipeline/pipeline_stack.h"

namespace alarmgate {
namespace {

using namespace std::chrono_literals;
using Target = AlertmanagerReconciler::Target;
constexpr char kAm[] = "prometheus";
constexpr char kUrl[] = "http://127.0.0.1:9093";

constexpr char kRules[] = R"(
rules:
  - name: by-app
    match: {integration: prometheus}
    group_by: [applicationId]
    incident: {level: level_20, assignee: oncall}
    resolve: all_ok
)";

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
      if (match) return m.counter.value;
    }
  }
  return 0;
}

// One firing alert of an Alertmanager webhook, parsed as the webhook handler parses it.
Alarm FiringAlert(const std::string& fingerprint, const std::string& job,
                  const std::string& alertname = "HighLatency") {
  const std::string payload =
      R"({"version":"4","alerts":[{"status":"firing","labels":{"alertname":")" + alertname +
      R"(","job":")" + job + R"(","instance":"host-1:9100",)" +
      R"("severity":"critical"},"annotations":{"summary":"slow"},)" +
      R"("startsAt":"2023-11-14T22:00:00Z","endsAt":"0001-01-01T00:00:00Z",)" +
      R"("generatorURL":"http://prom/graph","fingerprint":")" + fingerprint + R"("}]})";
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EXPECT_FALSE(parser.parse(payload).get(root));
  auto alarms = ParseAlertmanagerPayload(root, kAm, {});
  EXPECT_TRUE(alarms.ok()) << alarms.status().message();
  return (*alarms)[0];
}

Alarm CocAlarm(const std::string& integration, const std::string& id, AlarmStatus status) {
  Alarm a;
  a.integration = integration;
  a.alarm_id = id;
  a.alarm_name = "Cpu";
  a.level = AlarmLevel::kMajor;
  a.status = status;
  a.time_ms = 1'700'000'000'000;
  a.name_space = "ns";
  a.application_id = "app";
  a.alarm_source = "test";
  a.body_json = R"({"alarmId":")" + id + R"(","alarmName":"Cpu"})";
  return a;
}

class AlertmanagerReconcilerTest : public testing::Test {
 protected:
  void SetUp() override { env_.LoadRules(kRules); }
  // Passes still posted hold the reconciler's in-flight count, which its destructor waits for.
  ~AlertmanagerReconcilerTest() override {
    reconciler_.Stop();
    RunPasses();
  }

  void Ingest(std::vector<Alarm> alarms) {
    auto r = env_.Ingest(std::move(alarms));
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  // Runs the passes the tick has posted, on this thread; how many.
  size_t RunPasses() {
    passes_.restart();
    return passes_.poll();
  }
  AlarmRecord Record(const std::string& integration, const std::string& id) {
    auto r = store_.alarms().Get(Fingerprint(integration, id));
    EXPECT_TRUE(r.ok() && r->has_value()) << integration << "/" << id;
    return r.ok() && r->has_value() ? **r : AlarmRecord{};
  }
  AlarmStatus StatusOf(const std::string& integration, const std::string& id) {
    return Record(integration, id).status;
  }
  // A fetch that answers `held` (or `error` when set), counting its calls.
  AlertmanagerReconciler::FetchFn Fetch() {
    return [this](const std::string& url) -> Result<std::set<std::string>> {
      last_url_ = url;
      ++fetches_;  // last: a reader that sees the count sees the fields above
      if (!error_.ok()) return error_;
      std::lock_guard<std::mutex> lock(held_mu_);
      return held_;
    };
  }
  void Hold(std::set<std::string> held) {
    std::lock_guard<std::mutex> lock(held_mu_);
    held_ = std::move(held);
  }

  PipelineStack env_;
  MemoryStore& store_ = env_.store;
  prometheus::Registry& registry_ = env_.registry;
  FakeClock& clock_ = env_.clock;
  FakeScheduler scheduler_{clock_};
  boost::asio::io_context passes_;  // run by hand: RunPasses()

  std::mutex held_mu_;
  std::set<std::string> held_;
  Status error_;
  std::atomic<int> fetches_{0};
  std::string last_url_;

  AlertmanagerReconciler reconciler_{
      scheduler_, passes_.get_executor(), store_, env_.ingest, clock_, registry_, Fetch()};
};

TEST_F(AlertmanagerReconcilerTest,
       SendsOkOnlyForFiringAlarmsOfThisIntegrationThatAlertmanagerDropped) {
  Ingest({FiringAlert("f1", "api"), FiringAlert("f2", "api"), FiringAlert("f3", "db"),
          CocAlarm("other", "f2", AlarmStatus::kAlarm),
          CocAlarm(kAm, "already-ok", AlarmStatus::kOk)});
  Hold({"f1"});

  auto r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, 2u);
  EXPECT_EQ(last_url_, kUrl);
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kAlarm);  // Alertmanager still has it
  EXPECT_EQ(StatusOf(kAm, "f2"), AlarmStatus::kOk);
  EXPECT_EQ(StatusOf(kAm, "f3"), AlarmStatus::kOk);
  EXPECT_EQ(StatusOf("other", "f2"), AlarmStatus::kAlarm);  // another integration: not ours
  const AlarmRecord f2 = Record(kAm, "f2");
  EXPECT_NE(f2.last_event_json.find(AlertmanagerReconciler::kAlarmDesc), std::string::npos)
      << f2.last_event_json;
  EXPECT_EQ(
      Value(registry_, "alarmgate_reconcile_runs_total", {{"integration", kAm}, {"result", "ok"}}),
      1);
  EXPECT_EQ(Value(registry_, "alarmgate_reconcile_resolved_total", {{"integration", kAm}}), 2);

  // A second pass finds nothing left to resolve.
  r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0u);
  EXPECT_EQ(Value(registry_, "alarmgate_reconcile_resolved_total", {{"integration", kAm}}), 2);
}

TEST_F(AlertmanagerReconcilerTest, AFailedFetchClearsNothing) {
  Ingest({FiringAlert("f1", "api"), FiringAlert("f2", "api")});
  error_ = Status::Unavailable("alertmanager http://x: connect: Connection refused");

  auto r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kAlarm);
  EXPECT_EQ(StatusOf(kAm, "f2"), AlarmStatus::kAlarm);
  EXPECT_EQ(Value(registry_, "alarmgate_reconcile_runs_total",
                  {{"integration", kAm}, {"result", "error"}}),
            1);
  EXPECT_EQ(
      Value(registry_, "alarmgate_reconcile_runs_total", {{"integration", kAm}, {"result", "ok"}}),
      0);
}

TEST_F(AlertmanagerReconcilerTest, AFailedCommitIsAnErrorAndTheNextPassResolves) {
  Ingest({FiringAlert("f1", "api")});
  store_.FailNextCommits(1);
  auto r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kAlarm);
  EXPECT_EQ(Value(registry_, "alarmgate_reconcile_runs_total",
                  {{"integration", kAm}, {"result", "error"}}),
            1);
  r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, 1u);
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kOk);
}

TEST_F(AlertmanagerReconcilerTest, TheOkLandsInTheAlarmsRuleGroupSoTheIncidentAutoResolves) {
  Ingest({FiringAlert("f1", "api"), FiringAlert("f2", "api")});
  const AlarmRecord f1 = Record(kAm, "f1");
  ASSERT_TRUE(f1.incident_num);
  EXPECT_EQ(Record(kAm, "f2").incident_num, f1.incident_num);  // one group: applicationId = job
  EXPECT_EQ((*store_.incidents().Get(*f1.incident_num))->status, IncidentStatus::kTriggered);

  Hold({"f2"});
  ASSERT_TRUE(reconciler_.ReconcileOnce({kAm, kUrl, 60}).ok());
  EXPECT_EQ((*store_.incidents().Get(*f1.incident_num))->status, IncidentStatus::kTriggered);

  Hold({});
  ASSERT_TRUE(reconciler_.ReconcileOnce({kAm, kUrl, 60}).ok());
  EXPECT_EQ((*store_.incidents().Get(*f1.incident_num))->status, IncidentStatus::kResolved);
}

TEST_F(AlertmanagerReconcilerTest, TheHeartbeatAlarmIsNotAlertmanagers) {
  Ingest({HeartbeatMonitor::HeartbeatAlarm(kAm, 60, AlarmStatus::kAlarm, clock_.NowMs())});
  auto r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0u);
  EXPECT_EQ(StatusOf(kAm, HeartbeatMonitor::kAlarmId), AlarmStatus::kAlarm);
}

TEST_F(AlertmanagerReconcilerTest, PagesThroughManyFiringAlarms) {
  std::vector<Alarm> alarms;
  for (int i = 0; i < 1234; ++i)
    alarms.push_back(CocAlarm(kAm, "a" + std::to_string(i), AlarmStatus::kAlarm));
  Ingest(std::move(alarms));
  Hold({"a7"});
  auto r = reconciler_.ReconcileOnce({kAm, kUrl, 60});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, 1233u);
  EXPECT_EQ(StatusOf(kAm, "a7"), AlarmStatus::kAlarm);
  EXPECT_EQ(StatusOf(kAm, "a1233"), AlarmStatus::kOk);
}

TEST(AlertmanagerReconcilerResolveAlarmTest, RebuildsTheAlarmFromItsLastAlert) {
  AlarmRecord r;
  r.integration = kAm;
  r.alarm_id = "f1";
  r.level = AlarmLevel::kMajor;
  r.last_event_time_ms = 1000;
  r.last_event_json = FiringAlert("f1", "api", "DiskFull").body_json;
  Alarm a = AlertmanagerReconciler::ResolveAlarm(r, 5000);
  EXPECT_EQ(a.integration, kAm);
  EXPECT_EQ(a.alarm_id, "f1");
  EXPECT_EQ(a.alarm_name, "DiskFull");
  EXPECT_EQ(a.application_id, "api");
  EXPECT_EQ(a.name_space, "api");
  EXPECT_EQ(a.resource_id, "host-1:9100");
  EXPECT_NE(a.additional_json.find("\"severity\":\"critical\""), std::string::npos);
  EXPECT_EQ(a.level, AlarmLevel::kMajor);  // the record's, not re-mapped
  EXPECT_EQ(a.status, AlarmStatus::kOk);
  EXPECT_EQ(a.time_ms, 5000);
  EXPECT_EQ(a.alarm_source, "alertmanager");
  EXPECT_EQ(a.alarm_desc, AlertmanagerReconciler::kAlarmDesc);
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  ASSERT_FALSE(parser.parse(a.body_json).get(body)) << a.body_json;
  EXPECT_EQ(body["alarmStatus"].get_string().value(), "ok");
  EXPECT_EQ(body["reconciled"].get_bool().value(), true);
}

struct FallbackCase {
  const char* body;
  const char* name;
};

class ResolveAlarmFallbackTest : public testing::TestWithParam<FallbackCase> {};

TEST_P(ResolveAlarmFallbackTest, UsesWhatTheRecordHas) {
  AlarmRecord r;
  r.integration = kAm;
  r.alarm_id = "id-1";
  r.level = AlarmLevel::kMinor;
  r.last_event_json = GetParam().body;
  Alarm a = AlertmanagerReconciler::ResolveAlarm(r, 5000);
  EXPECT_EQ(a.alarm_name, GetParam().name);
  EXPECT_EQ(a.name_space, "default");
  EXPECT_EQ(a.application_id, "default");
  EXPECT_EQ(a.level, AlarmLevel::kMinor);
  EXPECT_EQ(a.status, AlarmStatus::kOk);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, ResolveAlarmFallbackTest,
    testing::Values(FallbackCase{R"({"alarmId":"id-1","alarmName":"Cpu"})", "Cpu"},
                    FallbackCase{R"({"labels":{"alertname":"Partial"}})", "Partial"},
                    FallbackCase{"{}", "id-1"}, FallbackCase{"", "id-1"},
                    FallbackCase{"not json", "id-1"}));

TEST(AlertmanagerReconcilerResolveAlarmTest, IsNeverOlderThanTheLastEvent) {
  AlarmRecord r;
  r.integration = kAm;
  r.alarm_id = "f1";
  r.last_event_time_ms = 9000;  // the sender's clock runs ahead of ours
  EXPECT_EQ(AlertmanagerReconciler::ResolveAlarm(r, 5000).time_ms, 9001);
}

TEST_F(AlertmanagerReconcilerTest, TheTickPostsPassesToTheirExecutorEveryEverySAfterTheLastEnded) {
  Ingest({FiringAlert("f1", "api")});
  Hold({"f1"});
  reconciler_.SetTargets({{kAm, kUrl, 2}});
  reconciler_.Start();

  scheduler_.AdvanceBy(499ms);
  EXPECT_EQ(RunPasses(), 0u);
  scheduler_.AdvanceBy(1ms);  // the first tick: a new target is due at once
  EXPECT_EQ(fetches_.load(), 0) << "the tick only posts the pass";
  EXPECT_EQ(RunPasses(), 1u);
  EXPECT_EQ(fetches_.load(), 1);
  EXPECT_EQ(last_url_, kUrl);
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kAlarm);

  Hold({});  // Alertmanager drops it: the next pass, every_s after this one ended, resolves it
  scheduler_.AdvanceBy(1999ms);
  EXPECT_EQ(RunPasses(), 0u);
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(RunPasses(), 1u);
  EXPECT_EQ(StatusOf(kAm, "f1"), AlarmStatus::kOk);
  EXPECT_EQ(
      Value(registry_, "alarmgate_reconcile_runs_total", {{"integration", kAm}, {"result", "ok"}}),
      2);
}

TEST_F(AlertmanagerReconcilerTest, ASlowPassPushesTheNextOneBackAndNeverOverlapsItself) {
  reconciler_.SetTargets({{kAm, kUrl, 1}});
  reconciler_.Start();
  scheduler_.AdvanceBy(500ms);
  // Not run yet, as if the pool were busy: later ticks do not post a second pass of the target.
  scheduler_.AdvanceBy(5s);
  EXPECT_EQ(RunPasses(), 1u);  // ends at 5.5 s: the next is due at 6.5 s
  scheduler_.AdvanceBy(999ms);
  EXPECT_EQ(RunPasses(), 0u);
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(RunPasses(), 1u);
  EXPECT_EQ(fetches_.load(), 2);
}

TEST_F(AlertmanagerReconcilerTest, AReloadKeepsAnUnchangedTargetsScheduleAndRunsAChangedOneAtOnce) {
  reconciler_.SetTargets({{kAm, kUrl, 10}});
  reconciler_.Start();
  scheduler_.AdvanceBy(500ms);
  ASSERT_EQ(RunPasses(), 1u);  // the next is due at 10.5 s

  reconciler_.SetTargets({{kAm, kUrl, 10}});  // unchanged: still due at 10.5 s
  scheduler_.AdvanceBy(1s);
  EXPECT_EQ(RunPasses(), 0u);

  reconciler_.SetTargets({{kAm, "http://127.0.0.1:9094", 10}});  // changed: due at the next tick
  scheduler_.AdvanceBy(500ms);
  EXPECT_EQ(RunPasses(), 1u);
  EXPECT_EQ(last_url_, "http://127.0.0.1:9094");
}

TEST_F(AlertmanagerReconcilerTest, AStoppedReconcilerTicksNoMore) {
  reconciler_.SetTargets({{kAm, kUrl, 1}});
  reconciler_.Start();
  reconciler_.Stop();
  scheduler_.AdvanceBy(1h);
  EXPECT_EQ(RunPasses(), 0u);
  EXPECT_EQ(scheduler_.Pending(), 0u);
}

TEST_F(AlertmanagerReconcilerTest, SetTargetsExposesZeroSeriesAndDropsRemovedTargets) {
  reconciler_.SetTargets({{kAm, kUrl, 1}, {"am2", "http://127.0.0.1:1", 5}});
  bool found = false;
  for (const auto& family : registry_.Collect()) {
    if (family.name != "alarmgate_reconcile_runs_total") continue;
    found = family.metric.size() == 4;  // ok + error for each integration
  }
  EXPECT_TRUE(found);
  reconciler_.SetTargets({});
  reconciler_.Start();
  scheduler_.AdvanceBy(1200ms);  // two ticks: with no targets nothing is posted
  EXPECT_EQ(RunPasses(), 0u);
  EXPECT_EQ(fetches_.load(), 0);
}

}  // namespace
}  // namespace alarmgate
