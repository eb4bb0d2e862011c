// Rule matching. The index buckets each rule under one (field, value) it requires, so an alarm is
// tested fully only against the rules whose bucket its own values hit, plus the rules that have
// no such condition.

#include "rules/rule_set.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>

#include "rules/field_value.h"

namespace alarmgate {
namespace {

bool Holds(const Condition& c, AlarmFields& fields) {
  std::optional<std::string_view> v = fields.Get(c.field);
  bool result = false;
  if (v) {
    switch (c.kind) {
      case Condition::Kind::kEquals:
        result = !c.values.empty() && *v == c.values.front();
        break;
      case Condition::Kind::kAnyOf:
        result = std::find(c.values.begin(), c.values.end(), *v) != c.values.end();
        break;
      case Condition::Kind::kRegex:
        result = c.regex && RE2::FullMatch(*v, *c.regex);
        break;
    }
  }
  // An absent field fails every positive test, so `not` holds on it.
  return c.negated ? !result : result;
}

bool AllHold(const std::vector<Condition>& conditions, AlarmFields& fields) {
  for (const Condition& c : conditions) {
    if (!Holds(c, fields)) return false;
  }
  return true;
}

// The condition a rule is indexed by: a positive equality (preferred: one bucket) or any_of.
const Condition* IndexCondition(const Rule& rule) {
  const Condition* best = nullptr;
  for (const Condition& c : rule.match) {
    if (c.negated) continue;
    if (c.kind == Condition::Kind::kEquals) return &c;
    if (c.kind == Condition::Kind::kAnyOf && best == nullptr) best = &c;
  }
  return best;
}

}  // namespace

struct RuleSet::Index {
  struct Field {
    std::string name;
    std::unordered_map<std::string, std::vector<uint32_t>> buckets;  // value → rule indices
  };
  std::vector<Field> fields;
  std::vector<uint32_t> always;  // rules with no indexable condition
  std::unordered_map<std::string_view, size_t> rules_by_name;
};

RuleSet::RuleSet(std::vector<Rule> rules, std::vector<Silence> silences)
    : rules_(std::move(rules)), silences_(std::move(silences)) {
  auto index = std::make_shared<Index>();
  std::unordered_map<std::string, size_t> field_slot;
  for (uint32_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    index->rules_by_name.emplace(rule.name, i);
    const Condition* c = IndexCondition(rule);
    if (c == nullptr) {
      index->always.push_back(i);
      continue;
    }
    auto [slot, inserted] = field_slot.emplace(c->field, index->fields.size());
    if (inserted) index->fields.push_back({c->field, {}});
    auto& buckets = index->fields[slot->second].buckets;
    for (const std::string& value : c->values) {
      std::vector<uint32_t>& bucket = buckets[value];
      // A list naming a value twice must not make the rule a candidate twice.
      if (bucket.empty() || bucket.back() != i) bucket.push_back(i);
    }
  }
  index_ = std::move(index);
}

const Rule* RuleSet::Find(std::string_view name) const {
  if (!index_) return nullptr;
  auto it = index_->rules_by_name.find(name);
  return it == index_->rules_by_name.end() ? nullptr : &rules_[it->second];
}

std::vector<const Rule*> RuleSet::Match(const Alarm& alarm) const {
  std::vector<const Rule*> matched;
  if (!index_) return matched;
  AlarmFields fields(alarm);
  std::vector<uint32_t> candidates = index_->always;
  for (const Index::Field& field : index_->fields) {
    std::optional<std::string_view> v = fields.Get(field.name);
    if (!v) continue;
    auto it = field.buckets.find(std::string(*v));
    if (it == field.buckets.end()) continue;
    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  // Each rule sits in one field's buckets, at most once per value, and an alarm has one value
  // per field: no duplicates, only the file order to restore.
  std::sort(candidates.begin(), candidates.end());
  for (uint32_t i : candidates) {
    const Rule& rule = rules_[i];
    if (!AllHold(rule.match, fields)) continue;
    matched.push_back(&rule);
    if (!rule.continue_matching) break;
  }
  return matched;
}

bool Matches(const std::vector<Condition>& conditions, const Alarm& alarm) {
  AlarmFields fields(alarm);
  return AllHold(conditions, fields);
}

}  // namespace alarmgate
