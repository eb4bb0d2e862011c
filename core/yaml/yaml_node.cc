// YamlNode: where a value is, what it is called, and the getters that check it. Every message
// this toolkit writes is worded here, so that config, rules and inventory problems read alike.

#include "core/yaml/yaml_node.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>
#include <utility>

#include "core/near_miss.h"
#include "core/yaml/yaml_map.h"

namespace alarmgate {
namespace {

constexpr size_t kMaxEchoedChars = 64;

// The 1-based line yaml-cpp marked `n` at, or `fallback` when it has no mark.
int MarkLine(const YAML::Node& n, int fallback) {
  const YAML::Mark m = n.Mark();
  return m.is_null() || m.line < 0 ? fallback : m.line + 1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// What YAML 1.1 (or another case of true/false) would read as a boolean.
bool LooksBoolean(std::string_view s) {
  static const std::set<std::string, std::less<>> kSpellings = {"y",  "yes", "n",    "no",
                                                                "on", "off", "true", "false"};
  return kSpellings.contains(Lower(s));
}

std::string FormatNumber(double d) {
  std::ostringstream out;
  out << d;
  return out.str();
}

std::string IntRule(int64_t min, int64_t max) {
  if (max == YamlNode::kNoMax) {
    if (min == 1) return "a positive integer";
    if (min == std::numeric_limits<int64_t>::min()) return "an integer";
    return "an integer >= " + std::to_string(min);
  }
  return "an integer between " + std::to_string(min) + " and " + std::to_string(max);
}

std::string NumberRule(double min, double max) {
  if (max == YamlNode::kNoLimit) {
    if (min == -YamlNode::kNoLimit) return "a number";
    return "a number >= " + FormatNumber(min);
  }
  return "a number between " + FormatNumber(min) + " and " + FormatNumber(max);
}

// `s` without one leading '+', which YAML allows on numbers and std::from_chars does not.
std::string_view Unsigned(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return s;
}

template <typename T>
bool ParseWhole(std::string_view s, T* out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

YamlNode::YamlNode(std::shared_ptr<const Source> source, YAML::Node node, int line, int key_line,
                   std::string name, std::string prefix)
    : source_(std::move(source)),
      node_(std::move(node)),
      line_(line),
      key_line_(key_line),
      name_(std::move(name)),
      prefix_(std::move(prefix)) {}

const std::string& YamlNode::Scalar() const {
  static const std::string kEmpty;
  return IsScalar() ? node_.Scalar() : kEmpty;
}

const std::string& YamlNode::file() const { return source_->file; }

std::string YamlNode::KeyName(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

YamlNode YamlNode::Named(std::string name) const {
  std::string prefix = name;
  return Named(std::move(name), std::move(prefix));
}

YamlNode YamlNode::Named(std::string name, std::string prefix) const {
  YamlNode copy = *this;
  copy.name_ = std::move(name);
  copy.prefix_ = std::move(prefix);
  return copy;
}

void YamlNode::Problem(std::string message) const {
  source_->problems->push_back({source_->file, line_, std::move(message)});
}

void YamlNode::ProblemAtKey(std::string message) const {
  source_->problems->push_back({source_->file, key_line_, std::move(message)});
}

std::string YamlNode::Got() const {
  if (IsScalar()) {
    std::string s = Scalar();
    if (s.size() > kMaxEchoedChars) s = s.substr(0, kMaxEchoedChars) + "...";
    return " (got " + Quoted(s) + ")";
  }
  if (IsList()) return " (got a list)";
  if (IsMap()) return " (got a mapping)";
  return " (got nothing)";
}

bool YamlNode::IsPlain() const { return IsScalar() && node_.Tag() == "?"; }

bool YamlNode::HasTag(std::string_view yaml_type) const {
  return node_.Tag() == "tag:yaml.org,2002:" + std::string(yaml_type);
}

std::optional<std::string> YamlNode::String() const {
  if (IsScalar()) return Scalar();
  Problem(name_ + " must be a string" + Got());
  return std::nullopt;
}

std::optional<std::string> YamlNode::NonEmptyString() const {
  if (IsScalar() && !Scalar().empty()) return Scalar();
  Problem(name_ + " must be a non-empty string" + Got());
  return std::nullopt;
}

std::optional<int64_t> YamlNode::Int(int64_t min, int64_t max) const {
  int64_t n = 0;
  if ((IsPlain() || HasTag("int")) && ParseWhole(Unsigned(Scalar()), &n) && n >= min && n <= max) {
    return n;
  }
  Problem(name_ + " must be " + IntRule(min, max) + Got());
  return std::nullopt;
}

std::optional<double> YamlNode::Number(double min, double max) const {
  double d = 0;
  if ((IsPlain() || HasTag("int") || HasTag("float")) && ParseWhole(Unsigned(Scalar()), &d) &&
      std::isfinite(d) && d >= min && d <= max) {
    return d;
  }
  Problem(name_ + " must be " + NumberRule(min, max) + Got());
  return std::nullopt;
}

std::optional<bool> YamlNode::Bool() const {
  const bool plain = IsPlain() || HasTag("bool");
  if (plain && Scalar() == "true") return true;
  if (plain && Scalar() == "false") return false;
  std::string message = name_ + " must be true or false" + Got();
  if (IsScalar() && !plain && (Scalar() == "true" || Scalar() == "false")) {
    message += "; write it without quotes";
  } else if (IsScalar() && LooksBoolean(Scalar())) {
    message += "; write true or false (yes/no, on/off, y/n and capitalised spellings are refused)";
  }
  Problem(std::move(message));
  return std::nullopt;
}

std::optional<std::string> YamlNode::OneOf(std::initializer_list<std::string_view> choices) const {
  if (IsScalar() && std::find(choices.begin(), choices.end(), Scalar()) != choices.end()) {
    return Scalar();
  }
  std::string list;
  for (std::string_view c : choices) {
    if (!list.empty()) list += ", ";
    list += c;
  }
  Problem(name_ + " must be one of " + list + Got());
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlNode::StringList() const {
  auto items = Items();
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const YamlNode& item : *items) {
    if (auto s = item.String()) {
      out.push_back(std::move(*s));
    } else {
      ok = false;  // go on: every bad item is reported
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

YamlNode YamlNode::Child(const YAML::Node& key, const YAML::Node& value) const {
  const int key_line = MarkLine(key, line_);
  const int line = value.IsNull() ? key_line : MarkLine(value, key_line);
  std::string name = KeyName(key.IsScalar() ? key.Scalar() : std::string());
  std::string prefix = name;
  return YamlNode(source_, value, line, key_line, std::move(name), std::move(prefix));
}

YamlNode YamlNode::Item(const YAML::Node& item, size_t index, int previous_line) const {
  int line = MarkLine(item, line_);
  if (item.IsNull()) {
    // An empty item is marked at the next token: in a block list that is the next "-", one line
    // down; an explicit ~ is marked at itself. Neither can come before the previous item.
    const int earliest = index == 0 ? line_ : previous_line + 1;
    line = std::min(line, std::max(earliest, line - 1));
  }
  std::string name = prefix_ + "[" + std::to_string(index) + "]";
  std::string prefix = name;
  return YamlNode(source_, item, line, line, std::move(name), std::move(prefix));
}

std::optional<std::vector<YamlNode>> YamlNode::Items(std::string_view of) const {
  std::vector<YamlNode> out;
  if (IsNull()) return out;
  if (!IsList()) {
    Problem(name_ + " must be a list" + (of.empty() ? "" : " of " + std::string(of)) + Got());
    return std::nullopt;
  }
  int previous_line = line_;
  for (size_t i = 0; i < node_.size(); ++i) {
    out.push_back(Item(node_[i], i, previous_line));
    previous_line = out.back().line();
  }
  return out;
}

std::optional<YamlMap> YamlNode::Map(std::initializer_list<std::string_view> allowed) const {
  return Walk(&allowed, {});
}

std::optional<YamlMap> YamlNode::Entries(std::string_view of) const { return Walk(nullptr, of); }

std::optional<YamlMap> YamlNode::Walk(const std::initializer_list<std::string_view>* allowed,
                                      std::string_view of) const {
  YamlMap map(*this);
  if (IsNull()) return map;
  if (!IsMap()) {
    Problem(name_ + " must be a mapping" + (of.empty() ? "" : " of " + std::string(of)) + Got());
    return std::nullopt;
  }
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : node_) {
    YamlNode value = Child(kv.first, kv.second);
    if (!kv.first.IsScalar()) {
      value.ProblemAtKey("keys under " + name_ + " must be plain strings");
      continue;
    }
    const std::string& key = kv.first.Scalar();
    if (allowed != nullptr && std::find(allowed->begin(), allowed->end(), key) == allowed->end()) {
      std::string message = "unknown key " + Quoted(value.name());
      const std::string_view best = NearMiss(key, *allowed);
      if (!best.empty()) message += " (did you mean " + Quoted(KeyName(best)) + "?)";
      value.ProblemAtKey(std::move(message));
      continue;
    }
    if (!seen.insert(key).second) {
      value.ProblemAtKey("duplicate key " + Quoted(value.name()));
      continue;
    }
    map.Add(key, std::move(value));
  }
  return map;
}

}  // namespace alarmgate
