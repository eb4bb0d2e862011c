// alarmgate_http_* metrics (contract §11).
#include "gateway/http/http_metrics.h"

namespace alarmgate {
namespace {

const prometheus::Histogram::BucketBoundaries& DurationBuckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  return kBuckets;
}

}  // namespace

HttpMetrics::HttpMetrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("alarmgate_http_requests_total")
                    .Help("HTTP requests answered, by route and status code.")
                    .Register(registry)),
      duration_(
          prometheus::BuildHistogram()
              .Name("alarmgate_http_request_duration_seconds")
              .Help("Time from the first byte of a request to its response being ready to write.")
              .Register(registry)),
      open_(prometheus::BuildGauge()
                .Name("alarmgate_http_connections_open")
                .Help("Open HTTP connections.")
                .Register(registry)
                .Add({})),
      rejected_(prometheus::BuildCounter()
                    .Name("alarmgate_http_connections_rejected_total")
                    .Help("Connections closed at once because max_connections was reached.")
                    .Register(registry)
                    .Add({})) {}

void HttpMetrics::ObserveRequest(std::string_view route, int code, double seconds) {
  prometheus::Counter* counter;
  prometheus::Histogram* histogram;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = routes_.find(route);
    if (it == routes_.end()) {
      RouteChildren children;
      children.duration = &duration_.Add({{"route", std::string(route)}}, DurationBuckets());
      it = routes_.emplace(std::string(route), std::move(children)).first;
    }
    prometheus::Counter*& slot = it->second.requests_by_code[code];
    if (slot == nullptr) {
      slot = &requests_.Add({{"route", std::string(route)}, {"code", std::to_string(code)}});
    }
    counter = slot;
    histogram = it->second.duration;
  }
  counter->Increment();
  histogram->Observe(seconds);
}

}  // namespace alarmgate
