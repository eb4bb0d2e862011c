// Reads rules files into a RuleSet. Every value is checked where it is read and every problem is
// collected with its file and line, so an operator fixes a file in one pass.

#include "rules/rule_loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "core/iso8601.h"
#include "core/near_miss.h"
#include "rules/field_value.h"
#include "rules/template_expander.h"

namespace alarmgate {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// Limits the loader enforces (CONTRACT §5 and the issue).
constexpr size_t kMaxNameLength = 64;

int LineOf(const YAML::Node& n, int fallback) {
  if (!n.IsDefined() || n.IsNull()) return fallback;  // yaml-cpp marks nulls at the next token
  const YAML::Mark m = n.Mark();
  return m.is_null() || m.line < 0 ? fallback : m.line + 1;
}

std::string Got(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar: {
      std::string s = n.Scalar();
      if (s.size() > 64) s = s.substr(0, 64) + "...";
      return " (got \"" + s + "\")";
    }
    case YAML::NodeType::Sequence:
      return " (got a list)";
    case YAML::NodeType::Map:
      return " (got a mapping)";
    default:
      return " (got nothing)";
  }
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// The key names of one mapping that the loader read, with where they were.
struct Entry {
  std::string key;
  YAML::Node value;
  int key_line = 0;
  int line = 0;  // the value's line (the key's when the value is empty)
};

class Loader {
 public:
  void LoadText(const std::string& yaml, const std::string& file);
  void AddProblem(const std::string& file, int line, std::string message) {
    problems_.push_back({file, line, std::move(message)});
  }
  LoadedRules Finish();
  Result<Silence> ApiSilence(const std::string& json, int64_t now_ms);

 private:
  void Problem(int line, std::string message) { AddProblem(file_, line, std::move(message)); }

  // The entries of a mapping, reporting non-mappings, unknown keys (with a suggestion) and
  // duplicate keys. `what` names the mapping in messages ("rule", "incident", …).
  std::vector<Entry> Entries(const YAML::Node& node, int line, std::string_view what,
                             std::initializer_list<std::string_view> allowed);

  std::optional<std::string> String(const Entry& e, std::string_view what);
  std::optional<bool> Bool(const Entry& e, std::string_view what);
  std::optional<int64_t> Int(const Entry& e, std::string_view what, int64_t min, int64_t max);
  std::optional<double> Number(const Entry& e, std::string_view what, double min, double max);
  std::optional<Template> TemplateOf(const YAML::Node& node, int line, std::string_view what);
  std::optional<int64_t> Time(const Entry& e, std::string_view what);

  std::vector<Condition> Conditions(const YAML::Node& node, int line, std::string_view what);
  std::optional<Condition> ConditionOf(const std::string& field, const YAML::Node& value, int line,
                                       bool negated);
  std::optional<std::shared_ptr<const re2::RE2>> Regex(const YAML::Node& node, int line,
                                                       const std::string& field);
  void CheckValues(const std::string& field, const std::vector<std::string>& values, int line);

  void ParseRule(const YAML::Node& node, int fallback_line);
  void ParseIncident(const YAML::Node& node, int line, IncidentTemplate* incident);
  void ParseRemediation(const YAML::Node& node, int line, RemediationTemplate* remediation);
  // From a rules file, or (`api_now_ms` set) a POST /v1/silences body: then creator and comment
  // are required, starts_at defaults to now and ends_at must be in the future.
  void ParseSilence(const YAML::Node& node, int fallback_line,
                    std::optional<int64_t> api_now_ms = std::nullopt);

