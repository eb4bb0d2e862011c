#pragma once
// Loads rules files (CONTRACT §5): every problem is collected with file:line (duplicate names,
// unknown keys, bad regexes, unknown levels or types, templates naming unknown fields); nothing is
// returned unless the whole set is valid.

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_set.h"

namespace alarmgate {

struct RuleProblem {
  std::string file;
  int line = 0;  // 1-based
  std::string message;
};

struct LoadedRules {
  std::shared_ptr<const RuleSet> rules;  // null when there are problems
  std::vector<RuleProblem> problems;
};

class RuleLoader {
 public:
  static LoadedRules LoadFiles(const std::vector<std::string>& files);
  // For tests: one file's text.
  static LoadedRules LoadString(const std::string& yaml, const std::string& file_name);
};

}  // namespace alarmgate
