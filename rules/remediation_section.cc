// The `remediation:` block of a rule. Ranges are the seed's execute limits (timeout 5..1800 s,
// batches of at most 10), so a rule can never ask for a run the scripts API would refuse.

#include "rules/remediation_section.h"

#include <optional>
#include <string>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "rules/template_loader.h"

namespace alarmgate {
namespace {

constexpr int64_t kNoMax = YamlNode::kNoMax;

void LoadParams(const YamlNode& node, RemediationTemplate* r) {
  auto f = node.Entries("name: template");
  if (!f) return;
  for (const auto& [name, value] : f->entries()) {
    if (auto t = LoadTemplate(value)) r->params.emplace(name, std::move(*t));
  }
}

void LoadTargets(const YamlNode& node, RemediationTemplate* r) {
  auto items = node.Items("templates");
  if (!items) return;
  for (const YamlNode& item : *items) {
    // Named as the list: an operator finds the item by its line.
    if (auto t = LoadTemplate(item.Named(node.name()))) r->targets.push_back(std::move(*t));
  }
}

void LoadCircuitBreaker(const YamlNode& node, RemediationTemplate* r) {
  auto f = node.Map({"failures"});
  if (!f) return;
  if (const YamlNode* failures = f->Get("failures")) {
    if (auto n = failures->Int(1, kNoMax)) r->circuit_breaker_failures = *n;
  } else if (f->empty()) {
    node.Problem(node.name() + " needs failures");
  }
}

// The keys that are one number or one boolean each.
void LoadSetting(std::string_view key, const YamlNode& value, RemediationTemplate* r) {
  if (key == "timeout_s") {
    if (auto n = value.Int(5, 1800)) r->timeout_s = *n;
  } else if (key == "success_rate") {
    if (auto n = value.Number(1, 100)) r->success_rate = *n;
  } else if (key == "batch_size") {
    if (auto n = value.Int(1, 10)) r->batch_size = *n;
  } else if (key == "cooldown_s") {
    if (auto n = value.Int(0, kNoMax)) r->cooldown_s = *n;
  } else if (key == "max_runs_per_hour") {
    if (auto n = value.Int(1, kNoMax)) r->max_runs_per_hour = *n;
  } else if (key == "allow_high_risk") {
    if (auto b = value.Bool()) r->allow_high_risk = *b;
  } else if (key == "dry_run") {
    if (auto b = value.Bool()) r->dry_run = *b;
  }
}

}  // namespace

void LoadRemediationSection(const YamlNode& node, RemediationTemplate* r) {
  if (node.IsNull()) {
    node.Problem(node.name() + " needs a script");
    return;
  }
  auto f = node.Map({"script", "params", "targets", "execute_user", "timeout_s", "success_rate",
                     "batch_size", "cooldown_s", "allow_high_risk", "max_runs_per_hour",
                     "circuit_breaker", "dry_run"});
  if (!f) return;
  if (!f->Has("script")) node.Problem(node.name() + " needs a script");
  for (const auto& [key, value] : f->entries()) {
    if (key == "script") {
      if (auto s = value.NonEmptyString()) r->script = *s;
    } else if (key == "execute_user") {
      if (auto s = value.NonEmptyString()) r->execute_user = *s;
    } else if (key == "params") {
      LoadParams(value, r);
    } else if (key == "targets") {
      LoadTargets(value, r);
    } else if (key == "circuit_breaker") {
      LoadCircuitBreaker(value, r);
    } else {
      LoadSetting(key, value, r);
    }
  }
}

}  // namespace alarmgate
