// Tests ConfigLoader: defaults, every validation rule with its message and line, unknown keys,
// file expansion (globs, missing files, YAML errors in named files) and the repo's sample config.

#include "gateway/config/config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/crypto.h"

namespace alarmgate {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFile[] = "/etc/alarmgate.yaml";

// Loads text with a base dir that holds no rules.yaml/inventory.yaml, so only the text matters.
LoadedConfig LoadText(const std::string& yaml) {
  return ConfigLoader::LoadString(yaml, kFile, "/nonexistent-alarmgate-test-dir");
}

std::string Dump(const std::vector<ConfigProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.ToString() + "\n";
  return out;
}

TEST(ConfigLoaderTest, EmptyTextGivesEveryDefault) {
  for (const std::string text : {"", "# only a comment\n", "---\n"}) {
    LoadedConfig lc = LoadText(text);
    ASSERT_TRUE(lc.config) << Dump(lc.problems);
    const Config& c = *lc.config;
    EXPECT_EQ(c.source_file, kFile);
    EXPECT_EQ(c.server.listen_host, "127.0.0.1");
    EXPECT_EQ(c.server.listen_port, 8080);
    EXPECT_EQ(c.server.threads, 0);
    EXPECT_EQ(c.server.body_limit_bytes, 1048576u);
    EXPECT_EQ(c.server.header_limit_bytes, 16384u);
    EXPECT_EQ(c.server.read_timeout_ms, 10000);
    EXPECT_EQ(c.server.idle_timeout_ms, 60000);
    EXPECT_EQ(c.server.max_connections, 10000);
    EXPECT_EQ(c.server.shutdown_grace_ms, 10000);
    EXPECT_EQ(c.storage.data_dir, "./data");
    EXPECT_EQ(c.storage.durability, Durability::kProcess);
    EXPECT_EQ(c.storage.retention_days, 30);
    EXPECT_TRUE(c.auth_tokens.empty());
    EXPECT_TRUE(c.integrations.empty());
    EXPECT_TRUE(c.rules_files.empty());      // the default rules.yaml does not exist there
    EXPECT_TRUE(c.inventory_files.empty());  // likewise
    EXPECT_EQ(c.executor.max_parallel_instances, 16);
    EXPECT_TRUE(c.executor.auto_remediation);
    EXPECT_EQ(c.executor.max_runs_per_hour_per_resource, 6);
    EXPECT_EQ(c.executor.work_dir, "./data/runs");
    EXPECT_EQ(c.executor.ssh.binary, "ssh");
    EXPECT_EQ(c.executor.ssh.options,
              (std::vector<std::string>{"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                                        "-o", "ConnectTimeout=5"}));
    EXPECT_EQ(c.log.level, LogLevel::kInfo);
    EXPECT_EQ(c.log.format, LogFormat::kText);
  }
}

TEST(ConfigLoaderTest, EmptySectionsMeanDefaults) {
  LoadedConfig lc = LoadText("server:\nstorage:\nauth:\nexecutor:\n  ssh:\nlog:\n");
  ASSERT_TRUE(lc.config) << Dump(lc.problems);
  EXPECT_EQ(lc.config->server.listen_port, 8080);
  EXPECT_EQ(lc.config->executor.ssh.binary, "ssh");
}

TEST(ConfigLoaderTest, DefaultsHaveNoSourceNoIntegrationsNoFiles) {
  auto d = ConfigLoader::Defaults();
  ASSERT_TRUE(d);
  EXPECT_EQ(d->source_file, "");
  EXPECT_TRUE(d->integrations.empty());
  EXPECT_TRUE(d->auth_tokens.empty());
  EXPECT_TRUE(d->rules_files.empty());
  EXPECT_TRUE(d->inventory_files.empty());
  EXPECT_EQ(d->server.listen_host, "127.0.0.1");
  EXPECT_EQ(d->server.listen_port, 8080);
  EXPECT_EQ(d->storage.data_dir, "./data");
}

struct GoodCase {
  const char* name;
  std::string yaml;
  std::function<void(const Config&)> check;
};

TEST(ConfigLoaderTest, ValidValuesAreApplied) {
  const std::vector<GoodCase> cases = {
      {"ipv4 listen", "server:\n  listen: 0.0.0.0:9000\n",
       [](const Config& c) {
         EXPECT_EQ(c.server.listen_host, "0.0.0.0");
         EXPECT_EQ(c.server.listen_port, 9000);
       }},
      {"ipv6 listen", "server:\n  listen: \"[::1]:8081\"\n",
       [](const Config& c) {
         EXPECT_EQ(c.server.listen_host, "::1");
         EXPECT_EQ(c.server.listen_port, 8081);
       }},
      {"hostname listen, port 0", "server:\n  listen: localhost:0\n",
       [](const Config& c) {
         EXPECT_EQ(c.server.listen_host, "localhost");
         EXPECT_EQ(c.server.listen_port, 0);
       }},
      {"server numbers",
       "server:\n  threads: 4\n  body_limit_bytes: 10\n  header_limit_bytes: 20\n"
       "  read_timeout_ms: 30\n  idle_timeout_ms: 40\n  max_connections: 1\n"
       "  shutdown_grace_ms: 0\n",
       [](const Config& c) {
         EXPECT_EQ(c.server.threads, 4);
         EXPECT_EQ(c.server.body_limit_bytes, 10u);
         EXPECT_EQ(c.server.header_limit_bytes, 20u);
         EXPECT_EQ(c.server.read_timeout_ms, 30);
         EXPECT_EQ(c.server.idle_timeout_ms, 40);
         EXPECT_EQ(c.server.max_connections, 1);
         EXPECT_EQ(c.server.shutdown_grace_ms, 0);
       }},
      {"storage", "storage:\n  data_dir: var/lib\n  durability: machine\n  retention_days: 1\n",
       [](const Config& c) {
         EXPECT_EQ(c.storage.data_dir, "var/lib");  // kept as written: relative to the cwd
         EXPECT_EQ(c.storage.durability, Durability::kMachine);
         EXPECT_EQ(c.storage.retention_days, 1);
       }},
      {"token sha256 stored lower-case",
       "auth:\n  tokens:\n    - name: ops\n      sha256: " + std::string(64, 'A') + "\n",
       [](const Config& c) {
         ASSERT_EQ(c.auth_tokens.size(), 1u);
         EXPECT_EQ(c.auth_tokens[0].name, "ops");
         EXPECT_EQ(c.auth_tokens[0].sha256, std::string(64, 'a'));
       }},
      {"integration defaults", "integrations:\n  - {key: k1, name: n1}\n",
       [](const Config& c) {
         ASSERT_EQ(c.integrations.size(), 1u);
         const auto& i = c.integrations[0];
         EXPECT_EQ(i.key, "k1");
         EXPECT_EQ(i.name, "n1");
         EXPECT_EQ(i.format, IntegrationFormat::kCoc);
         EXPECT_EQ(i.rate_limit_per_s, 1000);
         EXPECT_TRUE(i.enabled);
         EXPECT_EQ(i.heartbeat_timeout_s, 0);
         EXPECT_TRUE(i.severity_map.empty());
         EXPECT_FALSE(i.reconcile.has_value());
         EXPECT_EQ(c.FindIntegrationByKey("k1"), &i);
       }},
      {"alertmanager integration",
       "integrations:\n  - key: A_b-9\n    name: prom.main\n    format: alertmanager\n"
       "    rate_limit_per_s: 2.5\n    enabled: false\n    heartbeat_timeout_s: 300\n"
       "    severity_map: {CRITICAL: Critical, warning: Minor}\n"
       "    reconcile: {url: \"http://127.0.0.1:9093\"}\n",
       [](const Config& c) {
         ASSERT_EQ(c.integrations.size(), 1u);
         const auto& i = c.integrations[0];
         EXPECT_EQ(i.format, IntegrationFormat::kAlertmanager);
         EXPECT_DOUBLE_EQ(i.rate_limit_per_s, 2.5);
         EXPECT_FALSE(i.enabled);
         EXPECT_EQ(i.heartbeat_timeout_s, 300);
         EXPECT_EQ(i.severity_map,
                   (std::map<std::string, AlarmLevel>{{"critical", AlarmLevel::kCritical},
                                                      {"warning", AlarmLevel::kMinor}}));
         ASSERT_TRUE(i.reconcile.has_value());
         EXPECT_EQ(i.reconcile->url, "http://127.0.0.1:9093");
         EXPECT_EQ(i.reconcile->every_s, 60);
       }},
      {"pagerduty, unlimited",
       "integrations:\n  - {key: k, name: n, format: pagerduty, "
       "rate_limit_per_s: 0}\n",
       [](const Config& c) {
         ASSERT_EQ(c.integrations.size(), 1u);
         EXPECT_EQ(c.integrations[0].format, IntegrationFormat::kPagerDuty);
         EXPECT_EQ(c.integrations[0].rate_limit_per_s, 0);
       }},
      {"255-char key", "integrations:\n  - {key: " + std::string(255, 'k') + ", name: n}\n",
       [](const Config& c) { ASSERT_EQ(c.integrations.size(), 1u); }},
      {"executor",
       "executor:\n  max_parallel_instances: 1\n  auto_remediation: false\n"
       "  max_runs_per_hour_per_resource: 0\n  work_dir: /tmp/runs\n"
       "  ssh:\n    binary: /usr/bin/ssh\n    options: [\"-F\", /dev/null]\n",
       [](const Config& c) {
         EXPECT_EQ(c.executor.max_parallel_instances, 1);
         EXPECT_FALSE(c.executor.auto_remediation);
         EXPECT_EQ(c.executor.max_runs_per_hour_per_resource, 0);
         EXPECT_EQ(c.executor.work_dir, "/tmp/runs");
         EXPECT_EQ(c.executor.ssh.binary, "/usr/bin/ssh");
         EXPECT_EQ(c.executor.ssh.options, (std::vector<std::string>{"-F", "/dev/null"}));
       }},
      {"empty ssh options", "executor:\n  ssh:\n    options: []\n",
       [](const Config& c) { EXPECT_TRUE(c.executor.ssh.options.empty()); }},
      {"log", "log:\n  level: debug\n  format: json\n",
       [](const Config& c) {
         EXPECT_EQ(c.log.level, LogLevel::kDebug);
         EXPECT_EQ(c.log.format, LogFormat::kJson);
       }},
      {"log warn", "log: {level: warn}\n",
       [](const Config& c) { EXPECT_EQ(c.log.level, LogLevel::kWarn); }},
      {"log error", "log: {level: error}\n",
       [](const Config& c) { EXPECT_EQ(c.log.level, LogLevel::kError); }},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.name);
    LoadedConfig lc = LoadText(tc.yaml);
    ASSERT_TRUE(lc.config) << Dump(lc.problems);
    EXPECT_TRUE(lc.problems.empty());
    tc.check(*lc.config);
  }
}

struct BadCase {
  std::string yaml;
  int line;
  std::string message;  // the problem's message starts with this
};

// One bad value per case: exactly one problem, with the key path, the rule and the line.
TEST(ConfigLoaderTest, EachBadValueIsReportedWithKeyRuleAndLine) {
  const std::string kHead = "# header\nserver:\n  threads: 1\n";  // bad keys start at line 4
  const std::vector<BadCase> cases = {
      {"server:\n  listen: 8080\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  listen: 127.0.0.1:65536\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  listen: \"::1:8080\"\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  listen: \"[::1]8080\"\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  listen: 300.1.1.1:80\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  listen: :80\n", 2, "server.listen must be HOST:PORT"},
      {"server:\n  threads: -1\n", 2, "server.threads must be an integer between 0 and 1024"},
      {"server:\n  threads: \"4\"\n", 2, "server.threads must be an integer between 0 and 1024"},
      {"server:\n\n  body_limit_bytes: 0\n", 3,
       "server.body_limit_bytes must be a positive integer (got '0')"},
      {"server:\n  body_limit_bytes: 1.5\n", 2,
       "server.body_limit_bytes must be a positive integer"},
      {"server:\n  body_limit_bytes: 99999999999999999999\n", 2,
       "server.body_limit_bytes must be a positive integer"},
      {"server:\n  header_limit_bytes: -5\n", 2,
       "server.header_limit_bytes must be a positive integer"},
      {"server:\n  read_timeout_ms: 0\n", 2, "server.read_timeout_ms must be a positive integer"},
      {"server:\n  idle_timeout_ms: abc\n", 2, "server.idle_timeout_ms must be a positive integer"},
      {"server:\n  max_connections: 0\n", 2, "server.max_connections must be a positive integer"},
      {"server:\n  shutdown_grace_ms: -1\n", 2, "server.shutdown_grace_ms must be an integer >= 0"},
      {"server:\n  shutdown_grace_ms:\n", 2, "server.shutdown_grace_ms must be an integer >= 0"},
      {"server: 5\n", 1, "server must be a mapping"},
      {"storage:\n  data_dir: \"\"\n", 2, "storage.data_dir must be a non-empty string"},
      {"storage:\n  data_dir: [a]\n", 2, "storage.data_dir must be a non-empty string"},
      {"storage:\n  durability: fast\n", 2,
       "storage.durability must be one of process, machine (got 'fast')"},
      {"storage:\n  retention_days: 0\n", 2, "storage.retention_days must be a positive integer"},
      {"auth:\n  tokens: x\n", 2, "auth.tokens must be a list"},
      {"auth:\n  tokens:\n    - sha256: " + std::string(64, 'a') + "\n", 3,
       "auth.tokens[0].name is required"},
      {"auth:\n  tokens:\n    - name: ops\n", 3, "auth.tokens[0].sha256 is required"},
      {"auth:\n  tokens:\n    - name: ops\n      sha256: abc\n", 4,
       "auth.tokens[0].sha256 must be 64 hexadecimal characters"},
      {"auth:\n  tokens:\n    - name: ops\n      sha256: " + std::string(63, 'a') + "g\n", 4,
       "auth.tokens[0].sha256 must be 64 hexadecimal characters"},
      {"auth:\n  tokens:\n    - name: \"\"\n      sha256: " + std::string(64, 'a') + "\n", 3,
       "auth.tokens[0].name must be a non-empty string"},
      {"integrations: {}\n", 1, "integrations must be a list"},
      {"integrations:\n  - {key: a, name: b}\n  -\nlog: {}\n", 3,
       "integrations[1] must be a mapping with at least key and name"},
      {"integrations:\n  - name: n\n", 2, "integrations[0].key is required"},
      {"integrations:\n  - key: k\n", 2, "integrations[0].name is required"},
      {"integrations:\n  - key: \"\"\n    name: n\n", 2,
       "integrations[0].key must be 1..255 characters of [A-Za-z0-9_-]"},
      {"integrations:\n  - key: bad/key\n    name: n\n", 2,
       "integrations[0].key must be 1..255 characters of [A-Za-z0-9_-]"},
      {"integrations:\n  - key: " + std::string(256, 'k') + "\n    name: n\n", 2,
       "integrations[0].key must be 1..255 characters of [A-Za-z0-9_-]"},
      {"integrations:\n  - key: k\n    name: \"a b\"\n", 3,
       "integrations[0].name must be 1..64 characters of [A-Za-z0-9_.-]"},
      {"integrations:\n  - key: k\n    name: " + std::string(65, 'n') + "\n", 3,
       "integrations[0].name must be 1..64 characters of [A-Za-z0-9_.-]"},
      {"integrations:\n  - key: k\n    name: \"\"\n", 3,
       "integrations[0].name must be 1..64 characters of [A-Za-z0-9_.-]"},
      {"integrations:\n  - {key: k, name: n, format: zabbix}\n", 2,
       "integrations[0].format must be one of coc, alertmanager, pagerduty (got 'zabbix')"},
      {"integrations:\n  - key: k\n    name: n\n    rate_limit_per_s: -1\n", 4,
       "integrations[0].rate_limit_per_s must be a number >= 0"},
      {"integrations:\n  - key: k\n    name: n\n    rate_limit_per_s: .nan\n", 4,
       "integrations[0].rate_limit_per_s must be a number >= 0"},
      {"integrations:\n  - key: k\n    name: n\n    rate_limit_per_s: fast\n", 4,
       "integrations[0].rate_limit_per_s must be a number >= 0"},
      {"integrations:\n  - key: k\n    name: n\n    enabled: yes\n", 4,
       "integrations[0].enabled must be true or false (got 'yes')"},
      {"integrations:\n  - key: k\n    name: n\n    heartbeat_timeout_s: -1\n", 4,
       "integrations[0].heartbeat_timeout_s must be an integer >= 0"},
      {"integrations:\n  - key: k\n    name: n\n    severity_map: {critical: Critical}\n", 4,
       "integrations[0].severity_map is only allowed with format alertmanager"},
      {"integrations:\n  - key: k\n    name: n\n    format: pagerduty\n"
       "    reconcile: {url: \"http://x:1\"}\n",
       5, "integrations[0].reconcile is only allowed with format alertmanager"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    severity_map:\n      critical: Fatal\n",
       6, "integrations[0].severity_map.critical must be one of Critical, Major, Minor, Info"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    severity_map:\n      critical: Critical\n      Critical: Major\n",
       7, "integrations[0].severity_map has 'critical' more than once"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n    severity_map: [a]\n",
       5, "integrations[0].severity_map must be a mapping"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    reconcile:\n      every_s: 5\n",
       5, "integrations[0].reconcile.url is required"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    reconcile:\n      url: https://am:9093\n",
       6, "integrations[0].reconcile.url must be an http:// URL"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    reconcile:\n      url: http://am:9093\n      every_s: 0\n",
       7, "integrations[0].reconcile.every_s must be a positive integer"},
      {"executor:\n  max_parallel_instances: 0\n", 2,
       "executor.max_parallel_instances must be a positive integer"},
      {"executor:\n  auto_remediation: 1\n", 2, "executor.auto_remediation must be true or false"},
      {"executor:\n  max_runs_per_hour_per_resource: -2\n", 2,
       "executor.max_runs_per_hour_per_resource must be an integer >= 0"},
      {"executor:\n  work_dir: \"\"\n", 2, "executor.work_dir must be a non-empty string"},
      {"executor:\n  ssh:\n    binary: \"\"\n", 3,
       "executor.ssh.binary must be a non-empty string"},
      {"executor:\n  ssh:\n    options: -o\n", 3, "executor.ssh.options must be a list"},
      {"executor:\n  ssh:\n    options: [a, {b: c}]\n", 3,
       "executor.ssh.options[1] must be a string"},
      {"log:\n  level: verbose\n", 2, "log.level must be one of debug, info, warn, error"},
      {"log:\n  format: xml\n", 2, "log.format must be one of text, json"},
      {"rules_files: rules.yaml\n", 1, "rules_files must be a list"},
      {"inventory_files: [\"\"]\n", 1, "inventory_files[0] must be a non-empty string"},
      {"- a\n- b\n", 1, "the configuration must be a mapping"},
      {"log: {}\n---\nlog: {}\n", 3, "only one YAML document is allowed"},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.yaml);
    LoadedConfig lc = LoadText(tc.yaml);
    EXPECT_FALSE(lc.config);
    // The document-level cases cannot be shifted by a header; the others also run shifted.
    const bool shiftable = tc.yaml.rfind("server", 0) != 0 && tc.yaml.rfind("- ", 0) != 0 &&
                           tc.yaml.find("---") == std::string::npos;
    std::vector<std::pair<std::string, int>> variants = {{tc.yaml, tc.line}};
    if (shiftable) variants.push_back({kHead + tc.yaml, tc.line + 3});
    for (const auto& [yaml, line] : variants) {
      LoadedConfig v = LoadText(yaml);
      EXPECT_FALSE(v.config);
      ASSERT_EQ(v.problems.size(), 1u) << Dump(v.problems);
      EXPECT_EQ(v.problems[0].file, kFile);
      EXPECT_EQ(v.problems[0].line, line) << v.problems[0].ToString();
      EXPECT_EQ(v.problems[0].message.rfind(tc.message, 0), 0u) << v.problems[0].ToString();
    }
  }
}

TEST(ConfigLoaderTest, UnknownKeysAtEveryLevelNameTheirPathAndLine) {
  const std::vector<BadCase> cases = {
      {"servr:\n  listen: 1.2.3.4:5\n", 1, "unknown key 'servr' (did you mean 'server'?)"},
      {"zzzzzz: 1\n", 1, "unknown key 'zzzzzz'"},
      {"server:\n  listen: 1.2.3.4:5\n  lisen: x\n", 3,
       "unknown key 'server.lisen' (did you mean 'server.listen'?)"},
      {"storage:\n  dir: x\n", 2, "unknown key 'storage.dir'"},
      {"auth:\n  token: []\n", 2, "unknown key 'auth.token' (did you mean 'auth.tokens'?)"},
      {"auth:\n  tokens:\n    - name: a\n      sha256: " + std::string(64, '0') + "\n      x: 1\n",
       5, "unknown key 'auth.tokens[0].x'"},
      {"integrations:\n  - key: k\n    name: n\n    fromat: coc\n", 4,
       "unknown key 'integrations[0].fromat' (did you mean 'integrations[0].format'?)"},
      {"integrations:\n  - key: k\n    name: n\n    format: alertmanager\n"
       "    reconcile: {url: \"http://a:1\", every: 5}\n",
       5,
       "unknown key 'integrations[0].reconcile.every' (did you mean "
       "'integrations[0].reconcile.every_s'?)"},
      {"executor:\n  ssh:\n    bin: ssh\n", 3, "unknown key 'executor.ssh.bin'"},
      {"executor:\n  workdir: x\n", 2,
       "unknown key 'executor.workdir' (did you mean 'executor.work_dir'?)"},
      {"log:\n  lvl: info\n", 2, "unknown key 'log.lvl' (did you mean 'log.level'?)"},
      {"server:\n  threads: 1\n  threads: 2\n", 3, "duplicate key 'server.threads'"},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.yaml);
    LoadedConfig lc = LoadText(tc.yaml);
    EXPECT_FALSE(lc.config);
    ASSERT_EQ(lc.problems.size(), 1u) << Dump(lc.problems);
    EXPECT_EQ(lc.problems[0].line, tc.line);
    EXPECT_EQ(lc.problems[0].message, tc.message);
  }
}

TEST(ConfigLoaderTest, ReportsEveryProblemAtOnce) {
  const std::string yaml =
      "servr: 1\n"                 // 1
      "server:\n"                  // 2
      "  body_limit_bytes: 0\n"    // 3
      "  listen: nope\n"           // 4
      "storage:\n"                 // 5
      "  durability: sometimes\n"  // 6
      "integrations:\n"            // 7
      "  - key: k\n"               // 8
      "    name: n\n"              // 9
      "    format: bogus\n"        // 10
      "log:\n"                     // 11
      "  level: loud\n";           // 12
  LoadedConfig lc = LoadText(yaml);
  EXPECT_FALSE(lc.config);
  std::vector<int> lines;
  for (const auto& p : lc.problems) lines.push_back(p.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 3, 4, 6, 10, 12})) << Dump(lc.problems);
  EXPECT_EQ(
      lc.problems[1].ToString(),
      std::string(kFile) + ":3: server.body_limit_bytes must be a positive integer (got '0')");
}

