// Reconciliation passes: list the integration's firing alarms, fetch what Alertmanager holds,
// ingest an ok for each alarm it dropped; a 500 ms timer posts due passes to the worker pool.

#include "pipeline/alertmanager_reconciler.h"

#include <simdjson.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <future>
#include <memory>

#include "core/json_writer.h"
#include "core/logger.h"
#include "pipeline/heartbeat_monitor.h"
#include "sources/alertmanager_client.h"
#include "sources/alertmanager_payload_parser.h"

namespace alarmgate {
namespace {

constexpr size_t kPageSize = 500;
// Resolves per IngestService batch: one atomic write each.
constexpr size_t kIngestBatch = 100;
constexpr char kDefault[] = "default";

// alarmName of a stored event body: a COC-shaped body's alarmName, an Alertmanager alert's
// labels.alertname, else "".
std::string NameFromBody(simdjson::dom::element body) {
  std::string_view name;
  if (!body["alarmName"].get_string().get(name) && !name.empty()) return std::string(name);
  if (!body["labels"]["alertname"].get_string().get(name)) return std::string(name);
  return "";
}

}  // namespace

Alarm AlertmanagerReconciler::ResolveAlarm(const AlarmRecord& record, int64_t now_ms) {
  Alarm a;
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  const bool body_ok = !parser.parse(record.last_event_json).get(body);
  bool parsed = false;
  if (body_ok) {
    // The last alert re-read as Alertmanager sent it: the same nameSpace, applicationId, resource
    // and labels, so the ok matches the same rules and lands in the same groups as the alarm.
    const std::string wrapped = "{\"alerts\":[" + record.last_event_json + "]}";
    simdjson::dom::parser payload_parser;
    simdjson::dom::element payload;
    if (!payload_parser.parse(wrapped).get(payload)) {
      auto alarms = ParseAlertmanagerPayload(payload, record.integration, {});
      if (alarms.ok() && alarms->size() == 1) {
        a = std::move((*alarms)[0]);
        parsed = true;
      }
    }
  }
  if (!parsed) {
    a.alarm_name = body_ok ? NameFromBody(body) : "";
    if (a.alarm_name.empty()) a.alarm_name = record.alarm_id;
    a.name_space = kDefault;
    a.application_id = kDefault;
  }
  a.integration = record.integration;
  a.alarm_id = record.alarm_id;
  a.level = record.level;
  // Never older than what is stored, or the ok would be stale and change nothing.
  a.time_ms = std::max(now_ms, record.last_event_time_ms + 1);
  a.status = AlarmStatus::kOk;
  a.alarm_source = "alertmanager";
  a.alarm_desc = kAlarmDesc;
  JsonWriter w;
  // clang-format off
  w.BeginObject()
      .Key("alarmId").String(a.alarm_id)
      .Key("alarmName").String(a.alarm_name)
      .Key("alarmLevel").String(ToString(a.level))
      .Key("alarmStatus").String(ToString(a.status))
      .Key("time").Int(a.time_ms)
      .Key("alarmSource").String(a.alarm_source)
      .Key("alarmDesc").String(a.alarm_desc)
      .Key("reconciled").Bool(true)
      .EndObject();
  // clang-format on
  a.body_json = w.Take();
  return a;
}

AlertmanagerReconciler::AlertmanagerReconciler(Scheduler& scheduler,
                                               boost::asio::any_io_executor passes, Store& store,
                                               IngestService& ingest, const Clock& clock,
                                               prometheus::Registry& registry, FetchFn fetch)
    : passes_(std::move(passes)),
      store_(store),
      ingest_(ingest),
      clock_(clock),
      fetch_(std::move(fetch)),
      runs_(prometheus::BuildCounter()
                .Name("alarmgate_reconcile_runs_total")
                .Help("Alertmanager reconciliation passes, by integration and result (ok|error)")
                .Register(registry)),
      resolved_(prometheus::BuildCounter()
                    .Name("alarmgate_reconcile_resolved_total")
                    .Help("Alarms resolved because their Alertmanager no longer had the alert")
                    .Register(registry)),
      timer_(scheduler.CreateTimer([this] { Tick(); })) {
  if (!fetch_) {
    fetch_ = [](const std::string& url) { return FetchAlertFingerprints(url, kFetchTimeout); };
  }
}

AlertmanagerReconciler::~AlertmanagerReconciler() {
  Stop();
  // A pass posted to the pool refers to this object: wait until it has run or been dropped.
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return in_flight_ == 0; });
}

prometheus::Counter& AlertmanagerReconciler::Runs(const std::string& integration,
                                                  const std::string& result) {
  return runs_.Add({{"integration", integration}, {"result", result}});
}

