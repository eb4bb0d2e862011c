#pragma once
// The on-disk value of an incident: a JSON object with a leading format version, readable by eye
// (ldb). Enumerations are stored by their seed keys. The key is the incident number.

#include <string>
#include <string_view>

#include "core/status.h"
#include "incidents/incident.h"

namespace alarmgate {

class IncidentCodec {
 public:
  static constexpr int kVersion = 1;

  static std::string Encode(const Incident& incident);
  // `key` is the incident number the value was stored under; it names the incident in errors.
  // Internal when the value is not an incident this build can read.
  static Result<Incident> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
