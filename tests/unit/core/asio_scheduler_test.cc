// AsioScheduler over a real io_context: a timer runs its callback on the executor after its delay,
// re-arming replaces, neither a cancelled nor a destroyed timer runs (even with its handler
// already queued), and destruction waits for a callback running on another thread.

#include "core/asio_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

namespace alarmgate {
namespace {

using namespace std::chrono_literals;

class AsioSchedulerTest : public testing::Test {
 protected:
  boost::asio::io_context ioc_;
  AsioScheduler scheduler_{ioc_.get_executor()};
  std::atomic<int> runs_{0};
};

TEST_F(AsioSchedulerTest, RunsTheCallbackOnTheExecutorAfterTheDelay) {
  std::thread::id ran_on;
  auto timer = scheduler_.CreateTimer([&] {
    ran_on = std::this_thread::get_id();
    ++runs_;
  });
  const auto start = std::chrono::steady_clock::now();
  timer->ArmAfter(20ms);
  ioc_.run();  // returns once the timer has fired: nothing else keeps it busy
  EXPECT_EQ(runs_, 1);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST_F(AsioSchedulerTest, ReArmingReplacesTheEarlierArming) {
  auto timer = scheduler_.CreateTimer([&] { ++runs_; });
  timer->ArmAfter(1h);
  timer->ArmAfter(0ms);
  ioc_.run();  // the hour-long wait was replaced, so this returns at once
  EXPECT_EQ(runs_, 1);
}

TEST_F(AsioSchedulerTest, ARepeatingTimerReArmsFromItsCallback) {
  std::unique_ptr<Timer> timer;
  timer = scheduler_.CreateTimer([&] {
    if (++runs_ < 3) timer->ArmAfter(1ms);
  });
  timer->ArmAfter(1ms);
  ioc_.run();
  EXPECT_EQ(runs_, 3);
}

TEST_F(AsioSchedulerTest, ACancelledTimerDoesNotRun) {
  auto timer = scheduler_.CreateTimer([&] { ++runs_; });
  timer->ArmAfter(0ms);
  timer->Cancel();
  ioc_.run();
  EXPECT_EQ(runs_, 0);
  timer->ArmAfter(0ms);  // armed again after a cancel: runs
  ioc_.restart();
  ioc_.run();
  EXPECT_EQ(runs_, 1);
}

TEST_F(AsioSchedulerTest, ACancelWinsOverAHandlerAlreadyQueuedToRun) {
  // Both expire in the same pass, so both handlers are queued with success; whichever runs first
  // cancels the other, whose queued handler must then do nothing.
  std::unique_ptr<Timer> a;
  std::unique_ptr<Timer> b;
  a = scheduler_.CreateTimer([&] {
    ++runs_;
    b->Cancel();
  });
  b = scheduler_.CreateTimer([&] {
    ++runs_;
    a->Cancel();
  });
  a->ArmAfter(0ms);
  b->ArmAfter(0ms);
  ioc_.run();
  EXPECT_EQ(runs_, 1);
}

TEST_F(AsioSchedulerTest, ADestroyedTimerNeverRuns) {
  auto timer = scheduler_.CreateTimer([&] { ++runs_; });
  timer->ArmAfter(0ms);
  timer.reset();
  ioc_.run();
  EXPECT_EQ(runs_, 0);
}

TEST_F(AsioSchedulerTest, DestructionWaitsForACallbackRunningOnAnotherThread) {
  std::promise<void> entered;
  std::promise<void> release;
  std::atomic<bool> finished{false};
  auto timer = scheduler_.CreateTimer([&] {
    entered.set_value();
    release.get_future().wait();
    finished = true;
  });
  timer->ArmAfter(0ms);
  std::thread io([this] { ioc_.run(); });
  entered.get_future().wait();
  bool finished_when_destroyed = false;
  std::thread destroyer([&] {
    timer.reset();
    finished_when_destroyed = finished.load();
  });
  release.set_value();
  destroyer.join();
  io.join();
  EXPECT_TRUE(finished_when_destroyed);
}

}  // namespace
}  // namespace alarmgate
