#pragma once
// Wires the process together: config, storage, the ingest pipeline, the HTTP server, signals,
// reload and graceful shutdown (CONTRACT §1).

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "pipeline/alarm_purger.h"
#include "pipeline/alertmanager_reconciler.h"
#include "pipeline/group_timers.h"
#include "pipeline/heartbeat_monitor.h"
#include "pipeline/rule_applier.h"
#include "pipeline/silence_service.h"
#include "pipeline/ingest_service.h"
#include "pipeline/rate_limiter.h"
#include "core/clock.h"
#include "gateway/api/admin_handler.h"
#include "gateway/api/alarms_handler.h"
#include "gateway/api/incidents_handler.h"
#include "gateway/api/pagerduty_handler.h"
#include "gateway/api/rules_handler.h"
#include "gateway/api/silences_handler.h"
#include "gateway/api/ingest_handler.h"
#include "gateway/api/management_auth.h"
#include "gateway/cli.h"
#include "gateway/config_reloader.h"
#include "gateway/http/http_server.h"
#include "gateway/http/router.h"
#include "gateway/runtime_config_holder.h"
#include "pipeline/incident_service.h"
#include "metrics/metrics_exposer.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

class Application {
 public:
  explicit Application(CliOptions options);
  ~Application();

  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int Run();

 private:
  void AddRoutes();
  void BuildReloader();
  void WatchSignals();
  void SchedulePurge(std::chrono::milliseconds delay);
  void Purge();
  void Shutdown();

  const CliOptions options_;
  // Connections may outlive the server until the io_context goes: what they use comes first.
  prometheus::Registry* registry_ = nullptr;
  std::shared_ptr<prometheus::Registry> registry_owner_;
  Router router_;
  // Before every timer and socket below, so that it outlives them.
  boost::asio::io_context ioc_;
  SystemClock clock_;
  std::unique_ptr<RuntimeConfigHolder> runtime_;
  std::atomic<bool> ready_{false};

  prometheus::Gauge* reload_ok_ = nullptr;
  MetricsExposer exposer_;

  std::unique_ptr<Store> store_;
  std::unique_ptr<GroupCommitter> committer_;
  std::unique_ptr<IngestService> ingest_;
  std::unique_ptr<IncidentService> incidents_;
  std::unique_ptr<SilencesHolder> silences_;
  std::unique_ptr<SilenceService> silence_service_;
  std::unique_ptr<RuleApplier> applier_;
  std::unique_ptr<GroupTimers> timers_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<HeartbeatMonitor> heartbeats_;
  std::unique_ptr<AlarmPurger> purger_;
  std::unique_ptr<AlertmanagerReconciler> reconciler_;  // its passes run on maintenance_

  std::unique_ptr<ManagementAuth> auth_;
  std::unique_ptr<IngestHandler> ingest_handler_;
  std::unique_ptr<PagerDutyHandler> pagerduty_handler_;
  std::unique_ptr<AlarmsHandler> alarms_handler_;
  std::unique_ptr<IncidentsHandler> incidents_handler_;
  std::unique_ptr<SilencesHandler> silences_handler_;
  std::unique_ptr<RulesHandler> rules_handler_;
  std::unique_ptr<AdminHandler> admin_handler_;

  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<ConfigReloader> reloader_;  // its parts use the jobs and the server
  boost::asio::signal_set signals_{ioc_};
  boost::asio::steady_timer purge_timer_{ioc_};
  boost::asio::thread_pool maintenance_{1};  // slow scans stay off the I/O threads
  std::atomic<bool> stopping_{false};
};

}  // namespace alarmgate
