#pragma once
// One value of a YAML file with its line and its name in messages, and the typed getters every
// loader reads values with; a refusal is reported as "<name> must be …" at the value's line.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/file_problem.h"

namespace alarmgate {

class YamlMap;

// How every loader quotes a value, a key or a name inside a message: 'text'.
std::string Quoted(std::string_view text);

class YamlNode {
 public:
  static constexpr int64_t kNoMax = std::numeric_limits<int64_t>::max();
  static constexpr double kNoLimit = std::numeric_limits<double>::infinity();

  bool IsNull() const { return node_.IsNull(); }
  bool IsScalar() const { return node_.IsScalar(); }
  bool IsMap() const { return node_.IsMap(); }
  bool IsList() const { return node_.IsSequence(); }
  // Entries of a mapping or items of a list; 0 for anything else.
  size_t size() const { return IsMap() || IsList() ? node_.size() : 0; }
  // A scalar's text as written (without quotes); "" for anything else.
  const std::string& Scalar() const;

  // 1-based, never 0. An empty value has no position of its own (yaml-cpp marks it at the next
  // token, often on a later line), so it is blamed on its key's line.
  int line() const { return line_; }
  // The line of the key this value is under; a list item's and the root's are their own line.
  int key_line() const { return key_line_; }
  // What messages call this value: "server.listen", "integrations[0]", "a rule".
  const std::string& name() const { return name_; }
  const std::string& file() const;
  // What messages call the value under `key` of this mapping: "server" + "listen" =
  // "server.listen".
  std::string KeyName(std::string_view key) const;

  // The same value under another name. `prefix` is what its keys are named under ("" = by their
  // own key alone); the one-argument form uses the new name as the prefix.
  YamlNode Named(std::string name) const;
  YamlNode Named(std::string name, std::string prefix) const;

  // Records a problem about this value at line(), or at key_line().
  void Problem(std::string message) const;
  void ProblemAtKey(std::string message) const;
  // What the value was, for the end of a message: " (got 'x')", " (got a list)", " (got nothing)".
  std::string Got() const;

  // Typed getters: the value, or nullopt after a problem "<name> must be …<Got()>".
  // Numbers and booleans must be written plain: "4" in quotes is a string.
  std::optional<std::string> String() const;          // any scalar
  std::optional<std::string> NonEmptyString() const;  // any scalar but ""
  std::optional<int64_t> Int(int64_t min = std::numeric_limits<int64_t>::min(),
                             int64_t max = kNoMax) const;
  std::optional<double> Number(double min = -kNoLimit, double max = kNoLimit) const;
  // true or false only: the YAML 1.1 spellings (yes/no, on/off, y/n) and True/FALSE are refused
  // with a hint, because `country: no` must not turn into false (the "Norway problem").
  std::optional<bool> Bool() const;
  // One of `choices`, spelled exactly so.
  std::optional<std::string> OneOf(std::initializer_list<std::string_view> choices) const;
  // A list of scalars; an empty value is an empty list.
  std::optional<std::vector<std::string>> StringList() const;
  // A list's items, named "<prefix>[i]"; an empty value is an empty list. `of` completes the
  // refusal: "must be a list of <of>".
  std::optional<std::vector<YamlNode>> Items(std::string_view of = {}) const;
  // A mapping whose keys must be among `allowed`: an unknown key is a problem with the nearest
  // allowed key suggested, a repeated key is a problem; both are left out of the result. An
  // empty value is an empty mapping (`server:` alone means all defaults).
  std::optional<YamlMap> Map(std::initializer_list<std::string_view> allowed) const;
  // A mapping with keys of the loader's choosing (labels, parameter names): every plain key once.
  std::optional<YamlMap> Entries(std::string_view of = {}) const;

 private:
  friend class YamlReader;
  struct Source {
    std::string file;
    std::vector<FileProblem>* problems;
  };

  YamlNode(std::shared_ptr<const Source> source, YAML::Node node, int line, int key_line,
           std::string name, std::string prefix);
  // The child under `key` (a mapping's value) and the i-th item of a list.
  YamlNode Child(const YAML::Node& key, const YAML::Node& value) const;
  YamlNode Item(const YAML::Node& item, size_t index, int previous_line) const;
  // The walk behind Map and Entries; `allowed` null = any key.
  std::optional<YamlMap> Walk(const std::initializer_list<std::string_view>* allowed,
                              std::string_view of) const;
  bool IsPlain() const;
  bool HasTag(std::string_view yaml_type) const;

  std::shared_ptr<const Source> source_;
  YAML::Node node_;
  int line_ = 1;
  int key_line_ = 1;
  std::string name_;
  std::string prefix_;
};

}  // namespace alarmgate
