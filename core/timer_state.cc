// The generation check and the wait for running callbacks that make cancel and destroy safe.

#include "core/timer_state.h"

#include <algorithm>

namespace alarmgate {

uint64_t TimerState::Arm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = !closed_;
  return ++generation_;
}

void TimerState::Disarm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
}

bool TimerState::IsCurrent(uint64_t generation) const {
  std::lock_guard<std::mutex> lock(mu_);
  return armed_ && generation == generation_;
}

bool TimerState::RunIfCurrent(uint64_t generation) {
  const auto self = std::this_thread::get_id();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!armed_ || generation != generation_) return false;
    armed_ = false;
    running_.push_back(self);
  }
  // Unregistered even if the callback throws, or Close() would wait forever.
  struct Done {
    TimerState& state;
    std::thread::id self;
    ~Done() {
      std::lock_guard<std::mutex> lock(state.mu_);
      state.running_.erase(std::find(state.running_.begin(), state.running_.end(), self));
      state.idle_.notify_all();
    }
  } done{*this, self};
  callback_();  // without the lock: the callback re-arms, or cancels, its own timer
  return true;
}

void TimerState::Close() {
  const auto self = std::this_thread::get_id();
  std::unique_lock<std::mutex> lock(mu_);
  closed_ = true;
  armed_ = false;
  idle_.wait(lock, [&] {
    return std::all_of(running_.begin(), running_.end(),
                       [&](std::thread::id t) { return t == self; });
  });
}

}  // namespace alarmgate
