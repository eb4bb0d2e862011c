#include "gateway/application.h"

#include <pthread.h>

#include <csignal>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "core/logger.h"
#include "core/version.h"
#include "gateway/configuration.h"
#include "metrics/process_collector.h"
#include "metrics/scrape_gauge.h"
#include "storage/rocksdb/rocksdb_store.h"

namespace alarmgate {
namespace {


ServerOptions ToServerOptions(const ServerConfig& s) {
  ServerOptions o;
  o.body_limit_bytes = s.body_limit_bytes;
  o.header_limit_bytes = s.header_limit_bytes;
  o.read_timeout_ms = s.read_timeout_ms;
  o.idle_timeout_ms = s.idle_timeout_ms;
  o.max_connections = s.max_connections;
  o.shutdown_grace_ms = s.shutdown_grace_ms;
  return o;
}

std::map<std::string, int64_t> HeartbeatTimeouts(const Config& config) {
  std::map<std::string, int64_t> timeouts;
  for (const auto& i : config.integrations) timeouts[i.name] = i.enabled ? i.heartbeat_timeout_s : 0;
  return timeouts;
}

// The alertmanager integrations with `reconcile` (contract §10).
std::vector<AlertmanagerReconciler::Target> ReconcileTargets(const Config& config) {
  std::vector<AlertmanagerReconciler::Target> targets;
  for (const auto& i : config.integrations) {
    if (i.enabled && i.format == IntegrationFormat::kAlertmanager && i.reconcile) {
      targets.push_back({i.name, i.reconcile->url, i.reconcile->every_s});
    }
  }
  return targets;
}

// The listener, the I/O threads and storage are set up once: a reload that changes them says
// they wait for a restart.
Result<ConfigReloader::Apply> WarnOfRestartOnlyChanges(const RuntimeConfig& next,
                                                       const RuntimeConfig& current) {
  const Config& now = *next.config;
  const Config& old = *current.config;
  if (now.server.listen_host == old.server.listen_host &&
      now.server.listen_port == old.server.listen_port &&
      now.server.threads == old.server.threads && now.storage.data_dir == old.storage.data_dir &&
      now.storage.durability == old.storage.durability) {
    return ConfigReloader::Apply();
  }
  return ConfigReloader::Apply([] {
    LogWarn("config_reload_partial",
            {{"msg", "server.listen, server.threads and storage.* take effect on restart"}});
  });
}

}  // namespace

Application::Application(CliOptions options) : options_(std::move(options)) {}

Application::~Application() { maintenance_.join(); }

int Application::Run() {
  LoadedConfiguration loaded = LoadConfiguration(options_);
  if (!loaded.loaded) {
    for (const auto& p : loaded.problems) LogError("config_invalid", {{"problem", p}});
    return 1;
  }
  const auto initial = std::make_shared<const RuntimeConfig>(std::move(*loaded.loaded));
  const Config& config = *initial->config;
  Logger::Get().Configure(config.log.level, config.log.format);
  if (!options_.config_file) {
    LogInfo("no_config", {{"msg", "no --config given: serving defaults with no integrations"}});
  }
  runtime_ = std::make_unique<RuntimeConfigHolder>(initial);

  if (!OpenStorage(config)) return 1;
  prometheus::Gauge& last_reload_ok = BuildMetrics();
  if (Status s = BuildServices(config); !s.ok()) {
    LogError("storage_read_failed", {{"error", s.message()}});
    return 1;
  }
  BuildReloader(last_reload_ok);
  BuildApi();
  if (!Listen(config)) return 1;
  LogIntegrations(config);

  signals_.add(SIGTERM);
  signals_.add(SIGINT);
  signals_.add(SIGHUP);
  WatchSignals();
  StartJobs();
  ready_.store(true);
  Serve(config.server.threads);

  maintenance_.join();
  services_->committer->Stop();
  store_.reset();  // closes RocksDB cleanly
  LogInfo("stopped");
  return 0;
}

bool Application::OpenStorage(const Config& config) {
  auto store = RocksDbStore::Open(config.storage.data_dir);
  if (!store.ok()) {
    LogError("storage_open_failed",
             {{"data_dir", config.storage.data_dir}, {"error", store.status().message()}});
    return false;
  }
  store_ = std::move(*store);
  return true;
}

// The process's own metrics; the components register theirs as they are built.
prometheus::Gauge& Application::BuildMetrics() {
  prometheus::BuildGauge()
      .Name("alarmgate_build_info")
      .Help("Build information; the value is always 1")
      .Register(*registry_)
      .Add({{"version", kVersion}})
      .Set(1);
  prometheus::Gauge& last_reload_ok = prometheus::BuildGauge()
                                          .Name("alarmgate_config_last_reload_successful")
                                          .Help("1 if the last configuration load succeeded")
                                          .Register(*registry_)
                                          .Add({});
  last_reload_ok.Set(1);
  exposer_.Add(registry_);
  exposer_.Add(std::make_shared<ProcessCollector>());
  exposer_.Add(std::make_shared<ScrapeGauge>(
      "alarmgate_storage_bytes", "Approximate bytes of storage on disk",
      [store = store_.get()] { return static_cast<double>(store->ApproximateBytes()); }));
  return last_reload_ok;
}

Status Application::BuildServices(const Config& config) {
  ASSIGN_OR_RETURN(services_,
                   Services::Open(*store_, config, runtime_->rules(), clock_, *registry_));
  return BuildJobs(config);
}

// What a reload changes beyond the snapshot, each prepared before the swap and applied after it.
void Application::BuildReloader(prometheus::Gauge& last_reload_ok) {
  reloader_ = std::make_unique<ConfigReloader>([this] { return LoadConfiguration(options_); },
                                               *runtime_, last_reload_ok);
  reloader_->AddPart("restart_only", WarnOfRestartOnlyChanges);
  reloader_->AddPart("heartbeats", [this](const RuntimeConfig& next, const RuntimeConfig&) {
    return ConfigReloader::Apply(
        [this, timeouts = HeartbeatTimeouts(*next.config)] { heartbeats_->SetTimeouts(timeouts); });
  });
  reloader_->AddPart("reconciler", [this](const RuntimeConfig& next, const RuntimeConfig&) {
    return ConfigReloader::Apply([this, targets = ReconcileTargets(*next.config)]() mutable {
      reconciler_->SetTargets(std::move(targets));
    });
  });
  // Changed for_s or resolve_delay_s values move pending holds: the due times under the new
  // rules are read now, so that a storage error refuses the reload, and armed once they are in
  // force. A group whose hold starts in between arms itself under the old rules.
  reloader_->AddPart(
      "group_timers",
      [this](const RuntimeConfig& next, const RuntimeConfig&) -> Result<ConfigReloader::Apply> {
        ASSIGN_OR_RETURN(auto due_times, GroupTimers::DueTimes(*store_, *next.rules));
        return ConfigReloader::Apply([this, due_times = std::move(due_times)] {
          for (const auto& [key, due] : due_times) timers_->Arm(key, due);
        });
      });
  reloader_->AddPart("server", [this](const RuntimeConfig& next, const RuntimeConfig&) {
    return ConfigReloader::Apply([this, options = ToServerOptions(next.config->server)] {
      server_->UpdateOptions(options);
    });
  });
  reloader_->AddPart("logger", [](const RuntimeConfig& next, const RuntimeConfig&) {
    return ConfigReloader::Apply(
        [log = next.config->log] { Logger::Get().Configure(log.level, log.format); });
  });
}

void Application::BuildApi() {
  api_ = std::make_unique<HttpApi>(*runtime_, *store_, *services_, *heartbeats_, clock_, exposer_,
                                   ready_, [this] { return reloader_->Reload(); });
  api_->RegisterRoutes(router_);
}

bool Application::Listen(const Config& config) {
  server_ = std::make_unique<HttpServer>(ioc_, router_, ToServerOptions(config.server), *registry_);
  auto port = server_->Listen(config.server.listen_host, config.server.listen_port);
  if (!port.ok()) {
    LogError("listen_failed", {{"address", config.server.listen_host},
                               {"port", config.server.listen_port},
                               {"error", port.status().message()}});
    services_->committer->Stop();
    return false;
  }
  return true;
}

// Runs the io_context on `threads` threads (0: one per core), this one included, until Shutdown
// stops it.
void Application::Serve(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  auto run_io = [this] {
    pthread_setname_np(pthread_self(), "ag-io");  // shown by top -H and perf
    ioc_.run();
  };
  for (int i = 1; i < threads; ++i) pool.emplace_back(run_io);
  run_io();
  for (auto& t : pool) t.join();
}

Status Application::BuildJobs(const Config& config) {
  Services& s = *services_;
  timers_ = std::make_unique<GroupTimers>(scheduler_, *s.committer, *s.applier, clock_);
  s.applier->SetArmTimer(
      [timers = timers_.get()](const std::string& key, int64_t due) { timers->Arm(key, due); });
  RETURN_IF_ERROR(timers_->LoadFrom(*store_, runtime_->rules()));
  heartbeats_ = std::make_unique<HeartbeatMonitor>(scheduler_, *s.ingest, clock_);
  heartbeats_->SetTimeouts(HeartbeatTimeouts(config));
  RETURN_IF_ERROR(heartbeats_->Load(*store_));
  purger_ = std::make_unique<AlarmPurger>(*store_, *s.committer, clock_);
  retention_ = std::make_unique<RetentionJob>(
      scheduler_, maintenance_.get_executor(),
      std::bind_front(&AlarmPurger::PurgeOnce, purger_.get()),
      [this] { return runtime_->config().Get()->storage.retention_days; });
  reconciler_ = std::make_unique<AlertmanagerReconciler>(
      scheduler_, maintenance_.get_executor(), *store_, *s.ingest, clock_, *registry_);
  reconciler_->SetTargets(ReconcileTargets(config));
  return Status::Ok();
}

void Application::StartJobs() {
  retention_->Start();
  heartbeats_->Start();
  reconciler_->Start();
}

void Application::StopJobs() {
  retention_->Stop();
  timers_->Stop();
  heartbeats_->Stop();
  reconciler_->Stop();
}

void Application::WatchSignals() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    if (signo == SIGHUP) {
      LogInfo("signal", {{"signal", "SIGHUP"}});
      (void)reloader_->Reload();  // problems are logged and counted by the reloader
      WatchSignals();
      return;
    }
    LogInfo("signal", {{"signal", signo == SIGTERM ? "SIGTERM" : "SIGINT"}});
    Shutdown();
  });
}

void Application::Shutdown() {
  if (stopping_.exchange(true)) return;
  ready_.store(false);
  StopJobs();
  server_->Shutdown([this] {
    // Every request has been answered: what was acknowledged is committed; flush the rest.
    services_->committer->Stop();
    signals_.cancel();
    ioc_.stop();
  });
}

}  // namespace alarmgate
