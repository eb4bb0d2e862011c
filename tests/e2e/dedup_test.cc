// Deduplication promises of contract §4.4 over HTTP: duplicates, exact retries, late events,
// transitions, and concurrent identical alarms making exactly one transition.

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

const std::string kTransitionsToAlarm =
    R"(alarmgate_alarm_transitions_total{integration="in-house-monitor",to="alarm"})";
const std::string kTransitionsToOk =
    R"(alarmgate_alarm_transitions_total{integration="in-house-monitor",to="ok"})";

class DedupTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }

  // Posts and returns data.duplicate (nullopt when not a 200 with a bool).
  std::optional<bool> Post(const std::string& id, int64_t time, const std::string& status) {
    CocAlarm a;
    a.alarm_id = id;
    a.time = time;
    a.alarm_status = status;
    HttpResult r = PostAlarm(a);
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body).Bool("/data/duplicate");
  }
};

TEST_F(DedupTest, SameStatusAgainIsADuplicateThatCounts) {
  const std::string fp = Fingerprint(kCocName, "dup");
  EXPECT_EQ(Post("dup", 1000, "alarm"), false);
  EXPECT_EQ(Post("dup", 2000, "alarm"), true);
  EXPECT_EQ(Post("dup", 3000, "alarm"), true);
  JsonDoc doc(GetAlarm(fp).body);
  EXPECT_EQ(doc.Int("/data/count"), 3);
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_EQ(doc.Int("/data/last_event/time"), 3000);
  std::string m = Metrics();
  EXPECT_EQ(MetricSum(m, kTransitionsToAlarm), 1);
  EXPECT_EQ(
      MetricSum(
          m,
          R"(alarmgate_alarms_received_total{integration="in-house-monitor",result="accepted"})"),
      1);
  EXPECT_EQ(
      MetricSum(
          m,
          R"(alarmgate_alarms_received_total{integration="in-house-monitor",result="duplicate"})"),
      2);
  EXPECT_EQ(MetricSum(m, R"(alarmgate_alarms_active{integration="in-house-monitor"})"), 1);
}

TEST_F(DedupTest, ExactRetryChangesNothingAtAll) {
  const std::string fp = Fingerprint(kCocName, "retry");
  EXPECT_EQ(Post("retry", 1000, "alarm"), false);
  HttpResult before = GetAlarm(fp);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(Post("retry", 1000, "alarm"), true);
  EXPECT_EQ(Post("retry", 1000, "alarm"), true);
  HttpResult after = GetAlarm(fp);
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(JsonDoc(after.body).Int("/data/count"), 1);
  EXPECT_EQ(MetricOrZero(kTransitionsToAlarm), 1);
}

TEST_F(DedupTest, LateAlarmNeverReopensWhatANewerOkClosed) {
  const std::string fp = Fingerprint(kCocName, "late");
  EXPECT_EQ(Post("late", 1000, "alarm"), false);
  EXPECT_EQ(Post("late", 3000, "ok"), false);
  EXPECT_EQ(Post("late", 2000, "alarm"), true);  // sent before the ok, delivered after it
  JsonDoc doc(GetAlarm(fp).body);
  EXPECT_EQ(doc.String("/data/status"), "ok");
  EXPECT_EQ(doc.Int("/data/last_transition_time"), 3000);
  std::string m = Metrics();
  EXPECT_EQ(MetricSum(m, kTransitionsToAlarm), 1);
  EXPECT_EQ(MetricSum(m, kTransitionsToOk), 1);
  EXPECT_EQ(
      MetricSum(
          m, R"(alarmgate_alarms_received_total{integration="in-house-monitor",result="stale"})"),
      1);
  EXPECT_EQ(MetricSum(m, R"(alarmgate_alarms_active{integration="in-house-monitor"})"), 0);
}

TEST_F(DedupTest, AlarmOkAlarmIsThreeTransitions) {
  const std::string fp = Fingerprint(kCocName, "flap");
  EXPECT_EQ(Post("flap", 1000, "alarm"), false);
  EXPECT_EQ(Post("flap", 2000, "ok"), false);
  EXPECT_EQ(JsonDoc(GetAlarm(fp).body).String("/data/status"), "ok");
  EXPECT_EQ(Post("flap", 3000, "alarm"), false);
  JsonDoc doc(GetAlarm(fp).body);
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_EQ(doc.Int("/data/last_transition_time"), 3000);
  EXPECT_EQ(doc.Int("/data/count"), 3);
  std::string m = Metrics();
  EXPECT_EQ(MetricSum(m, kTransitionsToAlarm), 2);
  EXPECT_EQ(MetricSum(m, kTransitionsToOk), 1);
}

// Sends `bodies[i]` on its own connection from its own thread, all released at once.
std::vector<HttpResult> PostConcurrently(uint16_t port, const std::vector<std::string>& bodies) {
  std::vector<HttpResult> results(bodies.size());
  std::latch go(static_cast<std::ptrdiff_t>(bodies.size()));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bodies.size(); ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port, std::chrono::seconds(30));
      go.arrive_and_wait();
      results[i] = client.Post(CocPath(kCocKey), bodies[i]);
    });
  }
  for (auto& t : threads) t.join();
  return results;
}

TEST_F(DedupTest, HundredIdenticalAlarmsAtOnceMakeExactlyOneTransition) {
  CocAlarm a;
  a.alarm_id = "storm";
  std::vector<HttpResult> results =
      PostConcurrently(server_->port(), std::vector<std::string>(100, a.ToJson()));
  int firsts = 0;
  for (const auto& r : results) {
    ASSERT_EQ(r.status, 200) << r.error << r.body;
    if (JsonDoc(r.body).Bool("/data/duplicate") == false) ++firsts;
  }
  EXPECT_EQ(firsts, 1);
  EXPECT_EQ(MetricOrZero(kTransitionsToAlarm), 1);
  // Identical bodies are exact retries of the first: no further effect (contract §4.4).
  EXPECT_EQ(JsonDoc(GetAlarm(Fingerprint(kCocName, "storm")).body).Int("/data/count"), 1);
}

TEST_F(DedupTest, HundredConcurrentDuplicatesAreEachCounted) {
  // One transition first, then 99 later events of the same alarm at once: no lost update.
  EXPECT_EQ(Post("crowd", 1000, "alarm"), false);
  std::vector<std::string> bodies;
  for (int i = 1; i < 100; ++i) {
    CocAlarm a;
    a.alarm_id = "crowd";
    a.time = 1000 + i;
    bodies.push_back(a.ToJson());
  }
  for (const auto& r : PostConcurrently(server_->port(), bodies)) {
    ASSERT_EQ(r.status, 200) << r.error << r.body;
    EXPECT_EQ(JsonDoc(r.body).Bool("/data/duplicate"), true) << r.body;
  }
  JsonDoc doc(GetAlarm(Fingerprint(kCocName, "crowd")).body);
  EXPECT_EQ(doc.Int("/data/count"), 100);
  EXPECT_EQ(MetricOrZero(kTransitionsToAlarm), 1);
}

}  // namespace
}  // namespace alarmgate::e2e
