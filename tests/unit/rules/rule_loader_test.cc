// Tests for the rules-file loader: a full valid file, every kind of problem with its file:line,
// several problems at once, duplicates across files, silences, and the repository's sample.

#include "rules/rule_loader.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rules/template_expander.h"

namespace alarmgate {
namespace {

std::string Describe(const std::vector<RuleProblem>& problems) {
  std::string s;
  for (const RuleProblem& p : problems) {
    s += p.file + ":" + std::to_string(p.line) + ": " + p.message + "\n";
  }
  return s;
}

constexpr const char* kContractExample = R"(rules:
  - name: cpu-critical
    match:
      integration: in-house-monitor
      alarmLevel: [Critical, Major]
      alarmName: {regex: "Cpu.*"}
      additional.team: {not: qa}
    group_by: [applicationId, alarmName]
    incident:
      level: {Critical: level_10, Major: level_20, Minor: level_30, Info: level_40}
      type: inc_type_p_reliability_issues
      title: "${alarmName} on ${resourceName}"
      description: "${alarmDesc}"
      current_cloud_service: "${applicationId}"
      assignee: "oncall-user-id"
      service_interrupt: false
    resolve: all_ok
    remediation:
      script: restart-service
      params: {service: "${additional.service}"}
      targets: ["${resourceId}"]
      execute_user: root
      timeout_s: 300
      success_rate: 100
      batch_size: 10
      cooldown_s: 600
      allow_high_risk: false
  - name: drop-test-alarms
    match: {nameSpace: test}
    action: drop
  - name: everything-else
    continue: true
    for_s: 60
    resolve_delay_s: 30
    resolve: never
    flap: {window_s: 600, max_transitions: 4}
    incident:
      level: level_30
      type: inc_type_p_monitoring_issues
      assignee_scene: scene-1
      assignee_role: role-1
      service_interrupt: true
    remediation:
      script: 6b2ea2a4-uuid
      max_runs_per_hour: 3
      circuit_breaker: {failures: 2}
      dry_run: true
      success_rate: 90.5
silences:
  - matchers: {applicationId: billing}
    starts_at: "2026-11-22T00:00:00Z"
    ends_at: "2026-11-23T00:00:00Z"
    comment: maintenance window
  - matchers:
      alarmName: {regex: "Disk.*"}
    starts_at: 2026-11-22T08:00:00.5+08:00
    ends_at: "2026-11-22T01:00:00-01:30"
)";

TEST(RuleLoaderTest, LoadsTheContractExample) {
  LoadedRules loaded = RuleLoader::LoadString(kContractExample, "rules.yaml");
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  ASSERT_NE(loaded.rules, nullptr);
  const auto& rules = loaded.rules->rules();
  ASSERT_EQ(rules.size(), 3u);

  const Rule& cpu = rules[0];
  EXPECT_EQ(cpu.name, "cpu-critical");
  EXPECT_EQ(cpu.file, "rules.yaml");
  EXPECT_EQ(cpu.line, 2);
  ASSERT_EQ(cpu.match.size(), 4u);
  EXPECT_EQ(cpu.match[0].field, "integration");
  EXPECT_EQ(cpu.match[0].kind, Condition::Kind::kEquals);
  EXPECT_EQ(cpu.match[0].values, std::vector<std::string>{"in-house-monitor"});
  EXPECT_EQ(cpu.match[1].kind, Condition::Kind::kAnyOf);
  EXPECT_EQ(cpu.match[1].values, (std::vector<std::string>{"Critical", "Major"}));
  EXPECT_EQ(cpu.match[2].kind, Condition::Kind::kRegex);
  ASSERT_NE(cpu.match[2].regex, nullptr);
  EXPECT_EQ(cpu.match[2].regex->pattern(), "Cpu.*");
  EXPECT_EQ(cpu.match[3].field, "additional.team");
  EXPECT_TRUE(cpu.match[3].negated);
  EXPECT_EQ(cpu.match[3].values, std::vector<std::string>{"qa"});
  EXPECT_FALSE(cpu.continue_matching);
  EXPECT_EQ(cpu.action, Rule::Action::kIncident);
  EXPECT_EQ(cpu.group_by, (std::vector<std::string>{"applicationId", "alarmName"}));
  EXPECT_FALSE(cpu.incident.fixed_level.has_value());
  EXPECT_EQ(cpu.incident.level_by_alarm_level.at(AlarmLevel::kMajor), IncidentLevel::kLevel20);
  EXPECT_EQ(cpu.incident.level_by_alarm_level.at(AlarmLevel::kInfo), IncidentLevel::kLevel40);
  EXPECT_EQ(cpu.incident.type, IncidentType::kReliability);
  EXPECT_EQ(cpu.incident.title.text, "${alarmName} on ${resourceName}");
  EXPECT_EQ(cpu.incident.assignee.text, "oncall-user-id");
  EXPECT_FALSE(cpu.incident.service_interrupt);
  EXPECT_EQ(cpu.resolve, ResolveMode::kAllOk);
  ASSERT_TRUE(cpu.remediation.has_value());
  EXPECT_EQ(cpu.remediation->script, "restart-service");
  EXPECT_EQ(cpu.remediation->params.at("service").text, "${additional.service}");
  ASSERT_EQ(cpu.remediation->targets.size(), 1u);
  EXPECT_EQ(cpu.remediation->targets[0].text, "${resourceId}");
  EXPECT_EQ(cpu.remediation->timeout_s, 300);
  EXPECT_EQ(cpu.remediation->cooldown_s, 600);
  EXPECT_FALSE(cpu.remediation->max_runs_per_hour.has_value());

  const Rule& drop = rules[1];
  EXPECT_EQ(drop.action, Rule::Action::kDrop);
  EXPECT_EQ(drop.line, 28);
  EXPECT_FALSE(drop.remediation.has_value());

  const Rule& rest = rules[2];
  EXPECT_TRUE(rest.match.empty());
  EXPECT_TRUE(rest.continue_matching);
  EXPECT_TRUE(rest.group_by.empty());
  EXPECT_EQ(rest.for_s, 60);
  EXPECT_EQ(rest.resolve_delay_s, 30);
  EXPECT_EQ(rest.resolve, ResolveMode::kNever);
  ASSERT_TRUE(rest.flap.has_value());
  EXPECT_EQ(rest.flap->window_s, 600);
  EXPECT_EQ(rest.flap->max_transitions, 4);
  EXPECT_EQ(rest.incident.fixed_level, IncidentLevel::kLevel30);
  EXPECT_TRUE(rest.incident.level_by_alarm_level.empty());
  EXPECT_EQ(rest.incident.type, IncidentType::kMonitoring);
  EXPECT_EQ(rest.incident.assignee_scene.text, "scene-1");
  EXPECT_EQ(rest.incident.assignee_role.text, "role-1");
  EXPECT_TRUE(rest.incident.service_interrupt);
  EXPECT_EQ(rest.incident.title.text, "${alarmName}");  // the default
  ASSERT_TRUE(rest.remediation.has_value());
  EXPECT_EQ(rest.remediation->max_runs_per_hour, 3);
  EXPECT_EQ(rest.remediation->circuit_breaker_failures, 2);
  EXPECT_TRUE(rest.remediation->dry_run);
  EXPECT_DOUBLE_EQ(rest.remediation->success_rate, 90.5);
  EXPECT_EQ(rest.remediation->execute_user, "root");

  const auto& silences = loaded.rules->silences();
  ASSERT_EQ(silences.size(), 2u);
  EXPECT_EQ(silences[0].id, "file:rules.yaml:50");
  EXPECT_EQ(silences[0].creator, "rules-file");
  EXPECT_TRUE(silences[0].from_file);
  EXPECT_EQ(silences[0].comment, "maintenance window");
  EXPECT_EQ(silences[0].starts_at_ms, 1795305600000);  // 2026-11-22T00:00:00Z
  EXPECT_EQ(silences[0].ends_at_ms, 1795305600000 + 86400000);
  ASSERT_EQ(silences[0].matchers.size(), 1u);
  EXPECT_EQ(silences[0].matchers[0].field, "applicationId");
  EXPECT_EQ(silences[1].id, "file:rules.yaml:54");
  EXPECT_EQ(silences[1].starts_at_ms, 1795305600500);  // 08:00:00.5+08:00 = 00:00:00.5Z
  EXPECT_EQ(silences[1].ends_at_ms, 1795305600000 + 150 * 60000);
  EXPECT_EQ(silences[1].matchers[0].kind, Condition::Kind::kRegex);
}

TEST(RuleLoaderTest, DefaultLevelsFillAPartialMap) {
  LoadedRules loaded = RuleLoader::LoadString(
      "rules:\n  - name: a\n    incident: {level: {Info: level_50}}\n  - name: b\n", "r.yaml");
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  const auto& a = loaded.rules->rules()[0].incident.level_by_alarm_level;
  EXPECT_EQ(a.at(AlarmLevel::kInfo), IncidentLevel::kLevel50);
  EXPECT_EQ(a.at(AlarmLevel::kCritical), IncidentLevel::kLevel10);
  const auto& b = loaded.rules->rules()[1].incident.level_by_alarm_level;
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.at(AlarmLevel::kMinor), IncidentLevel::kLevel30);
}