TEST(ConfigLoaderTest, ProblemsAreListedInLineOrder) {
  // Sections are checked in a fixed order (server before log); the report follows the file.
  LoadedConfig lc = LoadText("log:\n  level: x\nserver:\n  threads: -1\n");
  ASSERT_EQ(lc.problems.size(), 2u) << Dump(lc.problems);
  EXPECT_EQ(lc.problems[0].line, 2);
  EXPECT_EQ(lc.problems[1].line, 4);
}

TEST(ConfigLoaderTest, YamlSyntaxErrorIsOneProblemWithItsLine) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"log: {}\nserver: b: c\n", 2}, {"log:\n  level: info\n- x\n", 3}, {"log: [a]]\n", 1},
      {"log: &a 1\nserver: *b\n", 2}, {"log:\n  level: [info,\n", 3},  // yaml-cpp blames the end of
                                                                       // input
  };
  for (const auto& [yaml, line] : cases) {
    SCOPED_TRACE(yaml);
    LoadedConfig lc = LoadText(yaml);
    EXPECT_FALSE(lc.config);
    ASSERT_EQ(lc.problems.size(), 1u) << Dump(lc.problems);
    EXPECT_EQ(lc.problems[0].line, line) << lc.problems[0].ToString();
    EXPECT_THAT(lc.problems[0].message, HasSubstr("YAML syntax error"));
  }
}

