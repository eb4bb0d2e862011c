#pragma once
// Reads the `storage:` section of alarmgate.yaml (contract §2): data dir, durability, retention.

#include "core/yaml/yaml_node.h"
#include "gateway/config/config.h"

namespace alarmgate {

void ReadStorageSection(const YamlNode& node, StorageConfig* storage);

}  // namespace alarmgate
