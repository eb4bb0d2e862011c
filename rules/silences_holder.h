#pragma once
// The silences in force (from rules files and the API): swapped whole whenever one is created,
// expired or the rules are reloaded, read without locks by the rule engine's callers.

#include <vector>

#include "core/snapshot.h"
#include "rules/silence.h"

namespace alarmgate {

using SilencesHolder = Snapshot<std::vector<Silence>>;

}  // namespace alarmgate
