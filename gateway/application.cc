#include "gateway/application.h"

#include <pthread.h>

#include <csignal>
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

constexpr auto kPurgeEvery = std::chrono::hours(1);
constexpr auto kFirstPurgeAfter = std::chrono::seconds(30);

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

// The alertmanager integrations with `reconcile` (CONTRACT §10).
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

// What a reload changes beyond the snapshot, each prepared before the swap and applied after it.
void Application::BuildReloader() {
  reloader_ = std::make_unique<ConfigReloader>([this] { return LoadConfiguration(options_); },
                                               *runtime_, *reload_ok_);
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

void Application::AddRoutes() {
  admin_handler_->RegisterRoutes(router_, *auth_);
  ingest_handler_->RegisterRoutes(router_);
  pagerduty_handler_->RegisterRoutes(router_);
  alarms_handler_->RegisterRoutes(router_, *auth_);
  incidents_handler_->RegisterRoutes(router_, *auth_);
  silences_handler_->RegisterRoutes(router_, *auth_);
  rules_handler_->RegisterRoutes(router_, *auth_);
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
  purge_timer_.cancel();
  timers_->Stop();
  heartbeats_->Stop();
  reconciler_->Stop();
  server_->Shutdown([this] {
    // Every request has been answered: what was acknowledged is committed; flush the rest.
    committer_->Stop();
    signals_.cancel();
    ioc_.stop();
  });
}

void Application::SchedulePurge(std::chrono::milliseconds delay) {
  purge_timer_.expires_after(delay);
  purge_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_.load()) return;
    boost::asio::post(maintenance_, [this] { Purge(); });
    SchedulePurge(kPurgeEvery);
  });
}

