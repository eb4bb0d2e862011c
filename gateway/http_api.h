#pragma once
// The HTTP API: one handler per module, built over the services, each registering its own routes
// with their names, options and management-token protection.

#include <atomic>
#include <functional>

#include "core/clock.h"
#include "core/status.h"
#include "gateway/api/admin_handler.h"
#include "gateway/api/alarms_handler.h"
#include "gateway/api/incidents_handler.h"
#include "gateway/api/ingest_handler.h"
#include "gateway/api/management_auth.h"
#include "gateway/api/pagerduty_handler.h"
#include "gateway/api/rules_handler.h"
#include "gateway/api/silences_handler.h"
#include "gateway/http/router.h"
#include "gateway/runtime_config_holder.h"
#include "gateway/services.h"
#include "metrics/metrics_exposer.h"
#include "pipeline/heartbeat_monitor.h"

namespace alarmgate {

class HttpApi {
 public:
  // Everything passed in must outlive this. `reload` is what /-/reload runs.
  HttpApi(const RuntimeConfigHolder& runtime, Store& store, Services& services,
          HeartbeatMonitor& heartbeats, const Clock& clock, const MetricsExposer& metrics,
          const std::atomic<bool>& ready, std::function<Status()> reload);
  HttpApi(const HttpApi&) = delete;
  HttpApi& operator=(const HttpApi&) = delete;

  // Every module's routes; the router's handlers point into this, which must outlive them.
  void RegisterRoutes(Router& router);

 private:
  ManagementAuth auth_;
  AdminHandler admin_;
  IngestHandler ingest_;
  PagerDutyHandler pagerduty_;
  AlarmsHandler alarms_;
  IncidentsHandler incidents_;
  SilencesHandler silences_;
  RulesHandler rules_;
};

}  // namespace alarmgate
