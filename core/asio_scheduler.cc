// Boost.Asio timers behind the Timer interface: one steady_timer each, re-armed in place, whose
// handlers check the shared TimerState so that a cancelled or replaced arming never runs.

#include "core/asio_scheduler.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <mutex>

#include "core/timer_state.h"

namespace alarmgate {
namespace {

class AsioTimer final : public Timer {
 public:
  AsioTimer(boost::asio::any_io_executor executor, std::function<void()> callback)
      : state_(std::make_shared<TimerState>(std::move(callback))), timer_(std::move(executor)) {}

  // Closed before the steady_timer goes: a handler already queued finds the state closed.
  ~AsioTimer() override { state_->Close(); }

  void ArmAfter(std::chrono::milliseconds delay) override {
    // steady_timer itself is not thread-safe; arming comes from I/O threads and the writer.
    std::lock_guard<std::mutex> lock(mu_);
    const uint64_t generation = state_->Arm();
    timer_.expires_after(std::max(delay, std::chrono::milliseconds(0)));
    // The handler holds the state, not this timer: it may run after the timer is destroyed.
    timer_.async_wait([state = state_, generation](const boost::system::error_code& ec) {
      if (!ec) state->RunIfCurrent(generation);
    });
  }

  void Cancel() override {
    // Under the lock, so that a concurrent ArmAfter lands wholly before or after the cancel.
    std::lock_guard<std::mutex> lock(mu_);
    state_->Disarm();  // also stops a handler already queued with success
    timer_.cancel();
  }

 private:
  const std::shared_ptr<TimerState> state_;
  std::mutex mu_;
  boost::asio::steady_timer timer_;
};

}  // namespace

std::unique_ptr<Timer> AsioScheduler::CreateTimer(std::function<void()> callback) {
  return std::make_unique<AsioTimer>(executor_, std::move(callback));
}

}  // namespace alarmgate
