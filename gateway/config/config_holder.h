#pragma once
// The config in force. Readers take a snapshot per request; reload swaps in a fully validated
// config in one step, so a request never sees half of an old and half of a new one.

#include <atomic>
#include <memory>

#include "gateway/config/config.h"

namespace alarmgate {

class ConfigHolder {
 public:
  explicit ConfigHolder(std::shared_ptr<const Config> config) : config_(std::move(config)) {}
  std::shared_ptr<const Config> Get() const { return config_.load(); }
  void Set(std::shared_ptr<const Config> config) { config_.store(std::move(config)); }

 private:
  std::atomic<std::shared_ptr<const Config>> config_;
};

}  // namespace alarmgate
