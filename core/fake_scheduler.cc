// The fake timers and the advance loop: a set of pending firings in due order, run one at a
// time with the clock moved to each firing's due time.

#include "core/fake_scheduler.h"

#include <algorithm>

namespace alarmgate {

class FakeTimer final : public Timer {
 public:
  FakeTimer(FakeScheduler& scheduler, std::function<void()> callback)
      : scheduler_(scheduler), state_(std::make_shared<TimerState>(std::move(callback))) {}
  ~FakeTimer() override { state_->Close(); }

  void ArmAfter(std::chrono::milliseconds delay) override {
    scheduler_.Enqueue(state_, state_->Arm(), delay);
  }
  void Cancel() override { state_->Disarm(); }

 private:
  FakeScheduler& scheduler_;
  const std::shared_ptr<TimerState> state_;
};

std::unique_ptr<Timer> FakeScheduler::CreateTimer(std::function<void()> callback) {
  return std::make_unique<FakeTimer>(*this, std::move(callback));
}

void FakeScheduler::Enqueue(std::shared_ptr<TimerState> state, uint64_t generation,
                            std::chrono::milliseconds delay) {
  const Clock::SteadyTime due = clock_.SteadyNow() + std::max(delay, std::chrono::milliseconds(0));
  std::lock_guard<std::mutex> lock(mu_);
  firings_.insert(Firing{due, next_seq_++, std::move(state), generation});
}

std::set<FakeScheduler::Firing>::iterator FakeScheduler::FirstCurrentLocked() {
  auto it = firings_.begin();
  while (it != firings_.end() && !it->state->IsCurrent(it->generation)) it = firings_.erase(it);
  return it;
}

void FakeScheduler::AdvanceBy(std::chrono::milliseconds by) {
  const Clock::SteadyTime until = clock_.SteadyNow() + std::max(by, std::chrono::milliseconds(0));
  auto move_clock_to = [this](Clock::SteadyTime t) {
    const auto step = std::chrono::duration_cast<std::chrono::milliseconds>(t - clock_.SteadyNow());
    if (step.count() > 0) clock_.Advance(step.count());
  };
  while (true) {
    Firing next;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto first = FirstCurrentLocked();
      if (first == firings_.end() || first->due > until) break;
      next = *first;
      firings_.erase(first);
    }
    // The callback sees the clock at its own due time, as a real timer would.
    move_clock_to(next.due);
    next.state->RunIfCurrent(next.generation);
  }
  move_clock_to(until);
}

size_t FakeScheduler::Pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::count_if(firings_.begin(), firings_.end(),
                       [](const Firing& f) { return f.state->IsCurrent(f.generation); });
}

std::optional<std::chrono::milliseconds> FakeScheduler::NextDueIn() const {
  std::lock_guard<std::mutex> lock(mu_);
  auto first = std::find_if(firings_.begin(), firings_.end(),
                            [](const Firing& f) { return f.state->IsCurrent(f.generation); });
  if (first == firings_.end()) return std::nullopt;
  const auto in =
      std::chrono::duration_cast<std::chrono::milliseconds>(first->due - clock_.SteadyNow());
  return std::max(in, std::chrono::milliseconds(0));
}

}  // namespace alarmgate
