#pragma once
// The standard process_* metrics, read from /proc/self at scrape time (prometheus-cpp core has
// no process collector).

#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace alarmgate {

class ProcessCollector final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace alarmgate