void AlertmanagerReconciler::SetTargets(std::vector<Target> targets) {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, Scheduled> next;
  for (auto& t : targets) {
    if (t.every_s <= 0) t.every_s = 60;
    Scheduled s;
    auto old = targets_.find(t.integration);
    if (old != targets_.end() && old->second.target.url == t.url &&
        old->second.target.every_s == t.every_s) {
      s.next_due = old->second.next_due;
    }
    // Seen by the metrics from the start, so an alert on the error rate has a series to watch.
    Runs(t.integration, "ok");
    Runs(t.integration, "error");
    resolved_.Add({{"integration", t.integration}});
    s.target = std::move(t);
    std::string name = s.target.integration;
    next.emplace(std::move(name), std::move(s));
  }
  // A pass running for a target that is dropped or changed just finishes; its result is kept.
  for (auto& [name, s] : next) {
    auto old = targets_.find(name);
    if (old != targets_.end()) s.running = old->second.running;
  }
  targets_ = std::move(next);
}

void AlertmanagerReconciler::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (started_ || stopped_) return;
    started_ = true;
  }
  ScheduleTick();
}

void AlertmanagerReconciler::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  timer_->Cancel();
}

void AlertmanagerReconciler::ScheduleTick() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  timer_->ArmAfter(kTickEvery);
}

void AlertmanagerReconciler::Tick() {
  std::vector<Target> due;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    const Clock::SteadyTime now = clock_.SteadyNow();
    for (auto& [name, s] : targets_) {
      if (s.running || now < s.next_due) continue;
      s.running = true;
      ++in_flight_;
      due.push_back(s.target);
    }
  }
  // Posted without holding mu_: the guard's release takes it.
  for (Target& target : due) {
    // Released whether the pool runs the pass or drops it (a stopped pool).
    auto guard = std::shared_ptr<void>(nullptr, [this, name = target.integration](void*) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = targets_.find(name);
      if (it != targets_.end()) {
        it->second.running = false;
        it->second.next_due = clock_.SteadyNow() + std::chrono::seconds(it->second.target.every_s);
      }
      --in_flight_;
      idle_.notify_all();
    });
    boost::asio::post(passes_, [this, target = std::move(target), guard = std::move(guard)] {
      (void)ReconcileOnce(target);  // logged and counted inside
    });
  }
  ScheduleTick();
}

Result<std::vector<AlarmRecord>> AlertmanagerReconciler::ListFiring(
    const std::string& integration) {
  std::vector<AlarmRecord> out;
  AlarmQuery query;
  query.status = AlarmStatus::kAlarm;
  query.integration = integration;
  query.limit = kPageSize;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<AlarmRecord> page, store_.alarms().List(query));
    if (page.empty()) break;
    query.marker = page.back().fingerprint;
    const bool last = page.size() < kPageSize;
    for (auto& r : page) {
      // alarmgate's own heartbeat alarm never came from Alertmanager.
      if (r.alarm_id != HeartbeatMonitor::kAlarmId) out.push_back(std::move(r));
    }
    if (last) break;
  }
  return out;
}

Status AlertmanagerReconciler::IngestAndWait(std::vector<Alarm> alarms, size_t* resolved) {
  std::promise<Result<std::vector<IngestOutcome>>> promise;
  auto future = promise.get_future();
  ingest_.Ingest(std::move(alarms), [&promise](Result<std::vector<IngestOutcome>> r) {
    promise.set_value(std::move(r));
  });
  Result<std::vector<IngestOutcome>> outcomes = future.get();
  if (!outcomes.ok()) return outcomes.status();
  for (const auto& o : *outcomes) {
    if (IsTransition(o.verdict)) ++*resolved;
  }
  return Status::Ok();
}

Result<size_t> AlertmanagerReconciler::ReconcileOnce(const Target& target) {
  const std::string& name = target.integration;
  auto fail = [&](const Status& s, std::string_view step) -> Status {
    LogWarn("reconcile_failed", {{"integration", name}, {"step", step}, {"error", s.message()}});
    Runs(name, "error").Increment();
    return s;
  };
  // Firing alarms first, then Alertmanager: an alarm listed here was notified, so Alertmanager
  // held it before the fetch starts; the other order could clear an alert that fired in between.
  auto firing = ListFiring(name);
  if (!firing.ok()) return fail(firing.status(), "list");
  auto held = fetch_(target.url);
  if (!held.ok()) return fail(held.status(), "fetch");

  size_t resolved = 0;
  std::vector<Alarm> batch;
  const int64_t now = clock_.NowMs();
  for (const AlarmRecord& r : *firing) {
    if (held->count(r.alarm_id)) continue;
    batch.push_back(ResolveAlarm(r, now));
    if (batch.size() == kIngestBatch) {
      if (Status s = IngestAndWait(std::move(batch), &resolved); !s.ok()) return fail(s, "ingest");
      batch.clear();
    }
  }
  if (!batch.empty()) {
    if (Status s = IngestAndWait(std::move(batch), &resolved); !s.ok()) return fail(s, "ingest");
  }
  Runs(name, "ok").Increment();
  if (resolved > 0) {
    resolved_.Add({{"integration", name}}).Increment(static_cast<double>(resolved));
    LogInfo("reconciled", {{"integration", name}, {"resolved", resolved}});
  }
  return resolved;
}

}  // namespace alarmgate