TEST(ConfigLoaderTest, DuplicateIntegrationNamesAndKeysAreProblemsAndKeysAreRedacted) {
  const std::string yaml =
      "integrations:\n"
      "  - key: secret-key-one\n"    // 2
      "    name: alpha\n"            // 3
      "  - key: secret-key-one\n"    // 4
      "    name: beta\n"             // 5
      "  - key: secret-key-three\n"  // 6
      "    name: alpha\n";           // 7
  LoadedConfig lc = LoadText(yaml);
  EXPECT_FALSE(lc.config);
  ASSERT_EQ(lc.problems.size(), 2u) << Dump(lc.problems);
  EXPECT_EQ(lc.problems[0].line, 4);
  EXPECT_EQ(lc.problems[0].message, "integrations[1].key '" + Redact("secret-key-one") +
                                        "' is already used by integrations[0]");
  EXPECT_EQ(lc.problems[1].line, 7);
  EXPECT_EQ(lc.problems[1].message,
            "integrations[2].name 'alpha' is already used by integrations[0]");
  for (const auto& p : lc.problems) {
    EXPECT_THAT(p.ToString(), Not(HasSubstr("secret-key")));
  }
}

TEST(ConfigLoaderTest, InvalidKeyIsNeverEchoed) {
  LoadedConfig lc = LoadText("integrations:\n  - key: top/secret\n    name: n\n");
  ASSERT_EQ(lc.problems.size(), 1u);
  EXPECT_THAT(lc.problems[0].message, Not(HasSubstr("top")));
}

