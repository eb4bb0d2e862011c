#pragma once
// Reads a rule's `incident:` block (contract §5): level (fixed or by alarm level), type, the
// templated texts and the assignee.

#include "core/yaml/yaml_node.h"
#include "rules/rule.h"

namespace alarmgate {

// Applies every valid key to `incident`, which holds the defaults on entry.
void LoadIncidentSection(const YamlNode& node, IncidentTemplate* incident);

}  // namespace alarmgate
