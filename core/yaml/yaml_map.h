#pragma once
// The checked entries of one YAML mapping, in file order, as YamlNode::Map and ::Entries return
// them: unknown, repeated and non-string keys were already reported and left out.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/yaml/yaml_node.h"

namespace alarmgate {

class YamlMap {
 public:
  struct Entry {
    std::string key;
    YamlNode value;
  };

  explicit YamlMap(YamlNode node) : node_(std::move(node)) {}

  // The value under `key`, or nullptr when the key is absent.
  const YamlNode* Get(std::string_view key) const;
  // Likewise, but an absent key is a problem "<name> is required" at the mapping's key line.
  const YamlNode* Require(std::string_view key) const;
  bool Has(std::string_view key) const { return Get(key) != nullptr; }

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  // The mapping itself.
  const YamlNode& node() const { return node_; }

 private:
  friend class YamlNode;
  void Add(std::string key, YamlNode value) {
    entries_.push_back({std::move(key), std::move(value)});
  }

  YamlNode node_;
  std::vector<Entry> entries_;
};

}  // namespace alarmgate