TEST(ConfigLoaderTest, DuplicateTokenNames) {
  const std::string h = std::string(64, 'b');
  LoadedConfig lc = LoadText("auth:\n  tokens:\n    - {name: ops, sha256: " + h +
                             "}\n    - {name: ops, sha256: " + h + "}\n");
  ASSERT_EQ(lc.problems.size(), 1u) << Dump(lc.problems);
  EXPECT_EQ(lc.problems[0].line, 4);
  EXPECT_EQ(lc.problems[0].message, "auth.tokens[1].name 'ops' is already used by auth.tokens[0]");
}

TEST(ConfigLoaderTest, ParseListenAddress) {
  struct Case {
    std::string text;
    bool ok;
    std::string host;
    uint16_t port;
  };
  const std::vector<Case> cases = {
      {"127.0.0.1:8080", true, "127.0.0.1", 8080},
      {"[::1]:8080", true, "::1", 8080},
      {"[::]:0", true, "::", 0},
      {"example.com:65535", true, "example.com", 65535},
      {"localhost:80", true, "localhost", 80},
      {"127.0.0.1:65536", false, "", 0},
      {"127.0.0.1", false, "", 0},
      {"::1:8080", false, "", 0},
      {"[::1]", false, "", 0},
      {"[zz]:80", false, "", 0},
      {"1.2.3:80", false, "", 0},
      {"host_name:80", false, "", 0},
      {"-bad.com:80", false, "", 0},
      {"a..b:80", false, "", 0},
      {"1.2.3.4:-1", false, "", 0},
      {"1.2.3.4:", false, "", 0},
      {"", false, "", 0},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.text);
    auto a = ConfigLoader::ParseListenAddress(tc.text);
    ASSERT_EQ(a.has_value(), tc.ok);
    if (a) {
      EXPECT_EQ(a->host, tc.host);
      EXPECT_EQ(a->port, tc.port);
    }
  }
}

