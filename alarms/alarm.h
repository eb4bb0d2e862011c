#pragma once
// One alarm event as every source (COC, Alertmanager, PagerDuty) normalizes it: the fields of
// seed 003 table 4-84, plus the integration it came through.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alarmgate {

enum class AlarmLevel { kCritical, kMajor, kMinor, kInfo };
enum class AlarmStatus { kAlarm, kOk };

inline std::string_view ToString(AlarmLevel l) {
  switch (l) {
    case AlarmLevel::kCritical: return "Critical";
    case AlarmLevel::kMajor: return "Major";
    case AlarmLevel::kMinor: return "Minor";
    case AlarmLevel::kInfo: return "Info";
  }
  return "Info";
}

inline std::optional<AlarmLevel> ParseAlarmLevel(std::string_view s) {
  if (s == "Critical") return AlarmLevel::kCritical;
  if (s == "Major") return AlarmLevel::kMajor;
  if (s == "Minor") return AlarmLevel::kMinor;
  if (s == "Info") return AlarmLevel::kInfo;
  return std::nullopt;
}

inline std::string_view ToString(AlarmStatus s) { return s == AlarmStatus::kAlarm ? "alarm" : "ok"; }

inline std::optional<AlarmStatus> ParseAlarmStatus(std::string_view s) {
  if (s == "alarm") return AlarmStatus::kAlarm;
  if (s == "ok") return AlarmStatus::kOk;
  return std::nullopt;
}

struct Alarm {
  std::string integration;  // the integration's configured name (not its key)
  std::string alarm_id;
  std::string alarm_name;
  AlarmLevel level = AlarmLevel::kInfo;
  int64_t time_ms = 0;
  std::string name_space;
  std::string region_id;
  std::string application_id;
  std::string resource_name;
  std::string resource_id;
  std::string alarm_desc;
  std::string url;
  AlarmStatus status = AlarmStatus::kAlarm;
  std::string alarm_source;
  std::string additional_json = "{}";  // `additional` as received (minified JSON object)
  std::string body_json;               // the whole event as received (minified), kept for GET /v1/alarms
};

}  // namespace alarmgate
