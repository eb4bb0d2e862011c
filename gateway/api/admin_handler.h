#pragma once
// Operations endpoints (contract §1): /-/healthy, /-/ready, /metrics and /-/reload.

#include <atomic>
#include <functional>

#include "core/status.h"
#include "gateway/api/management_auth.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "metrics/metrics_exposer.h"

namespace alarmgate {

class AdminHandler {
 public:
  // `write_refusal` is Ok while storage accepts writes (GroupCommitter::WriteRefusal). `reload`
  // re-reads config, rules and inventory and swaps them in only when all are valid.
  AdminHandler(const MetricsExposer& metrics, const std::atomic<bool>& ready,
               std::function<Status()> write_refusal, std::function<Status()> reload)
      : metrics_(metrics),
        ready_(ready),
        write_refusal_(std::move(write_refusal)),
        reload_(std::move(reload)) {}

  // /-/healthy, /-/ready and /metrics are open to all; /-/reload needs a management token.
  void RegisterRoutes(Router& router, const ManagementAuth& auth);

  // Also answers POST (reading and ignoring the body): the benchmark's bare baseline.
  void Healthy(HttpRequest& request, Reply reply);
  void Ready(HttpRequest& request, Reply reply);
  void Metrics(HttpRequest& request, Reply reply);
  void Reload(HttpRequest& request, Reply reply);

 private:
  const MetricsExposer& metrics_;
  const std::atomic<bool>& ready_;
  std::function<Status()> write_refusal_;
  std::function<Status()> reload_;
};

}  // namespace alarmgate