void Application::Purge() {
  const int64_t retention_days = runtime_->config().Get()->storage.retention_days;
  purger_->PurgeOnce(retention_days, [this](Result<size_t> deleted) {
    if (!deleted.ok()) {
      LogError("purge_failed", {{"error", deleted.status().message()}});
      return;
    }
    if (*deleted > 0) LogInfo("purged", {{"alarms", *deleted}});
    // A full batch means there may be more: go on without waiting an hour.
    if (*deleted == AlarmPurger::kBatch && !stopping_.load()) {
      boost::asio::post(maintenance_, [this] { Purge(); });
    }
  });
}

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

  auto store = RocksDbStore::Open(config.storage.data_dir);
  if (!store.ok()) {
    LogError("storage_open_failed",
             {{"data_dir", config.storage.data_dir}, {"error", store.status().message()}});
    return 1;
  }
  store_ = std::move(*store);

  registry_owner_ = std::make_shared<prometheus::Registry>();
  registry_ = registry_owner_.get();
  prometheus::BuildGauge()
      .Name("alarmgate_build_info")
      .Help("Build information; the value is always 1")
      .Register(*registry_)
      .Add({{"version", kVersion}})
      .Set(1);
  reload_ok_ = &prometheus::BuildGauge()
                    .Name("alarmgate_config_last_reload_successful")
                    .Help("1 if the last configuration load succeeded")
                    .Register(*registry_)
                    .Add({});
  reload_ok_->Set(1);
  exposer_.Add(registry_owner_);
  exposer_.Add(std::make_shared<ProcessCollector>());
  exposer_.Add(std::make_shared<ScrapeGauge>(
      "alarmgate_storage_bytes", "Approximate bytes of storage on disk",
      [store = store_.get()] { return static_cast<double>(store->ApproximateBytes()); }));

  committer_ = std::make_unique<GroupCommitter>(*store_, config.storage.durability, *registry_);
  incidents_ = std::make_unique<IncidentService>(*store_, *committer_, clock_, *registry_);
  silences_ = std::make_unique<SilencesHolder>(std::make_shared<const std::vector<Silence>>());
  silence_service_ = std::make_unique<SilenceService>(*store_, *committer_, clock_, *silences_);
  applier_ = std::make_unique<RuleApplier>(*incidents_, runtime_->rules(), *silences_, *registry_);
  timers_ = std::make_unique<GroupTimers>(ioc_, *committer_, *applier_, clock_);
  applier_->SetArmTimer(
      [timers = timers_.get()](const std::string& key, int64_t due) { timers->Arm(key, due); });
  for (Status s : {incidents_->LoadGauges(), silence_service_->Load(),
                   timers_->LoadFrom(*store_, runtime_->rules())}) {
    if (!s.ok()) {
      LogError("storage_read_failed", {{"error", s.message()}});
      return 1;
    }
  }
  ingest_ = std::make_unique<IngestService>(*store_, *committer_, *applier_, clock_, *registry_);
  if (Status s = ingest_->LoadGauges(); !s.ok()) {
    LogError("storage_read_failed", {{"error", s.message()}});
    return 1;
  }
  limiter_ = std::make_unique<RateLimiter>(clock_);
  heartbeats_ = std::make_unique<HeartbeatMonitor>(ioc_, *ingest_, clock_);
  heartbeats_->SetTimeouts(HeartbeatTimeouts(config));
  if (Status s = heartbeats_->Load(*store_); !s.ok()) {
    LogError("storage_read_failed", {{"error", s.message()}});
    return 1;
  }
  purger_ = std::make_unique<AlarmPurger>(*store_, *committer_, clock_);
  reconciler_ = std::make_unique<AlertmanagerReconciler>(ioc_, maintenance_, *store_, *ingest_,
                                                         clock_, *registry_);
  reconciler_->SetTargets(ReconcileTargets(config));

  auth_ = std::make_unique<ManagementAuth>(runtime_->config());
  ingest_handler_ =
      std::make_unique<IngestHandler>(runtime_->config(), *ingest_, *limiter_, *heartbeats_);
  pagerduty_handler_ = std::make_unique<PagerDutyHandler>(
      runtime_->config(), *ingest_, *limiter_, *heartbeats_, *incidents_, store_->alarms(), clock_);
  alarms_handler_ = std::make_unique<AlarmsHandler>(store_->alarms());
  incidents_handler_ = std::make_unique<IncidentsHandler>(*incidents_, store_->incidents());
  silences_handler_ =
      std::make_unique<SilencesHandler>(*silence_service_, *silences_, runtime_->rules(), clock_);
  rules_handler_ = std::make_unique<RulesHandler>(runtime_->rules(), *silences_, clock_);
  admin_handler_ = std::make_unique<AdminHandler>(
      exposer_, ready_, [this] { return committer_->WriteRefusal(); },
      [this] { return reloader_->Reload(); });
  AddRoutes();
  BuildReloader();

  server_ = std::make_unique<HttpServer>(ioc_, router_, ToServerOptions(config.server), *registry_);
  auto port = server_->Listen(config.server.listen_host, config.server.listen_port);
  if (!port.ok()) {
    LogError("listen_failed", {{"address", config.server.listen_host},
                               {"port", config.server.listen_port},
                               {"error", port.status().message()}});
    committer_->Stop();
    return 1;
  }
  LogIntegrations(config);

  signals_.add(SIGTERM);
  signals_.add(SIGINT);
  signals_.add(SIGHUP);
  WatchSignals();
  SchedulePurge(kFirstPurgeAfter);
  heartbeats_->Start();
  reconciler_->Start();
  ready_.store(true);

  const int threads = config.server.threads > 0
                          ? config.server.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  auto run_io = [this] {
    pthread_setname_np(pthread_self(), "ag-io");  // shown by top -H and perf
    ioc_.run();
  };
  for (int i = 1; i < threads; ++i) pool.emplace_back(run_io);
  run_io();
  for (auto& t : pool) t.join();

  maintenance_.join();
  committer_->Stop();
  store_.reset();  // closes RocksDB cleanly
  LogInfo("stopped");
  return 0;
}

}  // namespace alarmgate
