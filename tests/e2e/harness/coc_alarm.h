#pragma once
// COC custom-integration alarm bodies (seed 003 §4.4.2, table 4-84) for e2e requests.

#include <cstdint>
#include <string>

namespace alarmgate::e2e {

// The seed's request example, byte for byte.
extern const char* const kSeedExampleBody;
inline constexpr const char* kSeedAlarmId = "18cfxxxxxxxx0f8";
inline constexpr int64_t kSeedTime = 1709118444540;

struct CocAlarm {
  std::string alarm_id = kSeedAlarmId;
  std::string alarm_name = "Cpu usage over quota";
  std::string alarm_level = "Critical";
  int64_t time = kSeedTime;
  std::string alarm_status = "alarm";
  std::string additional_json = "{}";  // raw JSON

  // All required fields plus the optional ones the seed example shows.
  std::string ToJson() const;
};

// The path that ingests COC alarms for `key`.
std::string CocPath(const std::string& key);

}  // namespace alarmgate::e2e
