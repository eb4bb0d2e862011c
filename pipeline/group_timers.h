#pragma once
// Runs rule groups' timers (for_s holds, resolve_delay_s holds, flapping calm) when they come due.
// The due times live in the stored group states; this only keeps a heap of them in memory,
// re-armed from storage at startup, so holds survive restart.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/scheduler.h"
#include "pipeline/rule_applier.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

class GroupTimers {
 public:
  // Due times are wall-clock ms (what group states store); `clock` turns them into delays.
  GroupTimers(Scheduler& scheduler, GroupCommitter& committer, RuleApplier& applier,
              const Clock& clock);

  // Thread-safe. A due time already past fires at once.
  void Arm(const std::string& group_key, int64_t due_ms);
  // Startup: arms every stored group that has a timer under the current rules.
  Status LoadFrom(Store& store, const RulesHolder& rules);
  // What LoadFrom arms, read without arming: (group key, due ms) of every stored group that has a
  // timer under `rules`. A reload reads it before it swaps new rules in, so that a storage error
  // refuses the reload instead of leaving holds unarmed.
  static Result<std::vector<std::pair<std::string, int64_t>>> DueTimes(Store& store,
                                                                       const RuleSet& rules);
  void Stop();

 private:
  using Entry = std::pair<int64_t, std::string>;  // (due ms, group key)

  void ScheduleLocked();
  void Fire();

  GroupCommitter& committer_;
  RuleApplier& applier_;
  const Clock& clock_;
  std::mutex mu_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  int64_t armed_for_ms_ = INT64_MAX;  // the due time the timer waits for
  bool stopped_ = false;
  // Last: destroyed first, so a run of Fire() never outlives the members it uses.
  std::unique_ptr<Timer> timer_;
};

}  // namespace alarmgate
