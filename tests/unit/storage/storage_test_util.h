#pragma once
// Helpers shared by the storage tests: a self-deleting temp dir and record construction.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>

#include "alarms/alarm_record.h"

namespace alarmgate::testing {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TEST_TMPDIR");
    std::string tmpl = std::string(base ? base : "/tmp") + "/alarmgate-storage-XXXXXX";
    char* made = ::mkdtemp(tmpl.data());
    path_ = made ? made : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline AlarmRecord MakeRecord(std::string fingerprint, std::string integration = "mon",
                              AlarmStatus status = AlarmStatus::kAlarm,
                              int64_t last_seen_ms = 1000) {
  AlarmRecord r;
  r.fingerprint = std::move(fingerprint);
  r.integration = std::move(integration);
  r.alarm_id = "id-" + r.fingerprint;
  r.status = status;
  r.level = AlarmLevel::kMajor;
  r.first_seen_ms = 500;
  r.last_seen_ms = last_seen_ms;
  r.count = 1;
  r.transition_time_ms = 400;
  r.last_event_time_ms = 450;
  r.last_transition_at_ms = 500;
  r.last_event_json = R"({"alarmId":"id-)" + r.fingerprint + R"("})";
  return r;
}

}  // namespace alarmgate::testing

namespace alarmgate::testing {

// AlarmRecord has no operator==; comparing ties also prints every field on failure.
inline auto Tie(const AlarmRecord& r) {
  return std::tie(r.fingerprint, r.integration, r.alarm_id, r.status, r.level, r.first_seen_ms,
                  r.last_seen_ms, r.count, r.transition_time_ms, r.last_event_time_ms,
                  r.last_transition_at_ms, r.last_event_json, r.incident_num);
}

}  // namespace alarmgate::testing
