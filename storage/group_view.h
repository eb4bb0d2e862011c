#pragma once
// Rule groups and their members as one job of a group commit sees them: reads find what this job
// and the earlier jobs of its group staged before the store; writes are staged in the job's
// changes.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "storage/transaction.h"

namespace alarmgate {

class GroupView {
 public:
  explicit GroupView(Transaction& txn) : txn_(txn) {}

  Result<std::optional<GroupState>> Get(std::string_view key) const;
  void Put(GroupState state) { txn_.Changes<GroupChanges>().Put(std::move(state)); }
  // Also deletes the group's members.
  void Delete(const std::string& key) { txn_.Changes<GroupChanges>().Delete(key); }

  // A member's last status (nullopt: not a member), seeing group deletions staged in this commit.
  Result<std::optional<AlarmStatus>> GetMember(const std::string& group_key,
                                               const std::string& fingerprint) const;
  void PutMember(const std::string& group_key, const std::string& fingerprint, AlarmStatus status) {
    txn_.Changes<GroupChanges>().PutMember(group_key, fingerprint, status);
  }

 private:
  Transaction& txn_;
};

}  // namespace alarmgate
