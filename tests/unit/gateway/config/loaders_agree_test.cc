// Tests that the config loader and the rules loader agree: the same problem type, the same
// refusal of yes/no/on/off, the same quoting, the same wording of ranges, unknown keys, syntax
// errors and unreadable files.

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <type_traits>
#include <vector>

#include "gateway/config/config_loader.h"
#include "rules/rule_loader.h"

namespace alarmgate {
namespace {

static_assert(std::is_same_v<ConfigProblem, RuleProblem>, "one problem type for every file");

// The one problem of loading `yaml` as a config file.
FileProblem ConfigProblemOf(const std::string& yaml) {
  LoadedConfig lc = ConfigLoader::LoadString(yaml, "alarmgate.yaml", "/nonexistent-agree-dir");
  EXPECT_EQ(lc.problems.size(), 1u);
  return lc.problems.empty() ? FileProblem{} : lc.problems[0];
}

// The one problem of loading `yaml` as a rules file.
FileProblem RulesProblemOf(const std::string& yaml) {
  LoadedRules lr = RuleLoader::LoadString(yaml, "rules.yaml");
  EXPECT_EQ(lr.problems.size(), 1u);
  return lr.problems.empty() ? FileProblem{} : lr.problems[0];
}

// The message without its subject: "x.y must be true or false …" -> "must be true or false …".
std::string Rule(const std::string& message) {
  const size_t at = message.find(" must be ");
  return at == std::string::npos ? message : message.substr(at + 1);
}

TEST(LoadersAgreeTest, TheSameBooleanRefusalWithTheSameHint) {
  for (const char* word : {"yes", "no", "on", "off", "y", "n", "True", "FALSE"}) {
    SCOPED_TRACE(word);
    const FileProblem config =
        ConfigProblemOf("executor:\n  auto_remediation: " + std::string(word) + "\n");
    const FileProblem rules =
        RulesProblemOf("rules:\n  - name: r\n    continue: " + std::string(word) + "\n");
    EXPECT_EQ(config.ToString(),
              "alarmgate.yaml:2: executor.auto_remediation " + Rule(config.message));
    EXPECT_EQ(rules.ToString(), "rules.yaml:3: continue " + Rule(rules.message));
    EXPECT_EQ(Rule(config.message), Rule(rules.message));
    EXPECT_EQ(Rule(rules.message), "must be true or false (got '" + std::string(word) +
                                       "'); write true or false (yes/no, on/off, y/n and "
                                       "capitalised spellings are refused)");
  }
  // And both take true and false.
  EXPECT_TRUE(ConfigLoader::LoadString("executor: {auto_remediation: false}\n", "c.yaml",
                                       "/nonexistent-agree-dir")
                  .config);
  EXPECT_TRUE(RuleLoader::LoadString("rules:\n  - {name: r, continue: true}\n", "r.yaml").rules);
}

TEST(LoadersAgreeTest, TheSameQuotingAndTheSameUnknownKeyMessage) {
  const std::regex unknown_with_hint(R"(unknown key '[a-z_.]+' \(did you mean '[a-z_.]+'\?\))");
  const FileProblem config = ConfigProblemOf("log:\n  lvl: info\n");
  const FileProblem rules = RulesProblemOf("rules:\n  - name: r\n    incident:\n      titel: x\n");
  EXPECT_EQ(config.message, "unknown key 'log.lvl' (did you mean 'log.level'?)");
  EXPECT_EQ(rules.message, "unknown key 'incident.titel' (did you mean 'incident.title'?)");
  EXPECT_TRUE(std::regex_match(config.message, unknown_with_hint));
  EXPECT_TRUE(std::regex_match(rules.message, unknown_with_hint));

  // A value echoed in a refusal: single quotes in both.
  EXPECT_EQ(Rule(ConfigProblemOf("storage:\n  retention_days: x\n").message),
            "must be a positive integer (got 'x')");
  EXPECT_EQ(Rule(RulesProblemOf("rules:\n  - {name: r, flap: {window_s: x, max_transitions: 1}}\n")
                     .message),
            "must be a positive integer (got 'x')");
}

TEST(LoadersAgreeTest, TheSameRangeWording) {
  EXPECT_EQ(ConfigProblemOf("server:\n  threads: 2000\n").message,
            "server.threads must be an integer between 0 and 1024 (got '2000')");
  EXPECT_EQ(
      RulesProblemOf("rules:\n  - name: r\n    remediation: {script: s, batch_size: 11}\n").message,
      "remediation.batch_size must be an integer between 1 and 10 (got '11')");
  EXPECT_EQ(Rule(ConfigProblemOf("server:\n  shutdown_grace_ms: -1\n").message),
            Rule(RulesProblemOf("rules:\n  - {name: r, for_s: -1}\n").message));
}

TEST(LoadersAgreeTest, TheSameSyntaxErrorAndNeverLineZero) {
  const FileProblem config = ConfigProblemOf("log: {}\nserver: b: c\n");
  const FileProblem rules = RulesProblemOf("log: {}\nserver: b: c\n");  // the same text
  EXPECT_EQ(config.line, 2);
  EXPECT_EQ(rules.line, 2);
  EXPECT_EQ(config.message, rules.message);
  EXPECT_EQ(rules.message.rfind("YAML syntax error: ", 0), 0u) << rules.message;

  const FileProblem config_docs = ConfigProblemOf("log: {}\n---\nlog: {}\n");
  const FileProblem rules_docs = RulesProblemOf("rules: []\n---\nrules: []\n");
  EXPECT_EQ(config_docs.ToString(), "alarmgate.yaml:3: only one YAML document is allowed");
  EXPECT_EQ(rules_docs.ToString(), "rules.yaml:3: only one YAML document is allowed");
}

TEST(LoadersAgreeTest, AnUnreadableFileIsAWholeFileProblemWithoutLineZero) {
  const std::string missing = "/nonexistent-agree-dir/missing.yaml";
  LoadedConfig lc = ConfigLoader::LoadFile(missing);
  LoadedRules lr = RuleLoader::LoadFiles({missing});
  ASSERT_EQ(lc.problems.size(), 1u);
  ASSERT_EQ(lr.problems.size(), 1u);
  EXPECT_EQ(lc.problems[0].ToString(),
            missing + ": cannot read config file: No such file or directory");
  EXPECT_EQ(lr.problems[0].ToString(),
            missing + ": cannot read rules file: No such file or directory");
}

}  // namespace
}  // namespace alarmgate
