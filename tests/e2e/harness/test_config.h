#pragma once
// The config every e2e test starts from (contract §2), rendered to YAML, and the credentials in it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace alarmgate::e2e {

// The rules file a config with rules_yaml names, relative to the config file.
inline constexpr const char* kRulesFileName = "rules.yaml";

// Integration keys and names of the default test config.
inline constexpr const char* kCocKey = "test-coc-key";
inline constexpr const char* kCocName = "in-house-monitor";
inline constexpr const char* kDisabledKey = "disabled-coc-key";
inline constexpr const char* kAlertmanagerKey = "test-am-key";
inline constexpr const char* kLimitedKey = "limited-coc-key";
inline constexpr const char* kLimitedName = "limited-monitor";
// The management token named `ops`; the config holds only its sha256.
inline constexpr const char* kOpsToken = "e2e-ops-token-5f2c9d";

struct TestIntegration {
  std::string key;
  std::string name;
  std::string format = "coc";
  double rate_limit_per_s = 0;  // unlimited
  bool enabled = true;
};

struct TestConfig {
  std::vector<TestIntegration> integrations = DefaultIntegrations();
  std::string durability = "process";
  std::optional<uint64_t> body_limit_bytes;
  std::optional<uint64_t> header_limit_bytes;
  std::optional<int64_t> shutdown_grace_ms;
  std::string extra_yaml;  // appended verbatim (top-level keys)
  // When set, AlarmgateProcess writes it to rules.yaml beside the config, and the config names
  // it in rules_files; when unset the config lists no rules files.
  std::optional<std::string> rules_yaml;

  // The default integrations: coc (unlimited), a disabled coc, an alertmanager, a coc limited to
  // 1/s.
  static std::vector<TestIntegration> DefaultIntegrations();
  // The YAML text; `data_dir` goes into storage.data_dir. Inventory is an empty list, rules too
  // unless rules_yaml is set (then `rules_files: [rules.yaml]`).
  std::string Render(const std::string& data_dir) const;
};

// contract §4.4: the first 32 hex chars of SHA-256("<integration name>\n<alarmId>").
std::string Fingerprint(const std::string& integration_name, const std::string& alarm_id);

// `X-Auth-Token: kOpsToken`, for management requests.
std::vector<std::pair<std::string, std::string>> OpsAuth();

}  // namespace alarmgate::e2e
