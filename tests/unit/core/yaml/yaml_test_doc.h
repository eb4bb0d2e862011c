#pragma once
// A parsed YAML text for toolkit tests: the root node and the problems reported so far.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/yaml/file_problem.h"
#include "core/yaml/yaml_map.h"
#include "core/yaml/yaml_node.h"
#include "core/yaml/yaml_reader.h"

namespace alarmgate {

inline constexpr char kTestFile[] = "t.yaml";

class YamlTestDoc {
 public:
  explicit YamlTestDoc(const std::string& yaml, std::string root_name = "the document")
      : reader_(kTestFile, &problems_), root_(reader_.Parse(yaml, std::move(root_name))) {}

  const YamlNode& root() const { return *root_; }
  // The value under the top-level `key` (the test texts put the value under test at "v").
  YamlNode Get(const std::string& key = "v") {
    std::optional<YamlMap> map = root_->Entries();
    const YamlNode* value = map ? map->Get(key) : nullptr;
    if (value == nullptr) throw std::runtime_error("no key " + key);
    return *value;
  }
  const std::vector<FileProblem>& problems() const { return problems_; }
  std::string Dump() const {
    std::string out;
    for (const FileProblem& p : problems_) out += p.ToString() + "\n";
    return out;
  }

 private:
  std::vector<FileProblem> problems_;
  YamlReader reader_;
  std::optional<YamlNode> root_;
};

}  // namespace alarmgate
