#pragma once
// Read access to rule groups' state (rules/group_state.h) and to their members' statuses: written
// through a Transaction with the alarm transition or timer that changed them.

#include <functional>
#include <optional>
#include <string_view>

#include "alarms/alarm.h"
#include "core/status.h"
#include "rules/group_state.h"

namespace alarmgate {

class GroupStore {
 public:
  virtual ~GroupStore() = default;
  virtual Result<std::optional<GroupState>> Get(std::string_view key) = 0;
  // The last status the group saw from an alarm; nullopt when the alarm is not a member.
  virtual Result<std::optional<AlarmStatus>> GetMember(std::string_view group_key,
                                                       std::string_view fingerprint) = 0;
  // Every group (startup: re-arming the timers of pending holds).
  virtual Status ForEach(const std::function<void(const GroupState&)>& fn) = 0;
};

}  // namespace alarmgate
