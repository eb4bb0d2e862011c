#pragma once
// The loaded rules and file silences, with an index so that matching does not test every rule:
// rules are bucketed by one field they test for equality, so evaluation cost grows with the
// rules that could match, not with the number of rules.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "alarms/alarm.h"
#include "rules/rule.h"
#include "rules/silence.h"

namespace alarmgate {

class RuleSet {
 public:
  RuleSet() = default;
  RuleSet(std::vector<Rule> rules, std::vector<Silence> silences);

  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<Silence>& silences() const { return silences_; }
  const Rule* Find(std::string_view name) const;

  // The rules that apply, in file order: the first matching rule, then the next matching ones
  // for as long as the previous match had `continue: true`. Empty = no rule matches.
  std::vector<const Rule*> Match(const Alarm& alarm) const;

 private:
  std::vector<Rule> rules_;
  std::vector<Silence> silences_;
  // Index: see the .cc for the scheme.
  struct Index;
  std::shared_ptr<const Index> index_;
};

// True when every condition holds for `alarm`.
bool Matches(const std::vector<Condition>& conditions, const Alarm& alarm);

}  // namespace alarmgate
