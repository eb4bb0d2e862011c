#pragma once
// The RuntimeConfig in force, replaced in one step on reload. Components that read only the
// config or only the rules (the API's authentication and ingestion, the rule applier, the
// silences and rules endpoints) keep their narrow ConfigHolder or RulesHolder, which this sets
// from the same snapshot: they need not know of RuntimeConfig, and their reads stay one atomic
// load, as before.

#include <memory>
#include <utility>

#include "core/snapshot.h"
#include "gateway/config/config_holder.h"
#include "gateway/runtime_config.h"
#include "rules/rules_holder.h"

namespace alarmgate {

class RuntimeConfigHolder {
 public:
  explicit RuntimeConfigHolder(std::shared_ptr<const RuntimeConfig> initial)
      : rules_(initial->rules), config_(initial->config), runtime_(std::move(initial)) {}

  std::shared_ptr<const RuntimeConfig> Get() const { return runtime_.Get(); }
  const ConfigHolder& config() const { return config_; }
  const RulesHolder& rules() const { return rules_; }

  // The rules go in before the config: a request that sees the new config (say, a new
  // integration key) then sees the new rules too. One that read the old config may meet the
  // new rules, as any request does that is evaluated just after a reload.
  void Set(std::shared_ptr<const RuntimeConfig> next) {
    rules_.Set(next->rules);
    config_.Set(next->config);
    runtime_.Set(std::move(next));
  }

 private:
  RulesHolder rules_;
  ConfigHolder config_;
  Snapshot<RuntimeConfig> runtime_;
};

}  // namespace alarmgate