TEST(ConfigLoaderTest, ProblemToString) {
  EXPECT_EQ((ConfigProblem{"a.yaml", 3, "boom"}).ToString(), "a.yaml:3: boom");
  EXPECT_EQ((ConfigProblem{"a.yaml", 0, "boom"}).ToString(), "a.yaml: boom");
}

// A scratch directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "alarmgate-cfg-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& rel, const std::string& text) const {
    const auto p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }

 private:
  std::string path_;
};

TEST(ConfigLoaderTest, DefaultFilesAreUsedOnlyWhenTheyExist) {
  TempDir dir;
  const std::string cfg = dir.Write("alarmgate.yaml", "log: {level: info}\n");
  LoadedConfig none = ConfigLoader::LoadFile(cfg);
  ASSERT_TRUE(none.config) << Dump(none.problems);
  EXPECT_TRUE(none.config->rules_files.empty());
  EXPECT_TRUE(none.config->inventory_files.empty());

  dir.Write("rules.yaml", "rules: []\n");
  dir.Write("inventory.yaml", "resources: []\n");
  LoadedConfig both = ConfigLoader::LoadFile(cfg);
  ASSERT_TRUE(both.config) << Dump(both.problems);
  EXPECT_EQ(both.config->source_file, cfg);
  EXPECT_EQ(both.config->rules_files, (std::vector<std::string>{dir.path() + "/rules.yaml"}));
  EXPECT_EQ(both.config->inventory_files,
            (std::vector<std::string>{dir.path() + "/inventory.yaml"}));
}

