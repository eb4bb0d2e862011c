#pragma once
// Everything the process runs under that an operator can reload, as one immutable value: the
// config file with the command-line overrides and the rules files it names. It is loaded and
// validated as a whole (LoadConfiguration) and swapped as a whole (ConfigReloader).

#include <memory>

#include "gateway/config/config.h"
#include "rules/rule_set.h"

namespace alarmgate {

struct RuntimeConfig {
  std::shared_ptr<const Config> config;
  std::shared_ptr<const RuleSet> rules;
  // Extension point: the inventory (config->inventory_files) joins here as one more
  // shared_ptr<const …>, loaded and validated by LoadConfiguration with the rest, so that a
  // reload refuses or swaps it together with the config and the rules.
};

}  // namespace alarmgate
