#pragma once
// Reads the `executor:` section of alarmgate.yaml (contract §2): parallelism, the remediation
// switch and rate, the work dir and the ssh client.

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

void ReadExecutorSection(const YamlNode& node, ExecutorConfig* executor);

}  // namespace alarmgate