TEST(RuleLoaderTest, EmptyFilesAreFine) {
  for (const char* yaml : {"", "# only a comment\n", "rules: []\n", "rules:\n", "silences: []\n",
                           "rules: []\nsilences: []\n"}) {
    LoadedRules loaded = RuleLoader::LoadString(yaml, "r.yaml");
    EXPECT_TRUE(loaded.problems.empty()) << yaml << Describe(loaded.problems);
    ASSERT_NE(loaded.rules, nullptr) << yaml;
    EXPECT_TRUE(loaded.rules->rules().empty());
  }
}

struct ProblemCase {
  const char* what;
  std::string yaml;
  int line;
  std::string message;  // a part of the message
};

// Rule header shared by most cases: line 1 "rules:", line 2 "- name: r".
std::string R(const std::string& body) { return "rules:\n  - name: r\n" + body; }

TEST(RuleLoaderTest, ReportsEachProblemWithItsLine) {
  const ProblemCase cases[] = {
      {"yaml syntax", "rules: [\n  {name: a\n", 3, "end of map flow not found"},
      {"top level not a mapping", "- a\n- b\n", 1, "must be a mapping"},
      {"unknown top-level key", "rules: []\nsilence: []\n", 2,
       "unknown key 'silence' (did you mean 'silences'?)"},
      {"rules not a list", "rules: {a: 1}\n", 1, "rules must be a list"},
      {"rule not a mapping", "rules:\n  - just-a-name\n", 2, "a rule must be a mapping"},
      {"missing name", "rules:\n  - match: {alarmName: x}\n", 2, "a rule needs a name"},
      {"bad name chars", "rules:\n  - name: has space\n", 2, "must be 1 to 64 characters"},
      {"name too long", "rules:\n  - name: " + std::string(65, 'a') + "\n", 2,
       "must be 1 to 64 characters"},
      {"name not a string", "rules:\n  - name: [a]\n", 2, "rule name must be a string"},
      {"duplicate name", "rules:\n  - name: a\n  - name: b\n  - name: a\n", 4,
       "duplicate rule name 'a' (first defined at t.yaml:2)"},
      {"unknown rule key", R("    gruop_by: [alarmName]\n"), 3,
       "unknown key 'gruop_by' (did you mean 'group_by'?)"},
      {"duplicate key", R("    for_s: 1\n    for_s: 2\n"), 4, "duplicate key 'for_s'"},
      {"unknown match field", R("    match:\n      alarmNme: x\n"), 4,
       "unknown field 'alarmNme' in match"},
      {"match not a mapping", R("    match: [a]\n"), 3, "match must be a mapping"},
      {"bad regex", R("    match:\n      alarmName: {regex: \"Cpu(\"}\n"), 4,
       "bad regex 'Cpu(' for 'alarmName': missing )"},
      {"bad regex in not", R("    match:\n      alarmName: {not: {regex: \"[a\"}}\n"), 4,
       "bad regex"},
      {"unknown condition key", R("    match:\n      alarmName: {regexp: x}\n"), 4,
       "unknown key 'match.alarmName.regexp' (did you mean 'match.alarmName.regex'?)"},
      {"not inside not", R("    match:\n      alarmName: {not: {not: x}}\n"), 4,
       "unknown key 'match.alarmName.not.not'"},
      {"two condition keys", R("    match:\n      alarmName: {regex: x, not: y}\n"), 4,
       "exactly one of regex, not"},
      {"empty list", R("    match:\n      alarmName: []\n"), 4, "is empty"},
      {"nested list value", R("    match:\n      alarmName: [a, [b]]\n"), 4,
       "must be plain values"},
      {"condition without value", R("    match:\n      alarmName:\n"), 4, "needs a value"},
      {"alarm level typo", R("    match:\n      alarmLevel: [Critical, major]\n"), 4,
       "alarmLevel is never 'major'"},
      {"alarm status typo", R("    match:\n      alarmStatus: firing\n"), 4,
       "alarmStatus is never 'firing'"},
      {"continue not bool", R("    continue: maybe\n"), 3, "continue must be true or false"},
      {"unknown action", R("    action: ignore\n"), 3, "unknown action 'ignore'"},
      {"group_by not a list", R("    group_by: alarmName\n"), 3, "group_by must be a list"},
      {"group_by unknown field", R("    group_by:\n      - alarmName\n      - appId\n"), 5,
       "unknown field 'appId' in group_by"},
      {"group_by fingerprint mixed", R("    group_by: [fingerprint, alarmName]\n"), 3,
       "list it alone"},
      {"unknown incident key", R("    incident:\n      titel: x\n"), 4,
       "unknown key 'incident.titel' (did you mean 'incident.title'?)"},
      {"unknown incident level", R("    incident:\n      level: level_60\n"), 4,
       "unknown incident level 'level_60' (level_10, level_20"},
      {"unknown level in map", R("    incident:\n      level:\n        Critical: P1\n"), 5,
       "unknown incident level (got 'P1') for Critical"},
      {"unknown alarm level key", R("    incident:\n      level: {Fatal: level_10}\n"), 4,
       "unknown key 'incident.level.Fatal'"},
      {"unknown incident type", R("    incident:\n      type: inc_type_p_oops\n"), 4,
       "unknown incident type (got 'inc_type_p_oops')"},
      {"template unknown field", R("    incident:\n      title: \"${alarmNme} x\"\n"), 4,
       "incident.title: template '${alarmNme} x' names unknown field 'alarmNme'"},
      {"template unterminated", R("    incident:\n      description: \"${alarmName\"\n"), 4,
       "unterminated"},
      {"template not a string", R("    incident:\n      title: [a]\n"), 4,
       "incident.title must be a string"},
      {"assignee and scene",
       R("    incident:\n      assignee: u\n      assignee_scene: s\n"
         "      assignee_role: r\n"),
       4, "not both"},
      {"scene without role", R("    incident:\n      assignee_scene: s\n"), 4, "go together"},
      {"service_interrupt not bool", R("    incident:\n      service_interrupt: 2\n"), 4,
       "must be true or false"},
      {"unknown resolve", R("    resolve: all\n"), 3, "unknown resolve mode 'all'"},
      {"negative for_s", R("    for_s: -1\n"), 3, "for_s must be an integer >= 0 (got '-1')"},
      {"for_s not an int", R("    for_s: 1.5\n"), 3, "for_s must be an integer"},
      {"resolve_delay_s text", R("    resolve_delay_s: soon\n"), 3, "resolve_delay_s must be"},
      {"flap window 0", R("    flap: {window_s: 0, max_transitions: 3}\n"), 3,
       "flap.window_s must be a positive integer"},
      {"flap missing key", R("    flap: {window_s: 10}\n"), 3, "flap needs max_transitions"},
      {"flap unknown key", R("    flap: {window_s: 10, max_transitions: 2, mode: x}\n"), 3,
       "unknown key 'flap.mode'"},
      {"remediation no script", R("    remediation:\n      timeout_s: 10\n"), 4,
       "remediation needs a script"},
      {"remediation timeout range", R("    remediation:\n      script: s\n      timeout_s: 4\n"), 5,
       "remediation.timeout_s must be an integer between 5 and 1800"},
      {"remediation timeout high", R("    remediation: {script: s, timeout_s: 1801}\n"), 3,
       "between 5 and 1800"},
      {"remediation success rate", R("    remediation: {script: s, success_rate: 0}\n"), 3,
       "remediation.success_rate must be a number between 1 and 100"},
      {"remediation batch", R("    remediation: {script: s, batch_size: 11}\n"), 3,
       "remediation.batch_size must be an integer between 1 and 10"},
      {"remediation cooldown", R("    remediation: {script: s, cooldown_s: -5}\n"), 3,
       "remediation.cooldown_s"},
      {"remediation runs per hour", R("    remediation: {script: s, max_runs_per_hour: 0}\n"), 3,
       "remediation.max_runs_per_hour must be a positive integer"},
      {"circuit breaker failures",
       R("    remediation: {script: s, circuit_breaker: {failures: 0}}\n"), 3,
       "remediation.circuit_breaker.failures"},
      {"circuit breaker empty", R("    remediation: {script: s, circuit_breaker: {}}\n"), 3,
       "needs failures"},
      {"remediation high risk", R("    remediation: {script: s, allow_high_risk: sure}\n"), 3,
       "remediation.allow_high_risk must be true or false"},
      {"remediation unknown key", R("    remediation: {script: s, user: root}\n"), 3,
       "unknown key 'remediation.user'"},
      {"remediation param template",
       R("    remediation:\n      script: s\n      params:\n        svc: \"${additonal.x}\"\n"), 6,
       "remediation.params.svc: template"},
      {"remediation target template",
       R("    remediation:\n      script: s\n      targets:\n        - \"${resId}\"\n"), 6,
       "remediation.targets: template"},
      {"remediation targets not a list", R("    remediation: {script: s, targets: x}\n"), 3,
       "remediation.targets must be a list"},
      {"drop with incident", R("    action: drop\n    incident: {level: level_10}\n"), 4,
       "action: drop opens no incident"},
      {"drop with remediation", R("    action: drop\n    remediation: {script: s}\n"), 4,
       "action: drop runs no remediation"},
      {"silence unknown key",
       "silences:\n  - matchers: {alarmName: x}\n    starts_at: 2026-01-01T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00Z\n    author: me\n",
       5, "unknown key 'author'"},
      {"silence bad time",
       "silences:\n  - matchers: {alarmName: x}\n    starts_at: 2026-13-01T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00Z\n",
       3, "starts_at must be an RFC 3339 time"},
      {"silence time without zone",
       "silences:\n  - matchers: {alarmName: x}\n    starts_at: 2026-01-01T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00\n",
       4, "ends_at must be an RFC 3339 time"},
      {"silence ends before start",
       "silences:\n  - matchers: {alarmName: x}\n    starts_at: 2026-01-02T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00Z\n",
       4, "ends_at must be after starts_at"},
      {"silence missing ends_at",
       "silences:\n  - matchers: {alarmName: x}\n    starts_at: 2026-01-02T00:00:00Z\n", 2,
       "a silence needs ends_at"},
      {"silence empty matchers",
       "silences:\n  - matchers: {}\n    starts_at: 2026-01-01T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00Z\n",
       2, "silence matchers must not be empty"},
      {"silence unknown matcher field",
       "silences:\n  - matchers: {alarmNme: x}\n    starts_at: 2026-01-01T00:00:00Z\n"
       "    ends_at: 2026-01-02T00:00:00Z\n",
       2, "unknown field 'alarmNme' in matchers"},
      {"silence bad matcher regex",
       "silences:\n  - matchers:\n      alarmName: {regex: \"(\"}\n"
       "    starts_at: 2026-01-01T00:00:00Z\n    ends_at: 2026-01-02T00:00:00Z\n",
       3, "bad regex"},
  };
  for (const ProblemCase& c : cases) {
    LoadedRules loaded = RuleLoader::LoadString(c.yaml, "t.yaml");
    EXPECT_EQ(loaded.rules, nullptr) << c.what;
    ASSERT_EQ(loaded.problems.size(), 1u) << c.what << "\n" << Describe(loaded.problems);
    const RuleProblem& p = loaded.problems[0];
    EXPECT_EQ(p.file, "t.yaml") << c.what;
    EXPECT_EQ(p.line, c.line) << c.what << ": " << p.message;
    EXPECT_NE(p.message.find(c.message), std::string::npos)
        << c.what << ": got \"" << p.message << "\"";
  }
}

