#pragma once
// Gathers every collectable (the shared registry, process metrics, scrape-time gauges) into the
// Prometheus text exposition format for GET /metrics.

#include <memory>
#include <string>
#include <vector>

#include <prometheus/collectable.h>

namespace alarmgate {

class MetricsExposer {
 public:
  void Add(std::shared_ptr<prometheus::Collectable> collectable) {
    collectables_.push_back(std::move(collectable));
  }
  std::string Serialize() const;

 private:
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
};

}  // namespace alarmgate
