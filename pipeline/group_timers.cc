#include "pipeline/group_timers.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/logger.h"

namespace alarmgate {

GroupTimers::GroupTimers(Scheduler& scheduler, GroupCommitter& committer, RuleApplier& applier,
                         const Clock& clock)
    : committer_(committer),
      applier_(applier),
      clock_(clock),
      timer_(scheduler.CreateTimer([this] { Fire(); })) {}

void GroupTimers::Arm(const std::string& group_key, int64_t due_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  heap_.emplace(due_ms, group_key);
  if (due_ms < armed_for_ms_) ScheduleLocked();
}

void GroupTimers::ScheduleLocked() {
  if (heap_.empty()) {
    armed_for_ms_ = INT64_MAX;
    return;
  }
  armed_for_ms_ = heap_.top().first;
  const int64_t delay = std::max<int64_t>(0, armed_for_ms_ - clock_.NowMs());
  timer_->ArmAfter(std::chrono::milliseconds(delay));
}

void GroupTimers::Fire() {
  auto due = std::make_shared<std::vector<std::string>>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    const int64_t now = clock_.NowMs();
    while (!heap_.empty() && heap_.top().first <= now) {
      due->push_back(heap_.top().second);
      heap_.pop();
    }
    ScheduleLocked();
  }
  if (due->empty()) return;
  // Stale entries (a group whose hold was cancelled since) cost one no-op OnTimer each.
  auto applied = std::make_shared<std::vector<AppliedRules>>();
  committer_.Submit(CommitJob{
      [this, due, applied](Transaction& txn) -> Status {
        const int64_t now = clock_.NowMs();
        for (const auto& key : *due) {
          ASSIGN_OR_RETURN(AppliedRules a, applier_.OnTimer(txn, key, now));
          applied->push_back(std::move(a));
        }
        return Status::Ok();
      },
      [this, due, applied](Status status) {
        if (!status.ok()) {
          LogError("group_timers_failed", {{"groups", due->size()}, {"error", status.message()}});
          // Try again later rather than lose a hold.
          const int64_t retry = clock_.NowMs() + 1000;
          for (const auto& key : *due) Arm(key, retry);
          return;
        }
        for (const auto& a : *applied) applier_.Committed(a);
      }});
}

Status GroupTimers::LoadFrom(Store& store, const RulesHolder& rules) {
  ASSIGN_OR_RETURN(const auto due_times, DueTimes(store, *rules.Get()));
  for (const auto& [key, due] : due_times) Arm(key, due);
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, int64_t>>> GroupTimers::DueTimes(Store& store,
                                                                           const RuleSet& rules) {
  std::vector<std::pair<std::string, int64_t>> due_times;
  RETURN_IF_ERROR(store.groups().ForEach([&](const GroupState& state) {
    const Rule* rule = rules.Find(state.rule);
    if (rule == nullptr) return;
    if (auto due = RuleEngine::NextDueMs(*rule, state)) due_times.emplace_back(state.key, *due);
  }));
  return due_times;
}

void GroupTimers::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  timer_->Cancel();
}

}  // namespace alarmgate
