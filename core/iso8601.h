#pragma once
// Parsing of the date-times monitors and rules files carry.

#include <cstdint>
#include <optional>
#include <string_view>

namespace alarmgate {

// Epoch milliseconds of an ISO 8601 / RFC 3339 date-time with a zone: "2026-11-23T10:00:00Z",
// "…T10:00:00.123456789+08:00", and PagerDuty's "2015-07-17T08:42:58.315+0000". Accepts 't' or ' '
// for 'T', 'z' for 'Z', ',' for '.', zones ±hh:mm, ±hhmm, ±hh. Digits beyond milliseconds are
// dropped (rounded toward the past). nullopt when malformed or without a zone. Times before 1970
// give negative values: callers decide whether they are acceptable.
std::optional<int64_t> ParseIso8601Ms(std::string_view text);

}  // namespace alarmgate
