// MemoryGroupStore: a map in place of the `groups` column family, in the same key order.

#include "storage/memory/memory_group_store.h"

#include <utility>
#include <vector>

namespace alarmgate {

Result<std::optional<GroupState>> MemoryGroupStore::Get(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = groups_.find(key);
  if (it == groups_.end()) return std::optional<GroupState>();
  return std::optional<GroupState>(it->second);
}

Status MemoryGroupStore::ForEach(const std::function<void(const GroupState&)>& fn) {
  // Copy first: `fn` may call back into the store.
  std::vector<GroupState> snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot.reserve(groups_.size());
    for (const auto& [key, g] : groups_) snapshot.push_back(g);
  }
  for (const GroupState& g : snapshot) fn(g);
  return Status::Ok();
}

void MemoryGroupStore::ApplyLocked(const ChangeSet& changes) {
  for (const auto& [key, state] : changes.groups()) {
    if (state) {
      groups_.insert_or_assign(key, *state);
    } else {
      groups_.erase(key);
    }
  }
}

uint64_t MemoryGroupStore::ApproximateBytesLocked() const {
  uint64_t bytes = 0;
  for (const auto& [key, g] : groups_) {
    bytes += 2 * key.size() + sizeof(GroupState) + g.rule.size() +
             g.transitions_ms.size() * sizeof(int64_t);
    for (const auto& [fp, name] : g.member_names) bytes += fp.size() + name.size();
    bytes += g.members.size() * 40;  // fingerprint + status
    if (g.hold_alarm) bytes += sizeof(Alarm) + g.hold_alarm->body_json.size();
  }
  return bytes;
}

}  // namespace alarmgate
