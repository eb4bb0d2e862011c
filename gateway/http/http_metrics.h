#pragma once
// The HTTP edge's Prometheus metrics. Families are built once; per-route children are cached so
// the request path never looks a family up by name.

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace alarmgate {

class HttpMetrics {
 public:
  explicit HttpMetrics(prometheus::Registry& registry);

  // Thread-safe. `route` is the route name, "unmatched" or "edge".
  void ObserveRequest(std::string_view route, int code, double seconds);
  void ConnectionOpened() { open_.Increment(); }
  void ConnectionClosed() { open_.Decrement(); }
  void ConnectionRejected() { rejected_.Increment(); }

 private:
  struct RouteChildren {
    prometheus::Histogram* duration = nullptr;
    std::unordered_map<int, prometheus::Counter*> requests_by_code;
  };

  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& duration_;
  prometheus::Gauge& open_;
  prometheus::Counter& rejected_;

  std::mutex mu_;
  std::map<std::string, RouteChildren, std::less<>> routes_;
};

}  // namespace alarmgate
