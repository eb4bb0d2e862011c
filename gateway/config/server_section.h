#pragma once
// Reads the `server:` section of alarmgate.yaml (contract §2): listen address, threads, limits
// and timeouts.

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

// Applies every valid value to `server`; every invalid one is a problem on `node`'s file.
void ReadServerSection(const YamlNode& node, ServerConfig* server);

}  // namespace alarmgate
