#pragma once
// Alarm ingestion by integration key (contract §4.1, §4.2): authenticate the key, parse strictly,
// validate and map the source's format, rate-limit, then hand the alarms to the ingest pipeline.

#include "pipeline/ingest_service.h"
#include "pipeline/heartbeat_monitor.h"
#include "pipeline/rate_limiter.h"
#include "gateway/config/config_holder.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"

#include <simdjson.h>

namespace alarmgate {

class IngestHandler {
 public:
  IngestHandler(const ConfigHolder& config, IngestService& ingest, RateLimiter& limiter,
                HeartbeatMonitor& heartbeats)
      : config_(config), ingest_(ingest), limiter_(limiter), heartbeats_(heartbeats) {}

  // Authenticated by the integration key in the path, not by a management token.
  void RegisterRoutes(Router& router);

  // POST /v1/event/huawei/custom/{integration_key}
  void HandleCoc(HttpRequest& request, Reply reply);
  // POST /v1/event/alertmanager/{integration_key}: one alarm per alert, never per group.
  void HandleAlertmanager(HttpRequest& request, Reply reply);

 private:
  // What differs between the sources that share this path.
  struct Source {
    IntegrationFormat format;
    int rate_limited_status;  // 429, or 503 for senders that retry only 5xx
    std::function<Result<std::vector<Alarm>>(simdjson::dom::element, const IntegrationConfig&)>
        parse;
  };
  void Handle(HttpRequest& request, Reply reply, const Source& source);

  const ConfigHolder& config_;
  IngestService& ingest_;
  RateLimiter& limiter_;
  HeartbeatMonitor& heartbeats_;
};

}  // namespace alarmgate
