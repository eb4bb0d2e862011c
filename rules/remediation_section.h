#pragma once
// Reads a rule's `remediation:` block (contract §5): the script, its templated parameters and
// targets, the run settings, and the safety limits (cooldown, rate, breaker, dry run).

#include "core/yaml/yaml_node.h"
#include "rules/rule.h"

namespace alarmgate {

// Applies every valid key to `remediation`, which holds the defaults on entry. A block without
// a script is a problem.
void LoadRemediationSection(const YamlNode& node, RemediationTemplate* remediation);

}  // namespace alarmgate
