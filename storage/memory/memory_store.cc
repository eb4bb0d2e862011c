// MemoryStore: the Store contract over std::maps, for tests; its aggregate stores mirror
// RocksDbStore's ordering and filtering so the same contract suites pass over both.

#include "storage/memory/memory_store.h"

#include <utility>

#include "storage/aggregate_stores.h"

namespace alarmgate {

MemoryStore::MemoryStore() : stores_(ConstructEach<MemoryAggregateStores>(mu_)) {
  Register(stores_);
}

Status MemoryStore::Commit(const ChangeSet& changes, Durability /*durability*/) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_next_commits_ > 0) {
    --fail_next_commits_;
    return Status::Unavailable("memory store: injected commit failure");
  }
  ForEachStore(stores_, [&](auto& store) { store.ApplyLocked(changes); });
  ++successful_commits_;
  return Status::Ok();
}

Status MemoryStore::Sync() {
  std::function<void()> hook;
  {
    std::lock_guard<std::mutex> lock(mu_);
    hook = on_sync_;
  }
  if (hook) hook();
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_next_syncs_ > 0) {
    --fail_next_syncs_;
    return Status::Unavailable("memory store: injected sync failure");
  }
  synced_commits_ = successful_commits_;
  return Status::Ok();
}

uint64_t MemoryStore::ApproximateBytes() {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t bytes = 0;
  ForEachStore(stores_, [&](const auto& store) { bytes += store.ApproximateBytesLocked(); });
  return bytes;
}

void MemoryStore::FailNextCommits(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_next_commits_ = n;
}

int64_t MemoryStore::successful_commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return successful_commits_;
}

void MemoryStore::FailNextSyncs(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_next_syncs_ = n;
}

void MemoryStore::OnSync(std::function<void()> hook) {
  std::lock_guard<std::mutex> lock(mu_);
  on_sync_ = std::move(hook);
}

int64_t MemoryStore::synced_commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return synced_commits_;
}

}  // namespace alarmgate
