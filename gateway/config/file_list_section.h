#pragma once
// Reads `rules_files:` and `inventory_files:` of alarmgate.yaml (contract §2): paths relative to
// the config file, globs allowed, each named file checked to be readable YAML.

#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/file_problem.h"
#include "core/yaml/yaml_map.h"

namespace alarmgate {

// Expands the list under `key` of `top` into existing regular files (each once, in order).
// Listed paths must exist; globs may match nothing. Without the key, `default_file` is used
// only if it exists. Each resulting file must parse as YAML: its own problems name that file
// and go to `problems`. `what` names such a file in messages ("rules file").
void ReadFileListSection(const YamlMap& top, std::string_view key, const std::string& default_file,
                         const std::string& base_dir, std::string_view what,
                         std::vector<FileProblem>* problems, std::vector<std::string>* out);

}  // namespace alarmgate
