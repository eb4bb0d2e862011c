#pragma once
// Reads the conditions of a rule's `match:` or a silence's `matchers:` (contract §5): a value,
// a list of values, {regex: …} or {not: …} per alarm field.

#include <vector>

#include "core/yaml/yaml_node.h"
#include "rules/rule.h"

namespace alarmgate {

// The valid conditions of a `field: condition` mapping (empty for an empty value); each invalid
// one is a problem: unknown fields, bad regexes, values a field can never have.
std::vector<Condition> LoadConditions(const YamlNode& node);

}  // namespace alarmgate