  std::string file_;
  std::vector<RuleProblem> problems_;
  std::vector<Rule> rules_;
  std::vector<Silence> silences_;
  std::map<std::string, std::pair<std::string, int>, std::less<>> names_;  // → file, line
};

std::vector<Entry> Loader::Entries(const YAML::Node& node, int line, std::string_view what,
                                   std::initializer_list<std::string_view> allowed) {
  std::vector<Entry> entries;
  if (!node.IsDefined() || node.IsNull()) return entries;
  if (!node.IsMap()) {
    Problem(LineOf(node, line), std::string(what) + " must be a mapping" + Got(node));
    return entries;
  }
  std::set<std::string, std::less<>> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const int key_line = LineOf(it->first, line);
    if (!it->first.IsScalar()) {
      Problem(key_line, std::string(what) + " has a key that is not a plain name");
      continue;
    }
    std::string key = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string msg = "unknown key \"" + key + "\" in " + std::string(what);
      const std::string_view best = NearMiss(key, allowed);
      if (!best.empty()) msg += " (did you mean \"" + std::string(best) + "\"?)";
      Problem(key_line, std::move(msg));
      continue;
    }
    if (!seen.insert(key).second) {
      Problem(key_line, "duplicate key \"" + key + "\" in " + std::string(what));
      continue;
    }
    entries.push_back({std::move(key), it->second, key_line, LineOf(it->second, key_line)});
  }
  return entries;
}

std::optional<std::string> Loader::String(const Entry& e, std::string_view what) {
  if (!e.value.IsScalar()) {
    Problem(e.line, std::string(what) + " must be a string" + Got(e.value));
    return std::nullopt;
  }
  return e.value.Scalar();
}

std::optional<bool> Loader::Bool(const Entry& e, std::string_view what) {
  bool b = false;
  if (!e.value.IsScalar() || !YAML::convert<bool>::decode(e.value, b)) {
    Problem(e.line, std::string(what) + " must be true or false" + Got(e.value));
    return std::nullopt;
  }
  return b;
}

std::optional<int64_t> Loader::Int(const Entry& e, std::string_view what, int64_t min,
                                   int64_t max) {
  std::string range = max == kInt64Max ? " ≥ " + std::to_string(min)
                                       : " in " + std::to_string(min) + ".." + std::to_string(max);
  if (e.value.IsScalar()) {
    const std::string& s = e.value.Scalar();
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) {
      if (v >= min && v <= max) return v;
      Problem(e.line, std::string(what) + " must be an integer" + range + Got(e.value));
      return std::nullopt;
    }
  }
  Problem(e.line, std::string(what) + " must be an integer" + range + Got(e.value));
  return std::nullopt;
}

std::optional<double> Loader::Number(const Entry& e, std::string_view what, double min,
                                     double max) {
  if (e.value.IsScalar()) {
    const std::string& s = e.value.Scalar();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && v >= min && v <= max) {
      return v;
    }
  }
  std::ostringstream msg;
  msg << what << " must be a number in " << min << ".." << max << Got(e.value);
  Problem(e.line, msg.str());
  return std::nullopt;
}

std::optional<Template> Loader::TemplateOf(const YAML::Node& node, int line,
                                           std::string_view what) {
  if (!node.IsScalar()) {
    Problem(line, std::string(what) + " must be a string" + Got(node));
    return std::nullopt;
  }
  Template t{node.Scalar()};
  std::vector<std::string> problems = TemplateProblems(t);
  for (std::string& p : problems) Problem(line, std::string(what) + ": " + p);
  if (!problems.empty()) return std::nullopt;
  return t;
}

std::optional<int64_t> Loader::Time(const Entry& e, std::string_view what) {
  if (e.value.IsScalar()) {
    if (auto ms = ParseIso8601Ms(e.value.Scalar())) return ms;
  }
  Problem(e.line, std::string(what) + " must be an RFC 3339 time like \"2026-11-22T00:00:00Z\"" +
                      Got(e.value));
  return std::nullopt;
}

std::optional<std::shared_ptr<const re2::RE2>> Loader::Regex(const YAML::Node& node, int line,
                                                             const std::string& field) {
  if (!node.IsScalar()) {
    Problem(line, "regex for \"" + field + "\" must be a string" + Got(node));
    return std::nullopt;
  }
  RE2::Options options;
  options.set_log_errors(false);  // the error is reported as a problem instead
  auto re = std::make_shared<const re2::RE2>(node.Scalar(), options);
  if (!re->ok()) {
    Problem(line, "bad regex \"" + node.Scalar() + "\" for \"" + field + "\": " + re->error());
    return std::nullopt;
  }
  return re;
}

