#pragma once
// Everything an operator configures, loaded and checked as one RuntimeConfig: the config file
// with the command-line overrides, and the rules files it names. Used at startup, on reload
// (swapped in only when it has no problem at all) and by --check-config.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/cli.h"
#include "gateway/config/config.h"
#include "gateway/runtime_config.h"

namespace alarmgate {

struct LoadedConfiguration {
  std::optional<RuntimeConfig> loaded;  // nullopt when there is any problem
  std::vector<std::string> problems;    // "file:line: message"
};

// Loads options.config_file (or the defaults without one), applies --listen and --data-dir.
LoadedConfiguration LoadConfiguration(const CliOptions& options);

// One line per integration (its key redacted), or one saying there is none: at startup and after
// each reload, so the log tells which integrations are being served.
void LogIntegrations(const Config& config);

}  // namespace alarmgate