TEST(ConfigLoaderTest, ListedFilesResolveFromTheConfigDirWithGlobs) {
  TempDir dir;
  dir.Write("rules.d/b.yaml", "rules: []\n");
  dir.Write("rules.d/a.yaml", "rules: []\n");
  dir.Write("rules.d/notes.txt", "not yaml: [\n");                        // not matched by the glob
  std::filesystem::create_directories(dir.path() + "/rules.d/sub.yaml");  // a dir: skipped
  dir.Write("inv/one.yaml", "resources: []\n");
  const std::string abs_inv = dir.Write("elsewhere/abs.yaml", "resources: []\n");
  const std::string cfg =
      dir.Write("conf/alarmgate.yaml",
                "rules_files: [\"../rules.d/*.yaml\", \"../rules.d/a.yaml\", \"../none/*.yaml\"]\n"
                "inventory_files:\n  - ../inv/one.yaml\n  - " +
                    abs_inv + "\n");
  LoadedConfig lc = ConfigLoader::LoadFile(cfg);
  ASSERT_TRUE(lc.config) << Dump(lc.problems);
  const std::string conf = dir.path() + "/conf/";
  // Sorted glob results; the file named again is loaded once; the empty glob is fine.
  EXPECT_EQ(lc.config->rules_files,
            (std::vector<std::string>{conf + "../rules.d/a.yaml", conf + "../rules.d/b.yaml"}));
  EXPECT_EQ(lc.config->inventory_files,
            (std::vector<std::string>{conf + "../inv/one.yaml", abs_inv}));
}

