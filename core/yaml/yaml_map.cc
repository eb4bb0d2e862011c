// YamlMap's look-ups; the entries themselves are checked by YamlNode's walk.

#include "core/yaml/yaml_map.h"

namespace alarmgate {

const YamlNode* YamlMap::Get(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const YamlNode* YamlMap::Require(std::string_view key) const {
  if (const YamlNode* value = Get(key)) return value;
  // The mapping's key line: for `reconcile:` with its keys below, that is where an operator looks.
  node_.ProblemAtKey(node_.KeyName(key) + " is required");
  return nullptr;
}

}  // namespace alarmgate