TEST(RuleLoaderTest, ReportsEveryProblemAtOnce) {
  const std::string yaml = R"(rules:
  - name: a
    match:
      alarmNme: x
      alarmName: {regex: "("}
    incident:
      title: "${nope}"
      level: level_99
  - name: a
    resolve: sometimes
  - match: {alarmName: x}
silences:
  - matchers: {alarmName: x}
    starts_at: yesterday
    ends_at: 2026-01-01T00:00:00Z
)";
  LoadedRules loaded = RuleLoader::LoadString(yaml, "multi.yaml");
  EXPECT_EQ(loaded.rules, nullptr);
  std::vector<int> lines;
  for (const RuleProblem& p : loaded.problems) lines.push_back(p.line);
  EXPECT_EQ(lines, (std::vector<int>{4, 5, 7, 8, 9, 10, 11, 14})) << Describe(loaded.problems);
}

class RuleLoaderFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("rule_loader_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(RuleLoaderFilesTest, KeepsFileOrderAcrossFiles) {
  std::string a = Write("a.yaml", "rules:\n  - name: a1\n  - name: a2\n");
  std::string b = Write("b.yaml", "rules:\n  - name: b1\n");
  LoadedRules loaded = RuleLoader::LoadFiles({b, a});
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  const auto& rules = loaded.rules->rules();
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].name, "b1");
  EXPECT_EQ(rules[0].file, b);
  EXPECT_EQ(rules[1].name, "a1");
  EXPECT_EQ(rules[2].name, "a2");
  EXPECT_EQ(rules[2].file, a);
  EXPECT_EQ(rules[2].line, 3);
}