// Values that can never equal the field are typos ("critical" for "Critical").
void Loader::CheckValues(const std::string& field, const std::vector<std::string>& values,
                         int line) {
  for (const std::string& v : values) {
    if (field == "alarmLevel" && !ParseAlarmLevel(v)) {
      Problem(line, "alarmLevel is never \"" + v + "\" (Critical, Major, Minor or Info)");
    } else if (field == "alarmStatus" && !ParseAlarmStatus(v)) {
      Problem(line, "alarmStatus is never \"" + v + "\" (alarm or ok)");
    }
  }
}

std::optional<Condition> Loader::ConditionOf(const std::string& field, const YAML::Node& value,
                                             int line, bool negated) {
  Condition c;
  c.field = field;
  c.negated = negated;
  if (value.IsScalar()) {
    c.kind = Condition::Kind::kEquals;
    c.values.push_back(value.Scalar());
  } else if (value.IsSequence()) {
    c.kind = Condition::Kind::kAnyOf;
    bool ok = true;
    for (const YAML::Node& item : value) {
      if (!item.IsScalar()) {
        Problem(LineOf(item, line),
                "values listed for \"" + field + "\" must be plain values" + Got(item));
        ok = false;
        continue;
      }
      c.values.push_back(item.Scalar());
    }
    if (c.values.empty() && ok) {
      Problem(line, "the list of values for \"" + field + "\" is empty");
      ok = false;
    }
    if (!ok) return std::nullopt;
  } else if (value.IsMap()) {
    std::vector<Entry> entries =
        Entries(value, line, "the condition on \"" + field + "\"",
                negated ? std::initializer_list<std::string_view>{"regex"}
                        : std::initializer_list<std::string_view>{"regex", "not"});
    if (entries.size() != value.size()) return std::nullopt;  // problems reported
    if (entries.size() != 1) {
      Problem(line, "the condition on \"" + field + "\" needs exactly one of regex, not");
      return std::nullopt;
    }
    const Entry& e = entries.front();
    if (e.key == "not") return ConditionOf(field, e.value, e.line, true);
    auto re = Regex(e.value, e.line, field);
    if (!re) return std::nullopt;
    c.kind = Condition::Kind::kRegex;
    c.regex = std::move(*re);
    return c;
  } else {
    Problem(line, "the condition on \"" + field + "\" needs a value");
    return std::nullopt;
  }
  CheckValues(field, c.values, line);
  return c;
}

std::vector<Condition> Loader::Conditions(const YAML::Node& node, int line, std::string_view what) {
  std::vector<Condition> conditions;
  if (!node.IsDefined() || node.IsNull()) return conditions;
  if (!node.IsMap()) {
    Problem(LineOf(node, line),
            std::string(what) + " must be a mapping of field: condition" + Got(node));
    return conditions;
  }
  std::set<std::string, std::less<>> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const int key_line = LineOf(it->first, line);
    if (!it->first.IsScalar()) {
      Problem(key_line, std::string(what) + " has a key that is not a field name");
      continue;
    }
    const std::string field = it->first.Scalar();
    if (!IsKnownField(field)) {
      Problem(key_line, "unknown field \"" + field + "\" in " + std::string(what));
      continue;
    }
    if (!seen.insert(field).second) {
      Problem(key_line, "duplicate field \"" + field + "\" in " + std::string(what));
      continue;
    }
    if (auto c = ConditionOf(field, it->second, LineOf(it->second, key_line), false)) {
      conditions.push_back(std::move(*c));
    }
  }
  return conditions;
}

