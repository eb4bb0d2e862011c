// Renders the e2e test config; quoting keeps every value a YAML string.

#include "tests/e2e/harness/test_config.h"

#include <sstream>

#include "core/crypto.h"

namespace alarmgate::e2e {

std::vector<TestIntegration> TestConfig::DefaultIntegrations() {
  return {
      {.key = kCocKey, .name = kCocName},
      {.key = kDisabledKey, .name = "disabled-monitor", .enabled = false},
      {.key = kAlertmanagerKey, .name = "prometheus", .format = "alertmanager"},
      {.key = kLimitedKey, .name = kLimitedName, .rate_limit_per_s = 1},
  };
}

std::string TestConfig::Render(const std::string& data_dir) const {
  std::ostringstream y;
  y << "server:\n  listen: 127.0.0.1:0\n";
  if (body_limit_bytes) y << "  body_limit_bytes: " << *body_limit_bytes << "\n";
  if (header_limit_bytes) y << "  header_limit_bytes: " << *header_limit_bytes << "\n";
  if (shutdown_grace_ms) y << "  shutdown_grace_ms: " << *shutdown_grace_ms << "\n";
  y << "storage:\n  data_dir: \"" << data_dir << "\"\n  durability: " << durability << "\n";
  y << "auth:\n  tokens:\n    - name: ops\n      sha256: \"" << Sha256Hex(kOpsToken) << "\"\n";
  y << "integrations:\n";
  for (const auto& i : integrations) {
    y << "  - key: \"" << i.key << "\"\n"
      << "    name: \"" << i.name << "\"\n"
      << "    format: " << i.format << "\n"
      << "    rate_limit_per_s: " << i.rate_limit_per_s << "\n"
      << "    enabled: " << (i.enabled ? "true" : "false") << "\n";
  }
  if (rules_yaml) {
    y << "rules_files: [" << kRulesFileName << "]\n";
  } else {
    y << "rules_files: []\n";
  }
  y << "inventory_files: []\n";
  y << "log:\n  level: info\n  format: text\n";
  y << extra_yaml;
  return y.str();
}

std::string Fingerprint(const std::string& integration_name, const std::string& alarm_id) {
  return Sha256Hex(integration_name + "\n" + alarm_id).substr(0, 32);
}

std::vector<std::pair<std::string, std::string>> OpsAuth() { return {{"X-Auth-Token", kOpsToken}}; }

}  // namespace alarmgate::e2e
