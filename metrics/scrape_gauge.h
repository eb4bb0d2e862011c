#pragma once
// A gauge whose value is read by a callback at scrape time (e.g. storage bytes).

#include <functional>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace alarmgate {

class ScrapeGauge final : public prometheus::Collectable {
 public:
  ScrapeGauge(std::string name, std::string help, std::function<double()> read)
      : name_(std::move(name)), help_(std::move(help)), read_(std::move(read)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    prometheus::MetricFamily f;
    f.name = name_;
    f.help = help_;
    f.type = prometheus::MetricType::Gauge;
    prometheus::ClientMetric m;
    m.gauge.value = read_();
    f.metric.push_back(std::move(m));
    return {std::move(f)};
  }

 private:
  std::string name_;
  std::string help_;
  std::function<double()> read_;
};

}  // namespace alarmgate
