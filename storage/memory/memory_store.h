#pragma once
// An in-memory Store (std::map behind a mutex) for unit tests of the modules above storage, with a
// hook to make commits fail so that callers can test their 503 path.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "storage/alarm_store.h"
#include "storage/memory/memory_group_store.h"
#include "storage/memory/memory_incident_store.h"
#include "storage/memory/memory_silence_store.h"
#include "storage/store.h"

namespace alarmgate {

class MemoryStore final : public Store, private AlarmStore {
 public:
  MemoryStore() : incidents_(mu_), groups_(mu_), silences_(mu_) {}
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // Store
  AlarmStore& alarms() override { return *this; }
  IncidentStore& incidents() override { return incidents_; }
  GroupStore& groups() override { return groups_; }
  SilenceStore& silences() override { return silences_; }
  Status Commit(const ChangeSet& changes, Durability durability) override;
  Status Sync() override;
  uint64_t ApproximateBytes() override;

  // Test hooks: the next `n` Commits return Unavailable and change nothing.
  void FailNextCommits(int n);
  // Commits that reached the map (failed ones not counted).
  int64_t successful_commits() const;
  // The next `n` Syncs return Unavailable.
  void FailNextSyncs(int n);
  // Runs at the start of every Sync, outside the store's lock (a test can hold a sync there).
  void OnSync(std::function<void()> hook);
  // successful_commits() as of the last successful Sync: the commits a machine crash keeps.
  int64_t synced_commits() const;

 private:
  // AlarmStore
  Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) override;
  Result<std::vector<AlarmRecord>> List(const AlarmQuery& query) override;
  Result<std::vector<std::string>> ListResolvedBefore(int64_t cutoff_ms, size_t limit) override;
  Status ForEach(const std::function<void(const AlarmRecord&)>& fn) override;

  mutable std::mutex mu_;
  std::map<std::string, AlarmRecord, std::less<>> alarms_;
  MemoryIncidentStore incidents_;  // shares mu_
  MemoryGroupStore groups_;        // shares mu_
  MemorySilenceStore silences_;    // shares mu_
  int fail_next_commits_ = 0;
  int64_t successful_commits_ = 0;
  int fail_next_syncs_ = 0;
  int64_t synced_commits_ = 0;
  std::function<void()> on_sync_;
};

}  // namespace alarmgate
