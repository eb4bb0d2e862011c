#pragma once
// Alertmanager reconciliation: every every_s, read which alerts an Alertmanager still holds and
// send an `ok` for each alarm of that integration it no longer has, so an incident never stays
// open because a resolve notification was lost. The ok goes through the usual ingest pipeline
// (dedup, rules), so incidents auto-resolve as for a real resolve.

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "alarms/alarm.h"
#include "alarms/alarm_record.h"
#include "core/clock.h"
#include "core/scheduler.h"
#include "core/status.h"
#include "pipeline/ingest_service.h"
#include "storage/store.h"

namespace alarmgate {

class AlertmanagerReconciler {
 public:
  struct Target {
    std::string integration;  // the integration's name
    std::string url;          // Alertmanager base URL, e.g. http://127.0.0.1:9093
    int64_t every_s = 60;
  };
  // Blocking: the fingerprints of every alert the Alertmanager at `url` holds.
  using FetchFn = std::function<Result<std::set<std::string>>(const std::string& url)>;

  static constexpr char kAlarmDesc[] =
      "resolved by reconciliation: Alertmanager no longer has this alert";
  // How long one fetch may take (the default FetchFn).
  static constexpr std::chrono::milliseconds kFetchTimeout{10000};

  // How often due targets are looked for; every_s is in whole seconds.
  static constexpr std::chrono::milliseconds kTickEvery{500};

  // `fetch` defaults to FetchAlertFingerprints(url, kFetchTimeout). Fetches and the waits for
  // their commits run on `passes` (a worker pool), never on the scheduler's I/O threads, which
  // only run the tick.
  AlertmanagerReconciler(Scheduler& scheduler, boost::asio::any_io_executor passes, Store& store,
                         IngestService& ingest, const Clock& clock, prometheus::Registry& registry,
                         FetchFn fetch = {});
  // Waits for passes posted to `passes` to run (or be dropped): join the pool before, or keep it
  // alive until, this is destroyed.
  ~AlertmanagerReconciler();
  AlertmanagerReconciler(const AlertmanagerReconciler&) = delete;
  AlertmanagerReconciler& operator=(const AlertmanagerReconciler&) = delete;

  // At startup and on reload: the integrations to reconcile (alertmanager format, enabled, with
  // `reconcile`). A target whose url and every_s are unchanged keeps its schedule; a new or
  // changed one runs at the next tick.
  void SetTargets(std::vector<Target> targets);
  void Start();
  // Stops the timer; a pass already running on the pool finishes (its ingest fails fast once the
  // committer is stopped).
  void Stop();

  // One pass for `target`, on the calling thread (blocks on the fetch and on the commit): the
  // number of alarms resolved. On a fetch error nothing is cleared and the error is returned.
  Result<size_t> ReconcileOnce(const Target& target);

  // The `ok` event for a stored alarm Alertmanager no longer has. The alarm's fields come from its
  // last Alertmanager alert when it parses (so rules match and group it as before), else from the
  // record; time is now (or just after the last event, so it is never stale).
  static Alarm ResolveAlarm(const AlarmRecord& record, int64_t now_ms);

 private:
  struct Scheduled {
    Target target;
    Clock::SteadyTime next_due{};  // monotonic: a wall-clock step neither skips nor floods
    bool running = false;
  };
  void ScheduleTick();
  void Tick();
  void RunOnPool(Target target);
  Result<std::vector<AlarmRecord>> ListFiring(const std::string& integration);
  Status IngestAndWait(std::vector<Alarm> alarms, size_t* resolved);
  prometheus::Counter& Runs(const std::string& integration, const std::string& result);

  boost::asio::any_io_executor passes_;
  Store& store_;
  IngestService& ingest_;
  const Clock& clock_;
  FetchFn fetch_;
  prometheus::Family<prometheus::Counter>& runs_;
  prometheus::Family<prometheus::Counter>& resolved_;

  std::mutex mu_;
  std::map<std::string, Scheduled> targets_;  // by integration name
  int in_flight_ = 0;                         // passes posted to the pool and not yet done
  std::condition_variable idle_;
  bool started_ = false;
  bool stopped_ = false;
  // Last: destroyed first, so a running Tick() never outlives the members it uses.
  std::unique_ptr<Timer> timer_;
};

}  // namespace alarmgate
