#pragma once
// Time is injected so that tests can drive it (a FakeClock) instead of sleeping: wall time for
// what is stored and shown, monotonic time for how long to wait.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace alarmgate {

class Clock {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  virtual ~Clock() = default;
  // Wall-clock time in epoch milliseconds: what timestamps in the API carry. May jump (NTP).
  virtual int64_t NowMs() const = 0;
  // Monotonic time: never goes back, so intervals measured with it survive wall-clock steps.
  virtual SteadyTime SteadyNow() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  SteadyTime SteadyNow() const override { return std::chrono::steady_clock::now(); }
};

// Moves only when the test moves it. Advance moves wall and monotonic time together, as time
// passing does; Set steps the wall clock alone, as an NTP correction does. To run the timers that
// come due on the way, advance through a FakeScheduler instead.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_ms = 1'700'000'000'000) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  SteadyTime SteadyNow() const override {
    return SteadyTime(std::chrono::milliseconds(steady_ms_.load()));
  }
  void Set(int64_t ms) { now_ms_.store(ms); }
  // A negative `ms` steps the wall clock back; monotonic time never goes back.
  void Advance(int64_t ms) {
    now_ms_.fetch_add(ms);
    if (ms > 0) steady_ms_.fetch_add(ms);
  }

 private:
  std::atomic<int64_t> now_ms_;
  // Starts well above zero so that "a point before the start" is still a valid time point.
  std::atomic<int64_t> steady_ms_{1'000'000'000};
};

}  // namespace alarmgate
