#pragma once
// The rules in force: swapped whole on reload, read without locks by the writer and the API.

#include "core/snapshot.h"
#include "rules/rule_set.h"

namespace alarmgate {

using RulesHolder = Snapshot<RuleSet>;

}  // namespace alarmgate
