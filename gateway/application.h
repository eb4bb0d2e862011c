#pragma once
// Runs the process: loads the configuration, opens storage, builds the services, the timer-driven
// jobs and the HTTP API over them, serves until SIGTERM/SIGINT, reloads on SIGHUP, and drains
// gracefully.

#include <atomic>
#include <chrono>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "core/asio_scheduler.h"
#include "core/clock.h"
#include "core/status.h"
#include "gateway/cli.h"
#include "gateway/config_reloader.h"
#include "gateway/http/http_server.h"
#include "gateway/http/router.h"
#include "gateway/http_api.h"
#include "gateway/runtime_config_holder.h"
#include "gateway/services.h"
#include "metrics/metrics_exposer.h"
#include "pipeline/alarm_purger.h"
#include "pipeline/alertmanager_reconciler.h"
#include "pipeline/group_timers.h"
#include "pipeline/heartbeat_monitor.h"
#include "pipeline/retention_job.h"
#include "storage/store.h"

namespace alarmgate {

class Application {
 public:
  explicit Application(CliOptions options);
  ~Application();

  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int Run();

 private:
  // Startup, in this order; a step that fails has logged why, and Run exits 1.
  bool OpenStorage(const Config& config);
  prometheus::Gauge& BuildMetrics();
  Status BuildServices(const Config& config);
  void BuildReloader(prometheus::Gauge& last_reload_ok);
  void BuildApi();
  bool Listen(const Config& config);
  void Serve(int threads);

  // The timer-driven jobs: group timers, heartbeats, Alertmanager reconciliation, retention.
  Status BuildJobs(const Config& config);
  void StartJobs();
  void StopJobs();

  void WatchSignals();
  void Shutdown();

  const CliOptions options_;
  // Connections may outlive the server until the io_context goes: what they use comes first.
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  Router router_;
  // Before every timer and socket below, so that it outlives them.
  boost::asio::io_context ioc_;
  SystemClock clock_;
  AsioScheduler scheduler_{ioc_.get_executor()};  // every periodic job's timers, on the I/O threads
  std::unique_ptr<RuntimeConfigHolder> runtime_;
  std::atomic<bool> ready_{false};
  MetricsExposer exposer_;

  std::unique_ptr<Store> store_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<GroupTimers> timers_;
  std::unique_ptr<HeartbeatMonitor> heartbeats_;
  std::unique_ptr<AlarmPurger> purger_;
  std::unique_ptr<RetentionJob> retention_;  // its batches run on maintenance_
  std::unique_ptr<AlertmanagerReconciler> reconciler_;  // its passes run on maintenance_
  std::unique_ptr<HttpApi> api_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<ConfigReloader> reloader_;  // its parts use the jobs and the server

  boost::asio::signal_set signals_{ioc_};
  boost::asio::thread_pool maintenance_{1};  // slow scans stay off the I/O threads
  std::atomic<bool> stopping_{false};
};

}  // namespace alarmgate
