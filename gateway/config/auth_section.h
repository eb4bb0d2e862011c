#pragma once
// Reads the `auth:` section of alarmgate.yaml (contract §2): the management API tokens, each a
// name and the SHA-256 of the token (the token itself is never in the file).

#include <vector>

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

// Adds every valid token to `tokens`; names must be unique.
void ReadAuthSection(const YamlNode& node, std::vector<AuthToken>* tokens);

}  // namespace alarmgate
