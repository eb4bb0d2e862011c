#pragma once
// Reads a field of an alarm by the name rules use: the wire names of seed table 4-84
// ("alarmName", "resourceId", …), "integration", and "additional.<path>" into the additional
// object (dots walk nested objects; a non-string leaf is its JSON text).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "alarms/alarm.h"

namespace alarmgate {

// nullopt when the field is absent (a missing additional path, an empty optional field).
std::optional<std::string> FieldValue(const Alarm& alarm, std::string_view field);

// Whether `field` names something FieldValue can read (used by the loader to refuse typos).
bool IsKnownField(std::string_view field);

// FieldValue for one alarm with memoization, for matching many rules against the same alarm:
// `additional` is parsed once per distinct path asked for, not once per condition. The views it
// returns live as long as this object and the alarm.
class AlarmFields {
 public:
  explicit AlarmFields(const Alarm& alarm) : alarm_(alarm) {}
  AlarmFields(const AlarmFields&) = delete;
  AlarmFields& operator=(const AlarmFields&) = delete;

  std::optional<std::string_view> Get(std::string_view field);

 private:
  const Alarm& alarm_;
  std::map<std::string, std::optional<std::string>, std::less<>> computed_;
};

}  // namespace alarmgate