TEST_F(RuleLoaderFilesTest, DuplicateNameAcrossFiles) {
  std::string a = Write("a.yaml", "rules:\n  - name: shared\n");
  std::string b = Write("b.yaml", "# second\nrules:\n  - name: other\n  - name: shared\n");
  LoadedRules loaded = RuleLoader::LoadFiles({a, b});
  EXPECT_EQ(loaded.rules, nullptr);
  ASSERT_EQ(loaded.problems.size(), 1u) << Describe(loaded.problems);
  EXPECT_EQ(loaded.problems[0].file, b);
  EXPECT_EQ(loaded.problems[0].line, 4);
  EXPECT_NE(loaded.problems[0].message.find("first defined at " + a + ":2"), std::string::npos)
      << loaded.problems[0].message;
}

TEST_F(RuleLoaderFilesTest, ProblemsFromSeveralFilesAndUnreadableFiles) {
  std::string a = Write("a.yaml", "rules:\n  - name: a\n    for_s: x\n");
  std::string missing = (dir_ / "missing.yaml").string();
  std::string b = Write("b.yaml", "rules:\n  - {name: b, resolve: maybe}\n");
  LoadedRules loaded = RuleLoader::LoadFiles({a, missing, b});
  EXPECT_EQ(loaded.rules, nullptr);
  ASSERT_EQ(loaded.problems.size(), 3u) << Describe(loaded.problems);
  EXPECT_EQ(loaded.problems[0].file, a);
  EXPECT_EQ(loaded.problems[0].line, 3);
  EXPECT_EQ(loaded.problems[1].file, missing);
  EXPECT_EQ(loaded.problems[2].file, b);
  EXPECT_EQ(loaded.problems[2].line, 2);
}

