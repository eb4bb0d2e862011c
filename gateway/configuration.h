#pragma once
// Everything an operator configures, loaded and checked as one: the config file with the
// command-line overrides, and the rules files it names. Used at startup, on reload (swapped in
// only when it has no problem at all) and by --check-config.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/cli.h"
#include "gateway/config/config.h"
#include "rules/rule_set.h"

namespace alarmgate {

struct Configuration {
  std::shared_ptr<const Config> config;
  std::shared_ptr<const RuleSet> rules;
};

struct LoadedConfiguration {
  std::optional<Configuration> loaded;  // nullopt when there is any problem
  std::vector<std::string> problems;    // "file:line: message"
};

// Loads options.config_file (or the defaults without one), applies --listen and --data-dir.
LoadedConfiguration LoadConfiguration(const CliOptions& options);

}  // namespace alarmgate
