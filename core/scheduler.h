#pragma once
// The one timer interface every periodic job uses, so that tests can drive time: production
// timers run on Boost.Asio (AsioScheduler), tests use a FakeScheduler that only moves when the
// test advances it.

#include <chrono>
#include <functional>
#include <memory>

namespace alarmgate {

// One callback, armed for one due time at a time (a job that repeats re-arms it from the
// callback). Every method is thread-safe and may be called from the callback itself.
class Timer {
 public:
  // Cancels, and waits for a run of the callback on another thread to return: once the timer is
  // gone its callback never runs again, so what the callback captured may be destroyed.
  virtual ~Timer() = default;
  // The callback runs once, `delay` from now in monotonic time (≤ 0: as soon as the scheduler
  // runs). Replaces an arming that has not fired yet.
  virtual void ArmAfter(std::chrono::milliseconds delay) = 0;
  // Drops the pending run, if any. A run already started on another thread still finishes, so a
  // job that stops also keeps a "stopped" flag of its own for that one late run.
  virtual void Cancel() = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // A timer, not armed yet. The scheduler must outlive the timers it creates.
  virtual std::unique_ptr<Timer> CreateTimer(std::function<void()> callback) = 0;
};

}  // namespace alarmgate
