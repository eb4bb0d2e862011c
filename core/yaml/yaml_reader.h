#pragma once
// Reads one YAML file into a YamlNode tree whose problems name that file: a file that cannot be
// read, a syntax error and a second document are problems like any other.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/file_problem.h"
#include "core/yaml/yaml_node.h"

namespace alarmgate {

class YamlReader {
 public:
  // Problems go to `problems`, which must outlive the reader and every node it returns; several
  // readers may share one list, as a loader of several files does.
  YamlReader(std::string file, std::vector<FileProblem>* problems);

  // The file's text, or nullopt after "cannot read <what>: <reason>" (a whole-file problem).
  std::optional<std::string> ReadText(std::string_view what) const;
  // The one document in `text`, named `root_name` in messages ("the configuration"); an empty
  // text is a null root at line 1. nullopt after a syntax error.
  std::optional<YamlNode> Parse(const std::string& text, std::string root_name) const;
  // ReadText, then Parse.
  std::optional<YamlNode> ParseFile(std::string_view what, std::string root_name) const;

  // A problem that is about a line rather than a value.
  void Problem(int line, std::string message) const;
  const std::string& file() const { return source_->file; }

 private:
  std::shared_ptr<const YamlNode::Source> source_;
};

}  // namespace alarmgate
