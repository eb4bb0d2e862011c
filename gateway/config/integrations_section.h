#pragma once
// Reads the `integrations:` list of alarmgate.yaml (contract §2): key, name, format, rate limit,
// heartbeat, and the alertmanager-only severity map and reconciliation.

#include <vector>

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

// Adds every valid integration to `integrations`; names and keys must be unique.
void ReadIntegrationsSection(const YamlNode& node, std::vector<IntegrationConfig>* integrations);

}  // namespace alarmgate
