#pragma once
// Reads one silence (contract §5): from a rules file's `silences:` list, or from the body of a
// POST /v1/silences, which is JSON and so also YAML.

#include <cstdint>
#include <optional>

#include "core/yaml/yaml_node.h"
#include "rules/silence.h"

namespace alarmgate {

// The silence as read (after problems it is incomplete; the caller keeps nothing then), or
// nullopt when it is not a mapping. From a file when `api_now_ms` is unset: its id is
// "file:<path>:<line>". From the API when set: creator and comment are required, starts_at
// defaults to now and ends_at must be in the future; the id is left empty.
std::optional<Silence> LoadSilence(const YamlNode& node,
                                   std::optional<int64_t> api_now_ms = std::nullopt);

}  // namespace alarmgate