void Loader::ParseIncident(const YAML::Node& node, int line, IncidentTemplate* incident) {
  std::vector<Entry> entries =
      Entries(node, line, "incident",
              {"level", "type", "title", "description", "current_cloud_service", "assignee",
               "assignee_scene", "assignee_role", "service_interrupt"});
  const std::string levels = JoinKeys(IncidentLevelTable());
  int assignee_line = 0, scene_line = 0, role_line = 0;
  for (const Entry& e : entries) {
    if (e.key == "level") {
      if (e.value.IsScalar()) {
        if (auto level = ParseIncidentLevel(e.value.Scalar())) {
          incident->fixed_level = *level;
          incident->level_by_alarm_level.clear();  // one or the other
        } else {
          Problem(e.line, "unknown incident level \"" + e.value.Scalar() + "\" (" + levels + ")");
        }
      } else if (e.value.IsMap()) {
        std::vector<Entry> by_level =
            Entries(e.value, e.line, "incident.level", {"Critical", "Major", "Minor", "Info"});
        for (const Entry& l : by_level) {
          auto level = l.value.IsScalar() ? ParseIncidentLevel(l.value.Scalar()) : std::nullopt;
          if (!level) {
            Problem(l.line, "unknown incident level" + Got(l.value) + " for " + l.key + " (" +
                                levels + ")");
            continue;
          }
          incident->level_by_alarm_level[*ParseAlarmLevel(l.key)] = *level;
        }
      } else {
        Problem(e.line,
                "incident.level must be level_NN or a mapping of alarm levels" + Got(e.value));
      }
    } else if (e.key == "type") {
      auto type = e.value.IsScalar() ? ParseIncidentType(e.value.Scalar()) : std::nullopt;
      if (type) {
        incident->type = *type;
      } else {
        Problem(e.line, "unknown incident type" + Got(e.value) + " (" +
                            JoinKeys(IncidentTypeTable()) + ")");
      }
    } else if (e.key == "service_interrupt") {
      if (auto b = Bool(e, "incident.service_interrupt")) incident->service_interrupt = *b;
    } else {
      std::optional<Template> t = TemplateOf(e.value, e.line, "incident." + e.key);
      if (!t) continue;
      if (e.key == "title") {
        incident->title = std::move(*t);
      } else if (e.key == "description") {
        incident->description = std::move(*t);
      } else if (e.key == "current_cloud_service") {
        incident->current_cloud_service = std::move(*t);
      } else if (e.key == "assignee") {
        incident->assignee = std::move(*t);
        assignee_line = e.key_line;
      } else if (e.key == "assignee_scene") {
        incident->assignee_scene = std::move(*t);
        scene_line = e.key_line;
      } else if (e.key == "assignee_role") {
        incident->assignee_role = std::move(*t);
        role_line = e.key_line;
      }
    }
  }
  if (assignee_line != 0 && (scene_line != 0 || role_line != 0)) {
    Problem(assignee_line, "incident takes assignee or assignee_scene + assignee_role, not both");
  } else if ((scene_line != 0) != (role_line != 0)) {
    Problem(scene_line != 0 ? scene_line : role_line,
            "incident.assignee_scene and incident.assignee_role go together");
  }
}

