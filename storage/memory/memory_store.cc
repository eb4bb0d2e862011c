// MemoryStore: the Store contract over a std::map, for tests; mirrors RocksDbStore's ordering and
// filtering so the same contract suite passes over both.

#include "storage/memory/memory_store.h"

#include <utility>
#include <vector>

namespace alarmgate {

Status MemoryStore::Commit(const ChangeSet& changes, Durability /*durability*/) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_next_commits_ > 0) {
    --fail_next_commits_;
    return Status::Unavailable("memory store: injected commit failure");
  }
  for (const auto& [key, record] : changes.alarms()) {
    if (record) {
      alarms_.insert_or_assign(key, *record);
    } else {
      alarms_.erase(key);
    }
  }
  incidents_.ApplyLocked(changes);
  groups_.ApplyLocked(changes);
  silences_.ApplyLocked(changes);
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
  for (const auto& [key, r] : alarms_) {
    bytes += key.size() + sizeof(AlarmRecord) + r.integration.size() + r.alarm_id.size() +
             r.last_event_json.size() + r.last_decision_json.size();
  }
  return bytes + incidents_.ApproximateBytesLocked() + groups_.ApproximateBytesLocked() +
         silences_.ApproximateBytesLocked();
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

Result<std::optional<AlarmRecord>> MemoryStore::Get(std::string_view fingerprint) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = alarms_.find(fingerprint);
  if (it == alarms_.end()) return std::optional<AlarmRecord>();
  return std::optional<AlarmRecord>(it->second);
}

Result<std::vector<AlarmRecord>> MemoryStore::List(const AlarmQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<AlarmRecord> out;
  auto it = query.marker.empty() ? alarms_.begin() : alarms_.upper_bound(query.marker);
  for (; it != alarms_.end() && out.size() < query.limit; ++it) {
    const AlarmRecord& r = it->second;
    if (query.status && r.status != *query.status) continue;
    if (query.integration && r.integration != *query.integration) continue;
    out.push_back(r);
  }
  return out;
}

Result<std::vector<std::string>> MemoryStore::ListResolvedBefore(int64_t cutoff_ms, size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (auto it = alarms_.begin(); it != alarms_.end() && out.size() < limit; ++it) {
    if (it->second.status == AlarmStatus::kOk && it->second.last_seen_ms < cutoff_ms) {
      out.push_back(it->first);
    }
  }
  return out;
}

Status MemoryStore::ForEach(const std::function<void(const AlarmRecord&)>& fn) {
  // Copy first: `fn` may call back into the store.
  std::vector<AlarmRecord> snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot.reserve(alarms_.size());
    for (const auto& [key, r] : alarms_) snapshot.push_back(r);
  }
  for (const AlarmRecord& r : snapshot) fn(r);
  return Status::Ok();
}

}  // namespace alarmgate
