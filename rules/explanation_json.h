#pragma once
// The rule engine's Explanation as JSON: kept on each alarm (GET /v1/alarms/{fingerprint},
// "last_decision") and returned by POST /v1/rules/test.

#include <string>

#include "core/json_writer.h"
#include "rules/rule_engine.h"

namespace alarmgate {

// {"matched_rules":[…],"group_keys":[…],"silenced_by":…|null,"dropped":bool,"steps":[…]}
void WriteExplanation(JsonWriter& w, const Explanation& e);
std::string ExplanationJson(const Explanation& e);

}  // namespace alarmgate
