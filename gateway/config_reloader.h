#pragma once
// Reloads the RuntimeConfig whole (SIGHUP, POST /-/reload): loads and validates every file, lets
// each part of the process that depends on the config prepare its change (where anything can
// fail, e.g. reading storage), and only when every part is ready swaps the new snapshot in and
// applies the prepared changes. A reload refused at any point changes nothing: the old config,
// rules and timers keep serving, and alarmgate_config_last_reload_successful says 0.

#include <prometheus/gauge.h>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "gateway/configuration.h"
#include "gateway/runtime_config.h"
#include "gateway/runtime_config_holder.h"

namespace alarmgate {

class ConfigReloader {
 public:
  // Applies one part's prepared change once the new config is in force; cannot fail. Empty when
  // the part has nothing to change.
  using Apply = std::function<void()>;
  // Prepares one part's change from `current` to `next` without side effects; an error refuses
  // the whole reload.
  using Prepare =
      std::function<Result<Apply>(const RuntimeConfig& next, const RuntimeConfig& current)>;
  // Reads and validates the files (LoadConfiguration).
  using Load = std::function<LoadedConfiguration()>;

  // `last_reload_ok` is alarmgate_config_last_reload_successful; it keeps its value until the
  // first reload.
  ConfigReloader(Load load, RuntimeConfigHolder& runtime, prometheus::Gauge& last_reload_ok)
      : load_(std::move(load)), runtime_(runtime), last_reload_ok_(last_reload_ok) {}

  // Parts prepare, and then apply, in the order they were added. Add them all at startup,
  // before the first Reload.
  void AddPart(std::string name, Prepare prepare);

  // Ok when the new config is in force. Otherwise nothing changed: InvalidArgument listing every
  // problem of the files, or the error of the first part that could not prepare, named.
  Status Reload();

 private:
  struct Part {
    std::string name;
    Prepare prepare;
  };
  Status Refuse(StatusCode code, const std::string& problems);

  Load load_;
  RuntimeConfigHolder& runtime_;
  prometheus::Gauge& last_reload_ok_;
  std::vector<Part> parts_;
  std::mutex mu_;  // one reload at a time: SIGHUP and /-/reload may race
};

}  // namespace alarmgate
