// GroupView: the job's staged group or member, else the group commit's, else the stored one.

#include "storage/group_view.h"

namespace alarmgate {

Result<std::optional<GroupState>> GroupView::Get(std::string_view key) const {
  const std::string k(key);
  if (const std::optional<GroupState>* staged =
          txn_.FindStaged<GroupChanges>([&](const GroupChanges& c) { return c.Find(k); })) {
    return *staged;
  }
  return txn_.store().Get<GroupStore>().Get(key);
}

Result<std::optional<AlarmStatus>> GroupView::GetMember(const std::string& group_key,
                                                        const std::string& fingerprint) const {
  const GroupChanges::MemberKey k(group_key, fingerprint);
  // Within one set of changes a put wins (see FindMember), else a deletion means "not a member".
  for (const GroupChanges* changes : txn_.StagedNewestFirst<GroupChanges>()) {
    if (const AlarmStatus* status = changes->FindMember(k)) return std::optional(*status);
    if (changes->member_groups_deleted().contains(group_key)) return std::optional<AlarmStatus>();
  }
  return txn_.store().Get<GroupStore>().GetMember(group_key, fingerprint);
}

}  // namespace alarmgate
