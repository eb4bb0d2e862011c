#pragma once
// The rule-group part of a ChangeSet: group states keyed by GroupState::key, their members'
// statuses keyed by (group key, fingerprint), and the groups whose stored members go.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "alarms/alarm.h"
#include "rules/group_state.h"
#include "storage/group_store.h"

namespace alarmgate {

class GroupChanges {
 public:
  using StoreInterface = GroupStore;
  // (group key, fingerprint). Members are kept apart from the group's state so that a transition
  // writes one small value whatever the group's size.
  using MemberKey = std::pair<std::string, std::string>;

  void Put(GroupState state) {
    std::string key = state.key;
    groups_[std::move(key)] = std::move(state);
  }
  // Deletes the group's members too (those stored, and those put earlier in these changes), so a
  // group re-created under the same key starts with none: its counters and members stay in step.
  void Delete(const std::string& key) {
    groups_[key] = std::nullopt;
    EraseMembersOf(key);
    member_groups_deleted_.insert(key);
  }
  void PutMember(const std::string& group_key, const std::string& fingerprint, AlarmStatus status) {
    members_[MemberKey(group_key, fingerprint)] = status;
  }

  // nullopt value = delete.
  const std::map<std::string, std::optional<GroupState>>& groups() const { return groups_; }
  const std::map<MemberKey, AlarmStatus>& members() const { return members_; }
  // Groups whose stored members are deleted before members() are written.
  const std::set<std::string>& member_groups_deleted() const { return member_groups_deleted_; }

  // The staged version of group `key` (nullopt inside: deleted), or nullptr when none is.
  const std::optional<GroupState>* Find(const std::string& key) const {
    auto it = groups_.find(key);
    return it == groups_.end() ? nullptr : &it->second;
  }
  // The status staged for a member, or nullptr when none is. A member put after its group's
  // deletion is kept and one put before is erased: a put found here wins over a deletion.
  const AlarmStatus* FindMember(const MemberKey& key) const {
    auto it = members_.find(key);
    return it == members_.end() ? nullptr : &it->second;
  }

  // Applies `other` on top of these (later writes win).
  void Merge(GroupChanges&& other) {
    for (auto& [k, v] : other.groups_) groups_[k] = std::move(v);
    // `other` deleted these groups after everything staged here: their members here go too.
    for (const auto& k : other.member_groups_deleted_) {
      EraseMembersOf(k);
      member_groups_deleted_.insert(k);
    }
    for (auto& [k, v] : other.members_) members_[k] = v;
  }
  bool empty() const {
    return groups_.empty() && members_.empty() && member_groups_deleted_.empty();
  }

 private:
  void EraseMembersOf(const std::string& group_key) {
    auto first = members_.lower_bound(MemberKey(group_key, std::string()));
    auto last = first;
    while (last != members_.end() && last->first.first == group_key) ++last;
    members_.erase(first, last);
  }

  std::map<std::string, std::optional<GroupState>> groups_;
  std::map<MemberKey, AlarmStatus> members_;
  std::set<std::string> member_groups_deleted_;
};

}  // namespace alarmgate