TEST(ConfigLoaderTest, MissingListedFilesAndBrokenYamlInThemAreProblems) {
  TempDir dir;
  const std::string broken =
      dir.Write("rules.yaml", "rules:\n  - name: a\n    match: [1,\n  - name: b\n");
  dir.Write("inventory.yaml", "resources: []\n");
  const std::string cfg = dir.Write("alarmgate.yaml",
                                    "rules_files:\n"
                                    "  - rules.yaml\n"    // 2
                                    "  - missing.yaml\n"  // 3
                                    "inventory_files:\n"
                                    "  - gone.yaml\n");  // 5
  LoadedConfig lc = ConfigLoader::LoadFile(cfg);
  EXPECT_FALSE(lc.config);
  ASSERT_EQ(lc.problems.size(), 3u) << Dump(lc.problems);
  EXPECT_EQ(lc.problems[0].file, cfg);
  EXPECT_EQ(lc.problems[0].line, 3);
  EXPECT_THAT(lc.problems[0].message,
              HasSubstr("rules_files[1]: '" + dir.path() + "/missing.yaml'"));
  EXPECT_EQ(lc.problems[1].file, cfg);
  EXPECT_EQ(lc.problems[1].line, 5);
  EXPECT_THAT(lc.problems[1].message, HasSubstr("inventory_files[0]"));
  EXPECT_EQ(lc.problems[2].file, broken);
  EXPECT_EQ(lc.problems[2].line, 4);
  EXPECT_THAT(lc.problems[2].message, HasSubstr("YAML syntax error"));
}

