// GroupTimers on a FakeScheduler over the real ingest pipeline: a for_s hold opens its incident
// exactly when due and not 1 ms earlier; holds re-armed from storage at startup open on time, or
// at once when overdue; the timer waits for the earliest due time; a failed write retries 1 s
// later; a stopped GroupTimers arms nothing.

#include "pipeline/group_timers.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "alarms/fingerprint.h"
#include "core/fake_scheduler.h"
#include "incidents/incident_lifecycle.h"
#include "tests/unit/pipeline/pipeline_stack.h"

namespace alarmgate {
namespace {

using namespace std::chrono_literals;

constexpr char kRules[] = R"(
rules:
  - name: held
    match: {alarmName: Slow}
    group_by: [applicationId]
    for_s: 2
    incident: {assignee: oncall}
)";
constexpr int64_t kForMs = 2000;

// An alarm the `held` rule holds.
Alarm Slow(const std::string& id, int64_t time_ms) {
  Alarm a;
  a.integration = "mon";
  a.alarm_id = id;
  a.alarm_name = "Slow";
  a.application_id = "shop";
  a.level = AlarmLevel::kMajor;
  a.time_ms = time_ms;
  a.body_json = "{}";
  return a;
}

class GroupTimersTest : public testing::Test {
 protected:
  void SetUp() override {
    env_.LoadRules(kRules);
    StartTimers();
  }
  // New timers, wired as the gateway wires them: the applier sends them the due times.
  void StartTimers() {
    timers_ = std::make_unique<GroupTimers>(scheduler_, env_.committer, env_.applier, env_.clock);
    env_.applier.SetArmTimer(
        [timers = timers_.get()](const std::string& key, int64_t due) { timers->Arm(key, due); });
  }
  // The process stops, stays down `down_ms`, and starts again: new timers load what is stored.
  void Restart(int64_t down_ms) {
    timers_.reset();
    env_.clock.Advance(down_ms);
    StartTimers();
    ASSERT_TRUE(timers_->LoadFrom(env_.store, env_.rules).ok());
  }
  // Sends the held alarm; the hold is due kForMs later.
  void SendHeld() {
    auto r = env_.Ingest({Slow("a1", env_.clock.NowMs())});
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_FALSE((*r)[0].incident_num) << "held: no incident yet";
  }
  // Advances, then waits for the writes the timers submitted.
  void AdvanceBy(std::chrono::milliseconds by) {
    scheduler_.AdvanceBy(by);
    env_.Flush();
  }
  std::vector<Incident> OpenIncidents() {
    std::vector<Incident> open;
    for (IncidentStatus status : OpenStatuses()) {
      EXPECT_TRUE(env_.store.incidents()
                      .ForEachWithStatus(status, [&](const Incident& i) { open.push_back(i); })
                      .ok());
    }
    return open;
  }
  // The one incident the hold opened, checked to be created at `create_ms`.
  Incident OpenedAt(int64_t create_ms) {
    const auto open = OpenIncidents();
    EXPECT_EQ(open.size(), 1u);
    if (open.empty()) return {};
    EXPECT_EQ(open[0].create_time_ms, create_ms);
    return open[0];
  }

  PipelineStack env_;
  FakeScheduler scheduler_{env_.clock};
  std::unique_ptr<GroupTimers> timers_;
};

TEST_F(GroupTimersTest, AHoldOpensItsIncidentExactlyWhenDueAndNot1MsEarlier) {
  const int64_t sent = env_.clock.NowMs();
  SendHeld();
  EXPECT_EQ(scheduler_.NextDueIn(), std::chrono::milliseconds(kForMs));
  AdvanceBy(std::chrono::milliseconds(kForMs - 1));
  EXPECT_TRUE(OpenIncidents().empty());
  AdvanceBy(1ms);
  const Incident opened = OpenedAt(sent + kForMs);
  auto record = env_.store.alarms().Get(Fingerprint("mon", "a1"));
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->incident_num, opened.incident_num)
      << "the held alarm is linked to its incident";
}

TEST_F(GroupTimersTest, AHoldPendingAtStartupIsReArmedFromStorageAndOpensOnTime) {
  const int64_t sent = env_.clock.NowMs();
  SendHeld();
  Restart(500);
  EXPECT_EQ(scheduler_.NextDueIn(), std::chrono::milliseconds(kForMs - 500));
  AdvanceBy(std::chrono::milliseconds(kForMs - 501));
  EXPECT_TRUE(OpenIncidents().empty());
  AdvanceBy(1ms);
  OpenedAt(sent + kForMs);
}

TEST_F(GroupTimersTest, AHoldThatCameDueWhileDownOpensAtOnceAtStartup) {
  const int64_t sent = env_.clock.NowMs();
  SendHeld();
  Restart(kForMs + 60'000);
  EXPECT_EQ(scheduler_.NextDueIn(), 0ms);
  AdvanceBy(0ms);
  OpenedAt(sent + kForMs + 60'000);
}

TEST_F(GroupTimersTest, TheTimerWaitsForTheEarliestDueTime) {
  const int64_t now = env_.clock.NowMs();
  // Groups that are not stored: firing them is a no-op, what matters is when the timer wakes.
  timers_->Arm("late", now + 5000);
  EXPECT_EQ(scheduler_.NextDueIn(), 5000ms);
  timers_->Arm("early", now + 1000);
  EXPECT_EQ(scheduler_.NextDueIn(), 1000ms);
  timers_->Arm("middle", now + 3000);
  EXPECT_EQ(scheduler_.NextDueIn(), 1000ms) << "a later due time does not move the timer";
  AdvanceBy(1000ms);
  EXPECT_EQ(scheduler_.NextDueIn(), 2000ms);
  AdvanceBy(2000ms);
  EXPECT_EQ(scheduler_.NextDueIn(), 2000ms);
  AdvanceBy(2000ms);
  EXPECT_EQ(scheduler_.NextDueIn(), std::nullopt);
}

TEST_F(GroupTimersTest, AFailedWriteRetriesTheHoldOneSecondLater) {
  SendHeld();
  env_.store.FailNextCommits(1);
  AdvanceBy(std::chrono::milliseconds(kForMs));
  EXPECT_TRUE(OpenIncidents().empty());
  EXPECT_EQ(scheduler_.NextDueIn(), 1000ms);
  AdvanceBy(1000ms);
  EXPECT_EQ(OpenIncidents().size(), 1u);
}

TEST_F(GroupTimersTest, AStoppedGroupTimersFiresNothing) {
  SendHeld();
  timers_->Stop();
  EXPECT_EQ(scheduler_.Pending(), 0u);
  timers_->Arm("other", env_.clock.NowMs());
  AdvanceBy(1h);
  EXPECT_EQ(scheduler_.Pending(), 0u);
  EXPECT_TRUE(OpenIncidents().empty());
}

}  // namespace
}  // namespace alarmgate