void Loader::ParseRemediation(const YAML::Node& node, int line, RemediationTemplate* r) {
  std::vector<Entry> entries = Entries(
      node, line, "remediation",
      {"script", "params", "targets", "execute_user", "timeout_s", "success_rate", "batch_size",
       "cooldown_s", "allow_high_risk", "max_runs_per_hour", "circuit_breaker", "dry_run"});
  if (node.IsMap() && !std::any_of(entries.begin(), entries.end(),
                                   [](const Entry& e) { return e.key == "script"; })) {
    Problem(LineOf(node, line), "remediation needs a script");
  }
  for (const Entry& e : entries) {
    if (e.key == "script" || e.key == "execute_user") {
      auto s = String(e, "remediation." + e.key);
      if (s && s->empty()) {
        Problem(e.line, "remediation." + e.key + " must not be empty");
      } else if (s) {
        (e.key == "script" ? r->script : r->execute_user) = *s;
      }
    } else if (e.key == "params") {
      if (!e.value.IsMap()) {
        Problem(e.line, "remediation.params must be a mapping of name: template" + Got(e.value));
        continue;
      }
      for (auto it = e.value.begin(); it != e.value.end(); ++it) {
        const int key_line = LineOf(it->first, e.line);
        if (!it->first.IsScalar()) {
          Problem(key_line, "remediation.params has a key that is not a plain name");
          continue;
        }
        const std::string name = it->first.Scalar();
        if (r->params.contains(name)) {
          Problem(key_line, "duplicate key \"" + name + "\" in remediation.params");
          continue;
        }
        if (auto t = TemplateOf(it->second, LineOf(it->second, key_line),
                                "remediation.params." + name)) {
          r->params.emplace(name, std::move(*t));
        }
      }
    } else if (e.key == "targets") {
      if (!e.value.IsSequence()) {
        Problem(e.line, "remediation.targets must be a list of templates" + Got(e.value));
        continue;
      }
      for (const YAML::Node& item : e.value) {
        if (auto t = TemplateOf(item, LineOf(item, e.line), "remediation.targets")) {
          r->targets.push_back(std::move(*t));
        }
      }
    } else if (e.key == "timeout_s") {
      if (auto v = Int(e, "remediation.timeout_s", 5, 1800)) r->timeout_s = *v;
    } else if (e.key == "success_rate") {
      if (auto v = Number(e, "remediation.success_rate", 1, 100)) r->success_rate = *v;
    } else if (e.key == "batch_size") {
      if (auto v = Int(e, "remediation.batch_size", 1, 10)) r->batch_size = *v;
    } else if (e.key == "cooldown_s") {
      if (auto v = Int(e, "remediation.cooldown_s", 0, kInt64Max)) r->cooldown_s = *v;
    } else if (e.key == "max_runs_per_hour") {
      if (auto v = Int(e, "remediation.max_runs_per_hour", 1, kInt64Max)) {
        r->max_runs_per_hour = *v;
      }
    } else if (e.key == "allow_high_risk") {
      if (auto b = Bool(e, "remediation.allow_high_risk")) r->allow_high_risk = *b;
    } else if (e.key == "dry_run") {
      if (auto b = Bool(e, "remediation.dry_run")) r->dry_run = *b;
    } else if (e.key == "circuit_breaker") {
      std::vector<Entry> cb = Entries(e.value, e.line, "remediation.circuit_breaker", {"failures"});
      for (const Entry& f : cb) {
        if (auto v = Int(f, "remediation.circuit_breaker.failures", 1, kInt64Max)) {
          r->circuit_breaker_failures = *v;
        }
      }
      if (cb.empty() && (e.value.IsMap() || e.value.IsNull())) {
        Problem(e.line, "remediation.circuit_breaker needs failures");
      }
    }
  }
}

