#pragma once
// Time is injected so that tests can drive it (a FakeClock) instead of sleeping.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace alarmgate {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time in epoch milliseconds: what timestamps in the API carry.
  virtual int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_ms = 1'700'000'000'000) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  void Set(int64_t ms) { now_ms_.store(ms); }
  void Advance(int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace alarmgate
