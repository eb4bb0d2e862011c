#pragma once
// Dead-man's switch: an integration with heartbeat_timeout_s N expects a request at least every
// N seconds. When none comes, alarmgate raises its own alarm for that integration,
// which runs through the rules like any other; the integration's next request clears it.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/scheduler.h"
#include "pipeline/ingest_service.h"
#include "storage/store.h"

namespace alarmgate {

class HeartbeatMonitor {
 public:
  static constexpr char kAlarmId[] = "alarmgate-heartbeat";
  // How often silence is looked for: an alarm is raised at the first check after the timeout.
  static constexpr std::chrono::milliseconds kCheckEvery{1000};

  HeartbeatMonitor(Scheduler& scheduler, IngestService& ingest, const Clock& clock)
      : ingest_(ingest), clock_(clock), timer_(scheduler.CreateTimer([this] { Check(); })) {}

  // integration name → heartbeat_timeout_s (0 = none expected); at startup and on reload.
  void SetTimeouts(const std::map<std::string, int64_t>& timeouts_s);
  // Startup: an integration's last request is its newest alarm's last_seen (else now, a fresh
  // grace period), and a heartbeat alarm still firing is known as raised.
  Status Load(Store& store);
  // Every authenticated request of `integration`: clears a raised heartbeat alarm.
  void Touch(const std::string& integration);
  void Start();
  void Stop();

  // The alarm raised (`alarm`) or cleared (`ok`) for `integration`.
  static Alarm HeartbeatAlarm(const std::string& integration, int64_t timeout_s,
                              AlarmStatus status, int64_t now_ms);

 private:
  struct Watch {
    int64_t timeout_s = 0;
    int64_t last_seen_ms = 0;
    bool raised = false;
  };
  void ScheduleCheck();
  void Check();
  void Send(const std::string& integration, int64_t timeout_s, AlarmStatus status);

  IngestService& ingest_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Watch> watches_;
  bool stopped_ = false;
  // Last: destroyed first, so a running Check() never outlives the members it uses.
  std::unique_ptr<Timer> timer_;
};

}  // namespace alarmgate