TEST(RuleLoaderTest, RepositorySampleLoadsClean) {
  const std::string path = std::string(ALARMGATE_SOURCE_DIR) + "/config/rules.yaml";
  LoadedRules loaded = RuleLoader::LoadFiles({path});
  EXPECT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  EXPECT_NE(loaded.rules, nullptr);
}

TEST(RuleLoaderTest, LoadedRulesMatchAndExpand) {
  LoadedRules loaded = RuleLoader::LoadString(kContractExample, "rules.yaml");
  ASSERT_NE(loaded.rules, nullptr) << Describe(loaded.problems);
  Alarm alarm;
  alarm.integration = "in-house-monitor";
  alarm.alarm_name = "CpuHigh";
  alarm.level = AlarmLevel::kCritical;
  alarm.resource_name = "vm-7";
  alarm.additional_json = R"({"team":"sre"})";
  std::vector<const Rule*> matched = loaded.rules->Match(alarm);
  ASSERT_EQ(matched.size(), 1u);
  EXPECT_EQ(matched[0]->name, "cpu-critical");
  EXPECT_EQ(Expand(matched[0]->incident.title, alarm), "CpuHigh on vm-7");

  alarm.additional_json = R"({"team":"qa"})";  // not: qa fails → the catch-all
  matched = loaded.rules->Match(alarm);
  ASSERT_EQ(matched.size(), 1u);
  EXPECT_EQ(matched[0]->name, "everything-else");

  alarm.name_space = "test";
  alarm.additional_json = "{}";
  matched = loaded.rules->Match(alarm);
  ASSERT_EQ(matched.size(), 1u);
  EXPECT_EQ(matched[0]->name, "cpu-critical");  // file order: cpu-critical comes first
}

}  // namespace
}  // namespace alarmgate

