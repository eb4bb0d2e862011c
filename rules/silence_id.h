#pragma once
// API silence ids: "S" + the silence sequence zero-padded to 12 digits, so they sort by creation.
// Storage keeps the sequence; the id and its limit are the domain's.

#include <cstdint>
#include <cstdio>
#include <string>

namespace alarmgate {

// The largest sequence that fits the 12 digits of an id.
inline constexpr uint64_t kMaxSilenceSequence = 999'999'999'999;

// `sequence` must be in 1..kMaxSilenceSequence.
inline std::string FormatSilenceId(uint64_t sequence) {
  char id[32];
  std::snprintf(id, sizeof(id), "S%012llu", static_cast<unsigned long long>(sequence));
  return id;
}

}  // namespace alarmgate
