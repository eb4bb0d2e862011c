// FakeScheduler: time only moves when the test moves it; advancing runs what comes due, in due
// order, at its due time, including what the callbacks arm on the way; cancel, re-arm and
// destruction drop a pending run.

#include "core/fake_scheduler.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace alarmgate {
namespace {

using namespace std::chrono_literals;

class FakeSchedulerTest : public testing::Test {
 protected:
  // A timer that records "<name>@<ms since the test began>" each time it runs.
  std::unique_ptr<Timer> Recording(const std::string& name) {
    return scheduler_.CreateTimer(
        [this, name] { runs_.push_back(name + "@" + std::to_string(clock_.NowMs() - start_ms_)); });
  }

  FakeClock clock_;
  FakeScheduler scheduler_{clock_};
  const int64_t start_ms_ = clock_.NowMs();
  std::vector<std::string> runs_;
};

TEST_F(FakeSchedulerTest, NothingRunsAndTimeStandsStillUntilTheTestAdvances) {
  const Clock::SteadyTime steady = clock_.SteadyNow();
  auto timer = Recording("t");
  timer->ArmAfter(0ms);  // due at once, and still waits for the test
  EXPECT_TRUE(runs_.empty());
  EXPECT_EQ(scheduler_.Pending(), 1u);
  EXPECT_EQ(clock_.NowMs(), start_ms_);
  EXPECT_EQ(clock_.SteadyNow(), steady);

  scheduler_.RunDue();
  EXPECT_EQ(runs_, std::vector<std::string>{"t@0"});
  EXPECT_EQ(clock_.SteadyNow(), steady);
  EXPECT_EQ(scheduler_.Pending(), 0u);
}

TEST_F(FakeSchedulerTest, AdvancingMovesWallAndMonotonicTimeByExactlyTheAmount) {
  const Clock::SteadyTime steady = clock_.SteadyNow();
  scheduler_.AdvanceBy(1234ms);
  EXPECT_EQ(clock_.NowMs(), start_ms_ + 1234);
  EXPECT_EQ(clock_.SteadyNow(), steady + 1234ms);
}

TEST_F(FakeSchedulerTest, ATimerRunsExactlyAtItsDueTimeAndNot1MsEarlier) {
  auto timer = Recording("t");
  timer->ArmAfter(100ms);
  scheduler_.AdvanceBy(99ms);
  EXPECT_TRUE(runs_.empty());
  EXPECT_EQ(scheduler_.NextDueIn(), 1ms);
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(runs_, std::vector<std::string>{"t@100"});
  scheduler_.AdvanceBy(1h);
  EXPECT_EQ(runs_.size(), 1u) << "armed once, runs once";
}

TEST_F(FakeSchedulerTest, RunsInDueOrderEachAtItsOwnTimeAndInArmingOrderAmongEquals) {
  auto late = Recording("late");
  auto first = Recording("first");
  auto tie_a = Recording("tie-a");
  auto tie_b = Recording("tie-b");
  late->ArmAfter(300ms);
  tie_a->ArmAfter(200ms);
  first->ArmAfter(100ms);
  tie_b->ArmAfter(200ms);
  scheduler_.AdvanceBy(1000ms);
  EXPECT_EQ(runs_, (std::vector<std::string>{"first@100", "tie-a@200", "tie-b@200", "late@300"}));
  EXPECT_EQ(clock_.NowMs(), start_ms_ + 1000);
}

TEST_F(FakeSchedulerTest, ARepeatingTimerRunsOncePerPeriodThatAnAdvanceCrosses) {
  std::unique_ptr<Timer> tick;
  tick = scheduler_.CreateTimer([&] {
    runs_.push_back("tick@" + std::to_string(clock_.NowMs() - start_ms_));
    tick->ArmAfter(100ms);  // re-armed from its own callback, as every periodic job does
  });
  tick->ArmAfter(100ms);
  scheduler_.AdvanceBy(350ms);
  EXPECT_EQ(runs_, (std::vector<std::string>{"tick@100", "tick@200", "tick@300"}));
  EXPECT_EQ(scheduler_.NextDueIn(), 50ms);
  scheduler_.AdvanceBy(50ms);
  EXPECT_EQ(runs_.back(), "tick@400");
}

TEST_F(FakeSchedulerTest, ACallbackArmingAnotherTimerDueWithinTheSpanRunsItInTheSameAdvance) {
  auto second = Recording("second");
  auto first = scheduler_.CreateTimer([&] {
    runs_.push_back("first@" + std::to_string(clock_.NowMs() - start_ms_));
    second->ArmAfter(0ms);
  });
  first->ArmAfter(10ms);
  scheduler_.AdvanceBy(10ms);
  EXPECT_EQ(runs_, (std::vector<std::string>{"first@10", "second@10"}));
}

TEST_F(FakeSchedulerTest, ReArmingReplacesThePendingRun) {
  auto timer = Recording("t");
  timer->ArmAfter(100ms);
  timer->ArmAfter(500ms);
  EXPECT_EQ(scheduler_.Pending(), 1u);
  scheduler_.AdvanceBy(499ms);
  EXPECT_TRUE(runs_.empty());
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(runs_, std::vector<std::string>{"t@500"});

  timer->ArmAfter(500ms);
  timer->ArmAfter(100ms);  // earlier also replaces
  scheduler_.AdvanceBy(1s);
  EXPECT_EQ(runs_, (std::vector<std::string>{"t@500", "t@600"}));
}

TEST_F(FakeSchedulerTest, CancelDropsThePendingRunEvenFromAnotherTimersCallbackOnTheWay) {
  auto victim = Recording("victim");
  auto killer = scheduler_.CreateTimer([&] { victim->Cancel(); });
  victim->ArmAfter(200ms);
  killer->ArmAfter(100ms);
  scheduler_.AdvanceBy(1s);
  EXPECT_TRUE(runs_.empty());
  EXPECT_EQ(scheduler_.Pending(), 0u);
  EXPECT_EQ(scheduler_.NextDueIn(), std::nullopt);

  victim->ArmAfter(10ms);  // a cancelled timer can be armed again
  scheduler_.AdvanceBy(10ms);
  EXPECT_EQ(runs_, std::vector<std::string>{"victim@1010"});
}

TEST_F(FakeSchedulerTest, ADestroyedTimerNeverRuns) {
  auto timer = Recording("t");
  timer->ArmAfter(10ms);
  timer.reset();
  EXPECT_EQ(scheduler_.Pending(), 0u);
  scheduler_.AdvanceBy(1s);
  EXPECT_TRUE(runs_.empty());
}

TEST_F(FakeSchedulerTest, ACallbackMayDestroyItsOwnTimer) {
  std::unique_ptr<Timer> timer;
  int runs = 0;
  timer = scheduler_.CreateTimer([&] {
    ++runs;
    timer.reset();
  });
  timer->ArmAfter(10ms);
  scheduler_.AdvanceBy(10ms);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(timer, nullptr);
}

TEST_F(FakeSchedulerTest, ATimerArmedOnAnotherThreadRunsOnTheAdvancingThread) {
  std::thread::id ran_on;
  auto timer = scheduler_.CreateTimer([&] { ran_on = std::this_thread::get_id(); });
  std::thread([&] { timer->ArmAfter(5ms); }).join();
  scheduler_.AdvanceBy(4ms);
  EXPECT_EQ(ran_on, std::thread::id());
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(FakeClockTest, SetStepsTheWallClockOnlyAndMonotonicTimeNeverGoesBack) {
  FakeClock clock(5000);
  const Clock::SteadyTime steady = clock.SteadyNow();
  clock.Set(1000);
  EXPECT_EQ(clock.NowMs(), 1000);
  EXPECT_EQ(clock.SteadyNow(), steady);
  clock.Advance(-500);
  EXPECT_EQ(clock.NowMs(), 500);
  EXPECT_EQ(clock.SteadyNow(), steady);
  clock.Advance(250);
  EXPECT_EQ(clock.NowMs(), 750);
  EXPECT_EQ(clock.SteadyNow(), steady + std::chrono::milliseconds(250));
}

}  // namespace
}  // namespace alarmgate
