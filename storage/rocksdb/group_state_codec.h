#pragma once
// The on-disk value of a rule group's state (rules/group_state.h): a JSON object with a leading
// format version, its pending hold's alarm in full. The key is the group key. The members' own
// statuses are not in it (they are the `group_members` family's): only their counts.

#include <string>
#include <string_view>

#include "core/status.h"
#include "rules/group_state.h"

namespace alarmgate {

class GroupStateCodec {
 public:
  static constexpr int kVersion = 1;

  static std::string Encode(const GroupState& state);
  // `key` is the group key the value was stored under; it becomes GroupState::key and names the
  // group in errors. Internal when the value is not a group this build can read.
  static Result<GroupState> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