void Loader::ParseRule(const YAML::Node& node, int fallback_line) {
  const int line = LineOf(node, fallback_line);
  if (!node.IsMap()) {
    Problem(line, "a rule must be a mapping" + Got(node));
    return;
  }
  Rule rule;
  rule.file = file_;
  rule.line = line;
  // Without incident.level, or for the levels a level map leaves out: the contract's example
  // mapping (Critical → level_10, Major → level_20, Minor → level_30, Info → level_40).
  rule.incident.level_by_alarm_level = {{AlarmLevel::kCritical, IncidentLevel::kLevel10},
                                        {AlarmLevel::kMajor, IncidentLevel::kLevel20},
                                        {AlarmLevel::kMinor, IncidentLevel::kLevel30},
                                        {AlarmLevel::kInfo, IncidentLevel::kLevel40}};
  std::vector<Entry> entries =
      Entries(node, line, "rule",
              {"name", "match", "continue", "action", "group_by", "incident", "resolve", "for_s",
               "resolve_delay_s", "flap", "remediation"});
  int incident_line = 0, remediation_line = 0;
  bool drop = false;
  bool named = false;
  for (const Entry& e : entries) {
    if (e.key == "name") {
      named = true;
      auto name = String(e, "rule name");
      if (!name) continue;
      if (name->empty() || name->size() > kMaxNameLength ||
          !std::all_of(name->begin(), name->end(), IsNameChar)) {
        Problem(e.line, "rule name \"" + *name +
                            "\" must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
        continue;
      }
      auto [it, inserted] = names_.emplace(*name, std::make_pair(file_, e.line));
      if (!inserted) {
        Problem(e.line, "duplicate rule name \"" + *name + "\" (first defined at " +
                            it->second.first + ":" + std::to_string(it->second.second) + ")");
      }
      rule.name = *name;
    } else if (e.key == "match") {
      rule.match = Conditions(e.value, e.line, "match");
    } else if (e.key == "continue") {
      if (auto b = Bool(e, "continue")) rule.continue_matching = *b;
    } else if (e.key == "action") {
      auto action = String(e, "action");
      if (action == "drop") {
        rule.action = Rule::Action::kDrop;
        drop = true;
      } else if (action == "incident") {
        rule.action = Rule::Action::kIncident;
      } else if (action) {
        Problem(e.line, "unknown action \"" + *action + "\" (incident, drop)");
      }
    } else if (e.key == "group_by") {
      if (!e.value.IsSequence()) {
        Problem(e.line, "group_by must be a list of fields" + Got(e.value));
        continue;
      }
      std::vector<std::string> fields;
      bool fingerprint = false;
      for (const YAML::Node& item : e.value) {
        const int item_line = LineOf(item, e.line);
        if (!item.IsScalar()) {
          Problem(item_line, "group_by must be a list of fields" + Got(item));
        } else if (item.Scalar() == "fingerprint") {
          fingerprint = true;  // the default, written out
        } else if (!IsKnownField(item.Scalar())) {
          Problem(item_line, "unknown field \"" + item.Scalar() + "\" in group_by");
        } else {
          fields.push_back(item.Scalar());
        }
      }
      if (fingerprint && !fields.empty()) {
        Problem(e.line, "group_by: fingerprint already tells alarms apart; list it alone");
      }
      rule.group_by = std::move(fields);
    } else if (e.key == "incident") {
      incident_line = e.key_line;
      ParseIncident(e.value, e.line, &rule.incident);
    } else if (e.key == "resolve") {
      auto mode = String(e, "resolve");
      if (mode == "all_ok") {
        rule.resolve = ResolveMode::kAllOk;
      } else if (mode == "any_ok") {
        rule.resolve = ResolveMode::kAnyOk;
      } else if (mode == "never") {
        rule.resolve = ResolveMode::kNever;
      } else if (mode) {
        Problem(e.line, "unknown resolve mode \"" + *mode + "\" (all_ok, any_ok, never)");
      }
    } else if (e.key == "for_s") {
      if (auto v = Int(e, "for_s", 0, kInt64Max)) rule.for_s = *v;
    } else if (e.key == "resolve_delay_s") {
      if (auto v = Int(e, "resolve_delay_s", 0, kInt64Max)) rule.resolve_delay_s = *v;
    } else if (e.key == "flap") {
      std::vector<Entry> flap = Entries(e.value, e.line, "flap", {"window_s", "max_transitions"});
      FlapConfig config;
      bool window = false, max = false;
      for (const Entry& f : flap) {
        auto v = Int(f, "flap." + f.key, 1, kInt64Max);
        if (f.key == "window_s") window = true, config.window_s = v.value_or(1);
        if (f.key == "max_transitions") max = true, config.max_transitions = v.value_or(1);
      }
      if (e.value.IsMap() || e.value.IsNull()) {
        if (!window) Problem(e.line, "flap needs window_s");
        if (!max) Problem(e.line, "flap needs max_transitions");
      }
      rule.flap = config;
    } else if (e.key == "remediation") {
      remediation_line = e.key_line;
      RemediationTemplate remediation;
      if (e.value.IsNull()) {
        Problem(e.line, "remediation needs a script");
      } else {
        ParseRemediation(e.value, e.line, &remediation);
      }
      rule.remediation = std::move(remediation);
    }
  }
  if (!named) Problem(line, "a rule needs a name");
  if (drop && incident_line != 0) {
    Problem(incident_line, "a rule with action: drop opens no incident; remove incident");
  }
  if (drop && remediation_line != 0) {
    Problem(remediation_line, "a rule with action: drop runs no remediation; remove remediation");
  }
  rules_.push_back(std::move(rule));
}

void Loader::ParseSilence(const YAML::Node& node, int fallback_line,
                          std::optional<int64_t> api_now_ms) {
  const int line = LineOf(node, fallback_line);
  if (!node.IsMap()) {
    Problem(line, "a silence must be a mapping" + Got(node));
    return;
  }
  const bool api = api_now_ms.has_value();
  std::vector<Entry> entries =
      api ? Entries(node, line, "silence", {"matchers", "starts_at", "ends_at", "comment", "creator"})
          : Entries(node, line, "silence", {"matchers", "starts_at", "ends_at", "comment"});
  Silence silence;
  if (!api) {
    silence.id = "file:" + file_ + ":" + std::to_string(line);
    silence.creator = "rules-file";
    silence.from_file = true;
  }
  bool has_matchers = false, has_start = api, has_end = false;
  bool has_comment = false, has_creator = false;
  std::optional<int64_t> starts_at, ends_at;
  int end_line = line;
  for (const Entry& e : entries) {
    if (e.key == "matchers") {
      has_matchers = true;
      silence.matchers = Conditions(e.value, e.line, "matchers");
      if (e.value.IsNull() || (e.value.IsMap() && e.value.size() == 0)) {
        // A silence with no matchers would silence every alarm: surely a mistake.
        Problem(e.line, "silence matchers must not be empty");
      }
    } else if (e.key == "starts_at") {
      has_start = true;
      starts_at = Time(e, "starts_at");
    } else if (e.key == "ends_at") {
      has_end = true;
      end_line = e.line;
      ends_at = Time(e, "ends_at");
    } else if (e.key == "comment") {
      if (auto s = String(e, "comment")) silence.comment = *s;
      has_comment = !silence.comment.empty();
    } else if (e.key == "creator") {
      if (auto s = String(e, "creator")) silence.creator = *s;
      has_creator = !silence.creator.empty();
    }
  }
  if (api) {
    // As Alertmanager: who silenced what, and why, is always on record.
    if (!has_creator) Problem(line, "a silence needs creator");
    if (!has_comment) Problem(line, "a silence needs comment");
    if (!starts_at) starts_at = *api_now_ms;
    if (ends_at && *ends_at <= *api_now_ms) Problem(end_line, "ends_at must be in the future");
  }
  if (!has_matchers) Problem(line, "a silence needs matchers");
  if (!has_start) Problem(line, "a silence needs starts_at");
  if (!has_end) Problem(line, "a silence needs ends_at");
  if (starts_at && ends_at && *ends_at <= *starts_at) {
    Problem(end_line, "ends_at must be after starts_at");
  }
  silence.starts_at_ms = starts_at.value_or(0);
  silence.ends_at_ms = ends_at.value_or(0);
  silences_.push_back(std::move(silence));
}

void Loader::LoadText(const std::string& yaml, const std::string& file) {
  file_ = file;
  try {
    YAML::Node root = YAML::Load(yaml);
    if (!root.IsDefined() || root.IsNull()) return;  // an empty file holds no rules
    std::vector<Entry> entries = Entries(root, 1, "the rules file", {"rules", "silences"});
    for (const Entry& e : entries) {
      if (e.value.IsNull()) continue;  // "rules:" with nothing under it
      if (!e.value.IsSequence()) {
        Problem(e.line, e.key + " must be a list" + Got(e.value));
        continue;
      }
      for (const YAML::Node& item : e.value) {
        if (e.key == "rules") {
          ParseRule(item, e.line);
        } else {
          ParseSilence(item, e.line);
        }
      }
    }
  } catch (const YAML::Exception& ex) {
    // Syntax errors; the walk above does not throw on well-formed YAML.
    Problem(ex.mark.is_null() ? 0 : ex.mark.line + 1, ex.msg);
  }
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
  file_ = "request";
  try {
    // JSON is YAML's flow style: the body goes through the same checks as a rules file silence.
    ParseSilence(YAML::Load(json), 1, now_ms);
  } catch (const YAML::Exception& ex) {
    Problem(0, ex.msg);
  }
  if (!problems_.empty()) {
    std::string joined;
    for (const auto& p : problems_) {
      if (!joined.empty()) joined += " | ";
      joined += p.message;
    }
    return Status::InvalidArgument(joined);
  }
  return std::move(silences_.front());
}

}  // namespace

Result<Silence> RuleLoader::ParseApiSilence(const std::string& json, int64_t now_ms) {
  return Loader().ApiSilence(json, now_ms);
}

LoadedRules RuleLoader::LoadFiles(const std::vector<std::string>& files) {
  Loader loader;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      loader.AddProblem(path, 0, "cannot read the file");
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    loader.LoadText(text.str(), path);
  }
  return loader.Finish();
}

LoadedRules RuleLoader::LoadString(const std::string& yaml, const std::string& file_name) {
  Loader loader;
  loader.LoadText(yaml, file_name);
  return loader.Finish();
}

}  // namespace alarmgate
