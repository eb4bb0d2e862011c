#pragma once
// Reads the `log:` section of alarmgate.yaml (contract §2): level and format.

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

void ReadLogSection(const YamlNode& node, LogConfig* log);

}  // namespace alarmgate
