#pragma once
// Silences created through the API (POST /v1/silences); silences from rules files live in the
// rules. Expired ones are kept until the retention purge, so GET /v1/silences can show them.
// Regex matchers come back as their pattern text (Condition::pattern), not compiled: readers
// compile them (rules/condition_regex.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/silence.h"

namespace alarmgate {

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
