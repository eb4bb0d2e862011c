#pragma once
// A Scheduler for tests, bound to a FakeClock: nothing runs until the test advances time, and
// then every timer that comes due runs on the test's thread, in due order. Later modules' tests
// (order scheduling, script timeouts) use it too, so it lives next to the interface.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "core/clock.h"
#include "core/scheduler.h"
#include "core/timer_state.h"

namespace alarmgate {

class FakeScheduler final : public Scheduler {
 public:
  explicit FakeScheduler(FakeClock& clock) : clock_(clock) {}

  std::unique_ptr<Timer> CreateTimer(std::function<void()> callback) override;

  // Moves the clock `by` forward. On the way it stops at each due time and runs, on the calling
  // thread, every timer due then (in arming order among equal due times), including timers that
  // those callbacks arm within the span. A timer due exactly at the end runs. One thread
  // advances at a time; timers may be armed and cancelled from any thread.
  void AdvanceBy(std::chrono::milliseconds by);
  // Runs what is due now (armed with a delay ≤ 0, or overdue) without moving time.
  void RunDue() { AdvanceBy(std::chrono::milliseconds(0)); }
  // Timers armed and not yet run or cancelled.
  size_t Pending() const;
  // How long until the next pending timer is due (0 when overdue); none when nothing is pending.
  std::optional<std::chrono::milliseconds> NextDueIn() const;

 private:
  friend class FakeTimer;
  struct Firing {
    Clock::SteadyTime due;
    uint64_t seq = 0;  // arming order: the tie-break among equal due times
    std::shared_ptr<TimerState> state;
    uint64_t generation = 0;
    bool operator<(const Firing& o) const { return due != o.due ? due < o.due : seq < o.seq; }
  };

  void Enqueue(std::shared_ptr<TimerState> state, uint64_t generation,
               std::chrono::milliseconds delay);
  // The earliest firing whose arming still stands; drops the stale ones before it (replaced or
  // cancelled armings).
  std::set<Firing>::iterator FirstCurrentLocked();

  FakeClock& clock_;
  mutable std::mutex mu_;
  std::set<Firing> firings_;  // in due order
  uint64_t next_seq_ = 0;
};

}  // namespace alarmgate
