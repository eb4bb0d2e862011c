// MemoryGroupStore: maps in place of the `groups` and `group_members` column families, in the
// same key order.

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

Result<std::optional<AlarmStatus>> MemoryGroupStore::GetMember(std::string_view group_key,
                                                               std::string_view fingerprint) {
  const GroupChanges::MemberKey k(group_key, fingerprint);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = members_.find(k);
  if (it == members_.end()) return std::optional<AlarmStatus>();
  return std::optional<AlarmStatus>(it->second);
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

void MemoryGroupStore::ApplyLocked(const ChangeSet& change_set) {
  const GroupChanges& changes = change_set.Get<GroupChanges>();
  // Deleted groups' members first: members put in the same change set come after the deletion.
  for (const auto& key : changes.member_groups_deleted()) {
    auto first = members_.lower_bound(GroupChanges::MemberKey(key, std::string()));
    auto last = first;
    while (last != members_.end() && last->first.first == key) ++last;
    members_.erase(first, last);
  }
  for (const auto& [k, status] : changes.members()) members_.insert_or_assign(k, status);
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
    if (g.hold_alarm) bytes += sizeof(Alarm) + g.hold_alarm->body_json.size();
  }
  for (const auto& [k, status] : members_) {
    bytes += k.first.size() + k.second.size() + 8;  // key + '\0' + status, as on disk
  }
  return bytes;
}

}  // namespace alarmgate
