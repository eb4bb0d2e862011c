// Reads rules files into a RuleSet: the top level and each rule's own keys here, the rest in
// condition_loader, incident_section, remediation_section and silence_loader.

#include "rules/rule_loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/yaml/yaml_reader.h"
#include "rules/condition_loader.h"
#include "rules/field_value.h"
#include "rules/incident_section.h"
#include "rules/remediation_section.h"
#include "rules/silence_loader.h"

namespace alarmgate {
namespace {

constexpr size_t kMaxNameLength = 64;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

std::vector<std::string> LoadGroupBy(const YamlNode& node) {
  std::vector<std::string> fields;
  auto items = node.Items("fields");
  if (!items) return fields;
  bool fingerprint = false;
  for (const YamlNode& item : *items) {
    if (!item.IsScalar()) {
      item.Problem(node.name() + " must be a list of fields" + item.Got());
    } else if (item.Scalar() == "fingerprint") {
      fingerprint = true;  // the default, written out
    } else if (!IsKnownField(item.Scalar())) {
      item.Problem("unknown field " + Quoted(item.Scalar()) + " in " + node.name());
    } else {
      fields.push_back(item.Scalar());
    }
  }
  if (fingerprint && !fields.empty()) {
    node.Problem(node.name() + ": fingerprint already tells alarms apart; list it alone");
  }
  return fields;
}

FlapConfig LoadFlap(const YamlNode& node) {
  FlapConfig config;
  auto f = node.Map({"window_s", "max_transitions"});
  if (!f) return config;
  if (const YamlNode* window = f->Get("window_s")) {
    config.window_s = window->Int(1, YamlNode::kNoMax).value_or(1);
  } else {
    node.Problem(node.name() + " needs window_s");
  }
  if (const YamlNode* max = f->Get("max_transitions")) {
    config.max_transitions = max->Int(1, YamlNode::kNoMax).value_or(1);
  } else {
    node.Problem(node.name() + " needs max_transitions");
  }
  return config;
}

void LoadAction(const YamlNode& node, Rule* rule) {
  std::optional<std::string> action = node.String();
  if (action == "drop") {
    rule->action = Rule::Action::kDrop;
  } else if (action == "incident") {
    rule->action = Rule::Action::kIncident;
  } else if (action) {
    node.Problem("unknown action " + Quoted(*action) + " (incident, drop)");
  }
}

void LoadResolve(const YamlNode& node, Rule* rule) {
  std::optional<std::string> mode = node.String();
  if (mode == "all_ok") {
    rule->resolve = ResolveMode::kAllOk;
  } else if (mode == "any_ok") {
    rule->resolve = ResolveMode::kAnyOk;
  } else if (mode == "never") {
    rule->resolve = ResolveMode::kNever;
  } else if (mode) {
    node.Problem("unknown resolve mode " + Quoted(*mode) + " (all_ok, any_ok, never)");
  }
}

// A drop rule records the alarm and does nothing else: asking it for more is a mistake.
void CheckDrop(const Rule& rule, const YamlMap& f) {
  if (rule.action != Rule::Action::kDrop) return;
  if (const YamlNode* incident = f.Get("incident")) {
    incident->ProblemAtKey("a rule with action: drop opens no incident; remove incident");
  }
  if (const YamlNode* remediation = f.Get("remediation")) {
    remediation->ProblemAtKey("a rule with action: drop runs no remediation; remove remediation");
  }
}

// Collects rules and silences across files; rule names are unique across all of them.
class Loader {
 public:
  void LoadText(const std::string& yaml, const std::string& file);
  void LoadFile(const std::string& path);
  LoadedRules Finish();
  Result<Silence> ApiSilence(const std::string& json, int64_t now_ms);

 private:
  void LoadRule(const YamlNode& node);
  void LoadName(const YamlNode& node, Rule* rule);
  void LoadTop(const YamlNode& root);

