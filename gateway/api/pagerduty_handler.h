#pragma once
// POST /v2/enqueue (contract §4.3): PagerDuty Events API v2, for monitors that only speak it
// (Zabbix, Grafana, Datadog, …). Answers as PagerDuty does: 202, 400 "invalid event", 429.

#include "pipeline/heartbeat_monitor.h"
#include "pipeline/ingest_service.h"
#include "pipeline/rate_limiter.h"
#include "core/clock.h"
#include "gateway/config/config_holder.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "pipeline/incident_service.h"
#include "storage/alarm_store.h"

namespace alarmgate {

class PagerDutyHandler {
 public:
  static constexpr uint64_t kBodyLimitBytes = 512 * 1024;

  PagerDutyHandler(const ConfigHolder& config, IngestService& ingest, RateLimiter& limiter,
                   HeartbeatMonitor& heartbeats, IncidentService& incidents, AlarmStore& alarms,
                   const Clock& clock)
      : config_(config),
        ingest_(ingest),
        limiter_(limiter),
        heartbeats_(heartbeats),
        incidents_(incidents),
        alarms_(alarms),
        clock_(clock) {}

  // Authenticated by the routing_key in the body, not by a management token.
  void RegisterRoutes(Router& router);

  void Enqueue(HttpRequest& request, Reply reply);

 private:
  // acknowledge: acknowledges the incident of the alarm with this dedup_key, if it is TRIGGERED.
  void Acknowledge(const std::string& integration, const std::string& dedup_key, Reply reply);

  const ConfigHolder& config_;
  IngestService& ingest_;
  RateLimiter& limiter_;
  HeartbeatMonitor& heartbeats_;
  IncidentService& incidents_;
  AlarmStore& alarms_;
  const Clock& clock_;
};

}  // namespace alarmgate