TEST(ConfigLoaderTest, ListedDirectoryIsAProblem) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/rules.yaml");
  LoadedConfig lc = ConfigLoader::LoadString("rules_files: [rules.yaml]\n", "c.yaml", dir.path());
  ASSERT_EQ(lc.problems.size(), 1u) << Dump(lc.problems);
  EXPECT_THAT(lc.problems[0].message, HasSubstr("is not a regular file"));
}

TEST(ConfigLoaderTest, UnreadableConfigFileIsAProblemWithoutLine) {
  LoadedConfig lc = ConfigLoader::LoadFile("/nonexistent-alarmgate-test-dir/alarmgate.yaml");
  EXPECT_FALSE(lc.config);
  ASSERT_EQ(lc.problems.size(), 1u);
  EXPECT_EQ(lc.problems[0].line, 0);
  EXPECT_EQ(lc.problems[0].file, "/nonexistent-alarmgate-test-dir/alarmgate.yaml");
  EXPECT_THAT(lc.problems[0].message, HasSubstr("cannot read config file"));
}

TEST(ConfigLoaderTest, RepoSampleConfigLoadsClean) {
  const std::string dir = std::string(ALARMGATE_SOURCE_DIR) + "/config";
  LoadedConfig lc = ConfigLoader::LoadFile(dir + "/alarmgate.yaml");
  ASSERT_TRUE(lc.config) << Dump(lc.problems);
  const Config& c = *lc.config;
  EXPECT_EQ(c.server.listen_host, "127.0.0.1");
  EXPECT_EQ(c.server.listen_port, 8080);
  EXPECT_EQ(c.storage.data_dir, "./data");
  ASSERT_EQ(c.integrations.size(), 3u);
  EXPECT_EQ(c.integrations[0].name, "in-house-monitor");
  EXPECT_EQ(c.integrations[0].key, "demo-coc-key");
  EXPECT_EQ(c.integrations[0].format, IntegrationFormat::kCoc);
  EXPECT_EQ(c.integrations[1].name, "prometheus");
  EXPECT_EQ(c.integrations[1].key, "demo-alertmanager-key");
  EXPECT_EQ(c.integrations[1].format, IntegrationFormat::kAlertmanager);
  EXPECT_EQ(c.integrations[2].name, "pagerduty-monitors");
  EXPECT_EQ(c.integrations[2].key, "demo-pagerduty-key");
  EXPECT_EQ(c.integrations[2].format, IntegrationFormat::kPagerDuty);
  ASSERT_EQ(c.auth_tokens.size(), 1u);
  EXPECT_EQ(c.auth_tokens[0].name, "ops");
  EXPECT_EQ(c.auth_tokens[0].sha256, Sha256Hex("demo-ops-token"));
  EXPECT_EQ(c.rules_files, (std::vector<std::string>{dir + "/rules.yaml"}));
  EXPECT_EQ(c.inventory_files, (std::vector<std::string>{dir + "/inventory.yaml"}));
}

}  // namespace
}  // namespace alarmgate