namespace alarmgate {
namespace {

constexpr int64_t kApiNow = 1'800'000'000'000;  // 2027-01-15T08:00:00Z

TEST(ApiSilenceTest, ParsesAValidBodyWithStartDefaultingToNow) {
  auto s = RuleLoader::ParseApiSilence(
      R"({"matchers":{"applicationId":"billing","alarmName":{"regex":"Cpu.*"}},
          "ends_at":"2027-01-16T00:00:00Z","comment":"maintenance","creator":"alice"})",
      kApiNow);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->starts_at_ms, kApiNow);
  EXPECT_GT(s->ends_at_ms, kApiNow);
  EXPECT_EQ(s->creator, "alice");
  EXPECT_EQ(s->comment, "maintenance");
  EXPECT_FALSE(s->from_file);
  EXPECT_TRUE(s->id.empty());
  ASSERT_EQ(s->matchers.size(), 2u);
  Alarm a;
  a.application_id = "billing";
  a.alarm_name = "CpuHigh";
  EXPECT_TRUE(Matches(s->matchers, a));
  a.alarm_name = "DiskFull";
  EXPECT_FALSE(Matches(s->matchers, a));
}

TEST(ApiSilenceTest, ReportsEveryProblemAtOnce) {
  auto s = RuleLoader::ParseApiSilence(
      R"({"matchers":{"alarmNme":"x","alarmName":{"regex":"("}},"ends_at":"2020-01-01T00:00:00Z",
          "colour":"red"})",
      kApiNow);
  ASSERT_FALSE(s.ok());
  const std::string& m = s.status().message();
  for (const char* part : {"alarmNme", "regex", "ends_at must be in the future", "creator",
                           "comment", "colour"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
  EXPECT_NE(m.find(" | "), std::string::npos);
}

TEST(ApiSilenceTest, EmptyMatchersWouldSilenceEverythingAndAreRefused) {
  auto s = RuleLoader::ParseApiSilence(
      R"({"matchers":{},"ends_at":"2027-01-16T00:00:00Z","comment":"c","creator":"a"})", kApiNow);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("must not be empty"), std::string::npos);
}

}  // namespace
}  // namespace alarmgate
