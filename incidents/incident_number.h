#pragma once
// Incident numbers: "IM" + 24 digits (seed 003: IM202403221515060171753781), unique and increasing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alarmgate {

// The largest sequence that fits the 10 digits FormatIncidentNum gives it.
inline constexpr uint64_t kMaxIncidentSequence = 9'999'999'999;

// "IM" + the sequence in 10 digits + the UTC time in 14 (yyyyMMddHHmmss), e.g. sequence 42 at
// 2024-03-22 15:15:06 → "IM0000000042" "20240322151506".
//
// The seed puts the time first, but then a clock stepped back (NTP, a VM restore) would issue a
// number smaller than the previous one. Here the sequence — persisted by storage, so it survives
// restarts — comes first and alone decides the order: numbers increase with it whatever the clock
// does, and as long as it is unique they are. The time is informative, and keeps numbers issued
// after a data directory was wiped (sequence back at 1) distinct from the earlier ones.
// `sequence` must be in 1..kMaxIncidentSequence (storage refuses beyond); `now_ms` is clamped to
// years 1970..9999.
std::string FormatIncidentNum(uint64_t sequence, int64_t now_ms);

// True for "IM" followed by exactly 24 ASCII digits.
bool IsIncidentNum(std::string_view text);

// The sequence FormatIncidentNum encoded in `incident_num`, or nullopt if it is not one.
std::optional<uint64_t> IncidentSequenceOf(std::string_view incident_num);

}  // namespace alarmgate
