// LoadConditions. Field names are open-ended (additional.<path>), so they are checked with
// IsKnownField rather than against a list of keys; regexes are compiled here, once per load.

#include "rules/condition_loader.h"

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "rules/field_value.h"

namespace alarmgate {
namespace {

std::optional<std::shared_ptr<const re2::RE2>> LoadRegex(const YamlNode& node,
                                                         const std::string& field) {
  if (!node.IsScalar()) {
    node.Problem("regex for " + Quoted(field) + " must be a string" + node.Got());
    return std::nullopt;
  }
  RE2::Options options;
  options.set_log_errors(false);  // the error is reported as a problem instead
  auto re = std::make_shared<const re2::RE2>(node.Scalar(), options);
  if (!re->ok()) {
    node.Problem("bad regex " + Quoted(node.Scalar()) + " for " + Quoted(field) + ": " +
                 re->error());
    return std::nullopt;
  }
  return re;
}

// Values that can never equal the field are typos ("critical" for "Critical").
void CheckValues(const YamlNode& node, const std::string& field,
                 const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (field == "alarmLevel" && !ParseAlarmLevel(v)) {
      node.Problem("alarmLevel is never " + Quoted(v) + " (Critical, Major, Minor or Info)");
    } else if (field == "alarmStatus" && !ParseAlarmStatus(v)) {
      node.Problem("alarmStatus is never " + Quoted(v) + " (alarm or ok)");
    }
  }
}

// A list of plain values: any of them.
bool LoadAnyOf(const YamlNode& node, const std::string& field, Condition* c) {
  c->kind = Condition::Kind::kAnyOf;
  const std::vector<YamlNode> items = node.Items().value_or(std::vector<YamlNode>{});
  bool ok = true;
  for (const YamlNode& item : items) {
    if (!item.IsScalar()) {
      item.Problem("values listed for " + Quoted(field) + " must be plain values" + item.Got());
      ok = false;
      continue;
    }
    c->values.push_back(item.Scalar());
  }
  if (c->values.empty() && ok) {
    node.Problem("the list of values for " + Quoted(field) + " is empty");
    ok = false;
  }
  return ok;
}

std::optional<Condition> LoadCondition(const std::string& field, const YamlNode& node,
                                       bool negated);

// {regex: …} or {not: …}; a `not` holds any other condition but another `not`.
std::optional<Condition> LoadOperator(const std::string& field, const YamlNode& node,
                                      bool negated) {
  auto f = negated ? node.Map({"regex"}) : node.Map({"regex", "not"});
  if (!f || f->entries().size() != node.size()) return std::nullopt;  // problems reported
  if (f->entries().size() != 1) {
    node.Problem("the condition on " + Quoted(field) + " needs exactly one of regex, not");
    return std::nullopt;
  }
  const auto& [key, value] = f->entries().front();
  if (key == "not") return LoadCondition(field, value, true);
  auto re = LoadRegex(value, field);
  if (!re) return std::nullopt;
  Condition c;
  c.field = field;
  c.negated = negated;
  c.kind = Condition::Kind::kRegex;
  c.regex = std::move(*re);
  return c;
}

std::optional<Condition> LoadCondition(const std::string& field, const YamlNode& node,
                                       bool negated) {
  if (node.IsMap()) return LoadOperator(field, node, negated);
  Condition c;
  c.field = field;
  c.negated = negated;
  if (node.IsScalar()) {
    c.kind = Condition::Kind::kEquals;
    c.values.push_back(node.Scalar());
  } else if (node.IsList()) {
    if (!LoadAnyOf(node, field, &c)) return std::nullopt;
  } else {
    node.Problem("the condition on " + Quoted(field) + " needs a value");
    return std::nullopt;
  }
  CheckValues(node, field, c.values);
  return c;
}

}  // namespace

std::vector<Condition> LoadConditions(const YamlNode& node) {
  std::vector<Condition> conditions;
  auto f = node.Entries("field: condition");
  if (!f) return conditions;
  for (const auto& [field, value] : f->entries()) {
    if (!IsKnownField(field)) {
      value.ProblemAtKey("unknown field " + Quoted(field) + " in " + node.name());
      continue;
    }
    if (auto c = LoadCondition(field, value, false)) conditions.push_back(std::move(*c));
  }
  return conditions;
}

}  // namespace alarmgate
