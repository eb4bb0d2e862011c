#pragma once
// Loads rules files (contract §5): every problem is collected with file:line (duplicate names,
// unknown keys, bad regexes, unknown levels or types, templates naming unknown fields); nothing is
// returned unless the whole set is valid.

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/yaml/file_problem.h"
#include "rules/rule_set.h"

namespace alarmgate {

// The one problem type of every file loader (file, line, message; ToString() = "file:line:
// message"), the same as ConfigProblem.
using RuleProblem = FileProblem;

struct LoadedRules {
  std::shared_ptr<const RuleSet> rules;  // null when there are problems
  std::vector<RuleProblem> problems;
};

class RuleLoader {
 public:
  static LoadedRules LoadFiles(const std::vector<std::string>& files);
  // For tests: one file's text.
  static LoadedRules LoadString(const std::string& yaml, const std::string& file_name);
  // A POST /v1/silences body (already strictly valid JSON): the same checks as a file silence,
  // plus creator and comment required; starts_at defaults to now. The id is left empty.
  static Result<Silence> ParseApiSilence(const std::string& json, int64_t now_ms);
};

}  // namespace alarmgate
