#pragma once
// Silences created through the API (POST /v1/silences); silences from rules files live in the
// rules. Expired ones are kept until the retention purge, so GET /v1/silences can show them.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/silence.h"

namespace alarmgate {

// API silence ids are "S" + the sequence zero-padded to 12 digits, so they sort by creation.
inline constexpr uint64_t kMaxSilenceSequence = 999'999'999'999;

inline std::string FormatSilenceId(uint64_t sequence) {
  char id[32];
  std::snprintf(id, sizeof(id), "S%012llu", static_cast<unsigned long long>(sequence));
  return id;
}

class SilenceStore {
 public:
  virtual ~SilenceStore() = default;
  virtual Result<std::optional<Silence>> Get(std::string_view id) = 0;
  // Ordered by id (ids increase with creation).
  virtual Result<std::vector<Silence>> List() = 0;
  // The highest silence sequence ever allocated (0 when none): ids continue after it, also
  // after the newest silence was deleted.
  virtual Result<uint64_t> LastSequence() = 0;
};

}  // namespace alarmgate
