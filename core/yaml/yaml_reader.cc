// YamlReader: from a file or a text to the root YamlNode, turning yaml-cpp's exceptions into
// problems with a line, so that a bad file never takes a reload down.

#include "core/yaml/yaml_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace alarmgate {
namespace {

// yaml-cpp's marks are 0-based and may be unset; a syntax error without one blames line 1.
int LineOfMark(const YAML::Mark& mark) {
  return mark.is_null() || mark.line < 0 ? 1 : mark.line + 1;
}

}  // namespace

YamlReader::YamlReader(std::string file, std::vector<FileProblem>* problems)
    : source_(
          std::make_shared<const YamlNode::Source>(YamlNode::Source{std::move(file), problems})) {}

void YamlReader::Problem(int line, std::string message) const {
  source_->problems->push_back({source_->file, line, std::move(message)});
}

std::optional<std::string> YamlReader::ReadText(std::string_view what) const {
  std::ifstream in(source_->file, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    const int err = errno;
    Problem(0, "cannot read " + std::string(what) + ": " + std::strerror(err));
    return std::nullopt;
  }
  return std::move(text).str();
}

std::optional<YamlNode> YamlReader::Parse(const std::string& text, std::string root_name) const {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    std::string message = "YAML syntax error: " + e.msg;
    if (!e.mark.is_null() && e.mark.column >= 0) {
      message += " (column " + std::to_string(e.mark.column + 1) + ")";
    }
    Problem(LineOfMark(e.mark), std::move(message));
    return std::nullopt;
  }
  // A second document would be ignored silently by a reader of the first one.
  if (docs.size() > 1) Problem(LineOfMark(docs[1].Mark()), "only one YAML document is allowed");
  YAML::Node root = docs.empty() ? YAML::Node(YAML::NodeType::Null) : docs[0];
  const int line = root.IsNull() ? 1 : LineOfMark(root.Mark());
  std::string prefix;  // the root's keys are named by themselves: "server", not "config.server"
  return YamlNode(source_, std::move(root), line, line, std::move(root_name), std::move(prefix));
}

std::optional<YamlNode> YamlReader::ParseFile(std::string_view what, std::string root_name) const {
  std::optional<std::string> text = ReadText(what);
  if (!text) return std::nullopt;
  return Parse(*text, std::move(root_name));
}

}  // namespace alarmgate
