#pragma once
// What a timer shares with its pending firings, whatever runs them (Asio or the fake): which
// arming is current, so that a firing left over from an earlier arming does nothing, and which
// threads are running the callback, so that closing the timer can wait for them.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace alarmgate {

class TimerState {
 public:
  explicit TimerState(std::function<void()> callback) : callback_(std::move(callback)) {}

  // A new arming; the earlier one becomes stale. Its generation, for the firing to present.
  uint64_t Arm();
  void Disarm();
  // Whether a firing of `generation` would still run.
  bool IsCurrent(uint64_t generation) const;
  // Runs the callback on the calling thread if `generation` is the current arming, which the run
  // consumes (a repeating job re-arms); false for a stale or cancelled firing.
  bool RunIfCurrent(uint64_t generation);
  // Disarms for good, then waits until no other thread runs the callback (the calling thread may:
  // a callback may destroy its own timer).
  void Close();

 private:
  const std::function<void()> callback_;
  mutable std::mutex mu_;
  std::condition_variable idle_;
  uint64_t generation_ = 0;
  bool armed_ = false;
  bool closed_ = false;
  std::vector<std::thread::id> running_;  // threads inside the callback now
};

}  // namespace alarmgate
