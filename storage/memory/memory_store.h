#pragma once
// An in-memory Store (std::maps behind one mutex) for unit tests of the modules above storage,
// with hooks to make commits and syncs fail so that callers can test their 503 path.

#include <cstdint>
#include <functional>
#include <mutex>
#include <tuple>

#include "storage/memory/memory_alarm_store.h"
#include "storage/memory/memory_group_store.h"
#include "storage/memory/memory_incident_store.h"
#include "storage/memory/memory_silence_store.h"
#include "storage/store.h"

namespace alarmgate {

// One row per aggregate: its in-memory store, constructed from the shared mutex, applying its own
// part of each commit.
using MemoryAggregateStores =
    std::tuple<MemoryAlarmStore, MemoryIncidentStore, MemoryGroupStore, MemorySilenceStore>;

class MemoryStore final : public Store {
 public:
  MemoryStore();
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  Status Commit(const ChangeSet& changes, Durability durability) override;
  Status Sync() override;
  uint64_t ApproximateBytes() override;

  // Test hooks: the next `n` Commits return Unavailable and change nothing.
  void FailNextCommits(int n);
  // Commits that reached the maps (failed ones not counted).
  int64_t successful_commits() const;
  // The next `n` Syncs return Unavailable.
  void FailNextSyncs(int n);
  // Runs at the start of every Sync, outside the store's lock (a test can hold a sync there).
  void OnSync(std::function<void()> hook);
  // successful_commits() as of the last successful Sync: the commits a machine crash keeps.
  int64_t synced_commits() const;

 private:
  mutable std::mutex mu_;
  MemoryAggregateStores stores_;  // all share mu_
  int fail_next_commits_ = 0;
  int64_t successful_commits_ = 0;
  int fail_next_syncs_ = 0;
  int64_t synced_commits_ = 0;
  std::function<void()> on_sync_;
};

}  // namespace alarmgate