  std::vector<FileProblem> problems_;
  std::vector<Rule> rules_;
  std::vector<Silence> silences_;
  std::map<std::string, std::string, std::less<>> names_;  // -> "file:line" of its first use
};

void Loader::LoadName(const YamlNode& node, Rule* rule) {
  std::optional<std::string> name = node.Named("rule name").String();
  if (!name) return;
  if (name->empty() || name->size() > kMaxNameLength ||
      !std::all_of(name->begin(), name->end(), IsNameChar)) {
    node.Problem("rule name " + Quoted(*name) +
                 " must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
    return;
  }
  auto [it, inserted] = names_.emplace(*name, node.file() + ":" + std::to_string(node.line()));
  if (!inserted) {
    node.Problem("duplicate rule name " + Quoted(*name) + " (first defined at " + it->second + ")");
  }
  rule->name = *name;
}

void Loader::LoadRule(const YamlNode& node) {
  if (!node.IsMap()) {
    node.Problem(node.name() + " must be a mapping" + node.Got());
    return;
  }
  auto f = node.Map({"name", "match", "continue", "action", "group_by", "incident", "resolve",
                     "for_s", "resolve_delay_s", "flap", "remediation"});
  Rule rule;
  rule.file = node.file();
  rule.line = node.line();
  // Without incident.level, or for the levels a level map leaves out: the contract's example
  // mapping (Critical → level_10, Major → level_20, Minor → level_30, Info → level_40).
  rule.incident.level_by_alarm_level = {{AlarmLevel::kCritical, IncidentLevel::kLevel10},
                                        {AlarmLevel::kMajor, IncidentLevel::kLevel20},
                                        {AlarmLevel::kMinor, IncidentLevel::kLevel30},
                                        {AlarmLevel::kInfo, IncidentLevel::kLevel40}};
  for (const auto& [key, value] : f->entries()) {
    if (key == "name") {
      LoadName(value, &rule);
    } else if (key == "match") {
      rule.match = LoadConditions(value);
    } else if (key == "continue") {
      if (auto b = value.Bool()) rule.continue_matching = *b;
    } else if (key == "action") {
      LoadAction(value, &rule);
    } else if (key == "group_by") {
      rule.group_by = LoadGroupBy(value);
    } else if (key == "incident") {
      LoadIncidentSection(value, &rule.incident);
    } else if (key == "resolve") {
      LoadResolve(value, &rule);
    } else if (key == "for_s") {
      if (auto n = value.Int(0, YamlNode::kNoMax)) rule.for_s = *n;
    } else if (key == "resolve_delay_s") {
      if (auto n = value.Int(0, YamlNode::kNoMax)) rule.resolve_delay_s = *n;
    } else if (key == "flap") {
      rule.flap = LoadFlap(value);
    } else if (key == "remediation") {
      LoadRemediationSection(value, &rule.remediation.emplace());
    }
  }
  if (!f->Has("name")) node.Problem("a rule needs a name");
  CheckDrop(rule, *f);
  rules_.push_back(std::move(rule));
}

void Loader::LoadTop(const YamlNode& root) {
  auto top = root.Map({"rules", "silences"});
  if (!top) return;
  for (const auto& [key, value] : top->entries()) {
    auto items = value.Items();
    if (!items) continue;
    for (const YamlNode& item : *items) {
      // Inside a rule or a silence, keys are named from there ("incident.title"): the line
      // says which rule it is.
      if (key == "rules") {
        LoadRule(item.Named("a rule", ""));
      } else if (auto silence = LoadSilence(item.Named("a silence", ""))) {
        silences_.push_back(std::move(*silence));
      }
    }
  }
}

void Loader::LoadText(const std::string& yaml, const std::string& file) {
  // An empty file holds no rules.
  if (auto root = YamlReader(file, &problems_).Parse(yaml, "the rules file")) LoadTop(*root);
}

void Loader::LoadFile(const std::string& path) {
  const YamlReader reader(path, &problems_);
  if (auto root = reader.ParseFile("rules file", "the rules file")) LoadTop(*root);
}

LoadedRules Loader::Finish() {
  LoadedRules out;
  out.problems = std::move(problems_);
  if (out.problems.empty()) {
    out.rules = std::make_shared<const RuleSet>(std::move(rules_), std::move(silences_));
  }
  return out;
}

Result<Silence> Loader::ApiSilence(const std::string& json, int64_t now_ms) {
  // JSON is YAML's flow style: the body goes through the same checks as a rules file silence.
  std::optional<Silence> silence;
  if (auto root = YamlReader("request", &problems_).Parse(json, "a silence")) {
    silence = LoadSilence(root->Named("a silence", ""), now_ms);
  }
  if (!problems_.empty() || !silence) {
    std::string joined;
    for (const FileProblem& p : problems_) {
      if (!joined.empty()) joined += " | ";
      joined += p.message;
    }
    return Status::InvalidArgument(joined);
  }
  return std::move(*silence);
}

}  // namespace

Result<Silence> RuleLoader::ParseApiSilence(const std::string& json, int64_t now_ms) {
  return Loader().ApiSilence(json, now_ms);
}

LoadedRules RuleLoader::LoadFiles(const std::vector<std::string>& files) {
  Loader loader;
  for (const std::string& path : files) loader.LoadFile(path);
  return loader.Finish();
}

LoadedRules RuleLoader::LoadString(const std::string& yaml, const std::string& file_name) {
  Loader loader;
  loader.LoadText(yaml, file_name);
  return loader.Finish();
}

}  // namespace alarmgate
