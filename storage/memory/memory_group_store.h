#pragma once
// The GroupStore contract over a std::map, for MemoryStore.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "storage/change_set.h"
#include "storage/group_store.h"

namespace alarmgate {

class MemoryGroupStore final : public GroupStore {
 public:
  // Shares the owning MemoryStore's mutex, so that a commit is seen whole by readers.
  explicit MemoryGroupStore(std::mutex& mu) : mu_(mu) {}

  Result<std::optional<GroupState>> Get(std::string_view key) override;
  Result<std::optional<AlarmStatus>> GetMember(std::string_view group_key,
                                               std::string_view fingerprint) override;
  Status ForEach(const std::function<void(const GroupState&)>& fn) override;

  // Applies the group part of `changes`. The caller holds the shared mutex.
  void ApplyLocked(const ChangeSet& changes);
  // Rough size of what is held, for ApproximateBytes. The caller holds the shared mutex.
  uint64_t ApproximateBytesLocked() const;

 private:
  std::mutex& mu_;
  std::map<std::string, GroupState, std::less<>> groups_;
  // (group key, fingerprint) → status: the `group_members` column family.
  std::map<GroupChanges::MemberKey, AlarmStatus> members_;
};

}  // namespace alarmgate
