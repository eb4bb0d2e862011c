#pragma once
// The on-disk value of an alarm record: a JSON object with a leading format version, so that a
// record stays readable by eye (ldb) and a later format can be told apart. The key is the
// fingerprint.

#include <string>
#include <string_view>

#include "alarms/alarm_record.h"
#include "core/status.h"

namespace alarmgate {

class AlarmRecordCodec {
 public:
  static constexpr int kVersion = 1;

  // `record.last_event_json` and `record.last_decision_json` must be valid JSON (or empty); they
  // are embedded as raw values.
  static std::string Encode(const AlarmRecord& record);
  // `key` is the fingerprint the value was stored under; it names the record in errors.
  // Internal when the value is not a record this build can read.
  static Result<AlarmRecord> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
