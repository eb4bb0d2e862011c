#pragma once
// The on-disk value of one timeline entry: a JSON object with a leading format version. The key
// (incident number + global sequence) is the store's.

#include <string>
#include <string_view>

#include "core/status.h"
#include "incidents/timeline_entry.h"

namespace alarmgate {

class TimelineEntryCodec {
 public:
  static constexpr int kVersion = 1;

  static std::string Encode(const TimelineEntry& entry);
  // `key` names the entry in errors. Internal when the value is not an entry this build can read.
  static Result<TimelineEntry> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
