#pragma once
// Reads one ${field} template of a rules file (incident texts, remediation params and targets),
// refusing placeholders that name no alarm field.

#include <optional>

#include "core/yaml/yaml_node.h"
#include "rules/rule.h"

namespace alarmgate {

// The template, or nullopt after reporting "<name> must be a string" or "<name>: <problem>".
std::optional<Template> LoadTemplate(const YamlNode& node);

}  // namespace alarmgate
