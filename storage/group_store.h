#pragma once
// Read access to rule groups' state (rules/group_state.h): written through a Transaction with
// the alarm transition or timer that changed it.

#include <functional>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "rules/group_state.h"

namespace alarmgate {

class GroupStore {
 public:
  virtual ~GroupStore() = default;
  virtual Result<std::optional<GroupState>> Get(std::string_view key) = 0;
  // Every group (startup: re-arming the timers of pending holds).
  virtual Status ForEach(const std::function<void(const GroupState&)>& fn) = 0;
};

}  // namespace alarmgate
