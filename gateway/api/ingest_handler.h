#pragma once
// POST /v1/event/huawei/custom/{integration_key} (CONTRACT §4.1): authenticate the key, parse
// strictly, validate, rate-limit, then hand the alarms to the ingest pipeline.

#include "alarms/ingest_service.h"
#include "alarms/rate_limiter.h"
#include "gateway/config/config_holder.h"
#include "gateway/http/http_types.h"

namespace alarmgate {

class IngestHandler {
 public:
  IngestHandler(const ConfigHolder& config, IngestService& ingest, RateLimiter& limiter)
      : config_(config), ingest_(ingest), limiter_(limiter) {}

  void HandleCoc(HttpRequest& request, Reply reply);

 private:
  const ConfigHolder& config_;
  IngestService& ingest_;
  RateLimiter& limiter_;
};

}  // namespace alarmgate
