#include "gateway/configuration.h"

#include "core/logger.h"
#include "gateway/config/config_loader.h"
#include "rules/rule_loader.h"

namespace alarmgate {

LoadedConfiguration LoadConfiguration(const CliOptions& options) {
  LoadedConfiguration out;
  std::shared_ptr<const Config> base;
  if (options.config_file) {
    LoadedConfig loaded = ConfigLoader::LoadFile(*options.config_file);
    for (const auto& p : loaded.problems) out.problems.push_back(p.ToString());
    base = loaded.config;
  } else {
    base = ConfigLoader::Defaults();
  }
  if (!base) return out;

  auto config = std::make_shared<Config>(*base);
  if (options.listen) {
    auto address = ConfigLoader::ParseListenAddress(*options.listen);
    if (!address) {
      out.problems.push_back("--listen must be HOST:PORT, got " + *options.listen);
    } else {
      config->server.listen_host = address->host;
      config->server.listen_port = address->port;
    }
  }
  if (options.data_dir) config->storage.data_dir = *options.data_dir;

  LoadedRules rules = RuleLoader::LoadFiles(config->rules_files);
  for (const auto& p : rules.problems) out.problems.push_back(p.ToString());
  if (out.problems.empty()) out.loaded = RuntimeConfig{std::move(config), std::move(rules.rules)};
  return out;
}

void LogIntegrations(const Config& config) {
  if (config.integrations.empty()) {
    LogInfo("no_integrations", {{"msg", "no integration is configured: ingestion answers 401"}});
  }
  for (const auto& i : config.integrations) {
    LogInfo("integration", {{"name", i.name}, {"key", Redact(i.key)}, {"enabled", i.enabled}});
  }
}

}  // namespace alarmgate
