#include "pipeline/heartbeat_monitor.h"

#include "alarms/fingerprint.h"
#include "core/json_writer.h"
#include "core/logger.h"

namespace alarmgate {

Alarm HeartbeatMonitor::HeartbeatAlarm(const std::string& integration, int64_t timeout_s,
                                       AlarmStatus status, int64_t now_ms) {
  Alarm a;
  a.integration = integration;
  a.alarm_id = kAlarmId;
  a.alarm_name = "heartbeat missing: " + integration;
  a.level = AlarmLevel::kCritical;
  a.time_ms = now_ms;
  a.name_space = "alarmgate";
  a.application_id = integration;
  a.alarm_desc = status == AlarmStatus::kAlarm
                     ? "no request from integration " + integration + " for more than " +
                           std::to_string(timeout_s) + " s"
                     : "integration " + integration + " is sending again";
  a.status = status;
  a.alarm_source = "alarmgate";
  JsonWriter w;
  w.BeginObject()
      .Key("alarmId").String(a.alarm_id)
      .Key("alarmName").String(a.alarm_name)
      .Key("alarmLevel").String(ToString(a.level))
      .Key("time").Int(a.time_ms)
      .Key("nameSpace").String(a.name_space)
      .Key("applicationId").String(a.application_id)
      .Key("alarmDesc").String(a.alarm_desc)
      .Key("alarmStatus").String(ToString(a.status))
      .Key("alarmSource").String(a.alarm_source)
      .EndObject();
  a.body_json = w.Take();
  return a;
}

void HeartbeatMonitor::SetTimeouts(const std::map<std::string, int64_t>& timeouts_s) {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = clock_.NowMs();
  // An integration removed by a reload is no longer watched (a raised alarm stays until traffic).
  for (auto& [name, w] : watches_) {
    if (!timeouts_s.count(name)) w.timeout_s = 0;
  }
  for (const auto& [name, timeout] : timeouts_s) {
    auto [it, inserted] = watches_.try_emplace(name);
    if (inserted) it->second.last_seen_ms = now;
    it->second.timeout_s = timeout;
  }
}

Status HeartbeatMonitor::Load(Store& store) {
  std::lock_guard<std::mutex> lock(mu_);
  return store.alarms().ForEach([this](const AlarmRecord& r) {
    auto it = watches_.find(r.integration);
    if (it == watches_.end()) return;
    if (r.alarm_id == kAlarmId) {
      it->second.raised = r.status == AlarmStatus::kAlarm;
    } else {
      it->second.last_seen_ms = std::max(it->second.last_seen_ms, r.last_seen_ms);
    }
  });
}

void HeartbeatMonitor::Send(const std::string& integration, int64_t timeout_s,
                            AlarmStatus status) {
  ingest_.Ingest({HeartbeatAlarm(integration, timeout_s, status, clock_.NowMs())},
                 [this, integration, status](Result<std::vector<IngestOutcome>> r) {
                   if (r.ok()) {
                     LogInfo(status == AlarmStatus::kAlarm ? "heartbeat_missing" : "heartbeat_back",
                             {{"integration", integration}});
                     return;
                   }
                   LogError("heartbeat_alarm_failed",
                            {{"integration", integration}, {"error", r.status().message()}});
                   // Not stored: undo, so that the next check or request tries again.
                   std::lock_guard<std::mutex> lock(mu_);
                   auto it = watches_.find(integration);
                   if (it != watches_.end()) it->second.raised = status != AlarmStatus::kAlarm;
                 });
}

void HeartbeatMonitor::Touch(const std::string& integration) {
  int64_t timeout_s = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = watches_.find(integration);
    if (it == watches_.end()) return;
    it->second.last_seen_ms = clock_.NowMs();
    if (!it->second.raised) return;
    it->second.raised = false;
    timeout_s = it->second.timeout_s;
  }
  Send(integration, timeout_s, AlarmStatus::kOk);
}

void HeartbeatMonitor::Check() {
  std::vector<std::pair<std::string, int64_t>> missing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    const int64_t now = clock_.NowMs();
    for (auto& [name, w] : watches_) {
      if (w.timeout_s > 0 && !w.raised && now - w.last_seen_ms > w.timeout_s * 1000) {
        w.raised = true;
        missing.emplace_back(name, w.timeout_s);
      }
    }
  }
  for (const auto& [name, timeout] : missing) Send(name, timeout, AlarmStatus::kAlarm);
  ScheduleCheck();
}

void HeartbeatMonitor::ScheduleCheck() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  timer_->ArmAfter(kCheckEvery);
}

void HeartbeatMonitor::Start() { ScheduleCheck(); }

void HeartbeatMonitor::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  timer_->Cancel();
}

}  // namespace alarmgate
