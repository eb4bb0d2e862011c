#pragma once
// A silence (contract §5): while active, matching alarms open, attach and resolve nothing. From a
// rules file or from POST /v1/silences.

#include <cstdint>
#include <string>
#include <vector>

#include "rules/condition.h"

namespace alarmgate {

struct Silence {
  std::string id;  // "file:<path>:<line>" for silences from rules files, "S…" for API ones
  std::vector<Condition> matchers;
  int64_t starts_at_ms = 0;
  int64_t ends_at_ms = 0;
  std::string comment;
  std::string creator;
  bool from_file = false;

  bool ActiveAt(int64_t now_ms) const { return starts_at_ms <= now_ms && now_ms < ends_at_ms; }
};

}  // namespace alarmgate
