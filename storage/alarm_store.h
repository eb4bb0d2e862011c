#pragma once
// Read access to tracked alarms. Writes go through a Transaction (storage/transaction.h) so that
// an alarm transition and everything it causes commit in one atomic batch.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alarms/alarm_record.h"
#include "core/status.h"

namespace alarmgate {

struct AlarmQuery {
  std::optional<AlarmStatus> status;
  std::optional<std::string> integration;
  size_t limit = 100;
  std::string marker;  // the last fingerprint of the previous page; "" = from the start
};

class AlarmStore {
 public:
  virtual ~AlarmStore() = default;
  virtual Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) = 0;
  // Ordered by fingerprint, starting after `marker`.
  virtual Result<std::vector<AlarmRecord>> List(const AlarmQuery& query) = 0;
  // Resolved (status ok) alarms last seen before `cutoff_ms`, for the retention purge.
  virtual Result<std::vector<std::string>> ListResolvedBefore(int64_t cutoff_ms, size_t limit) = 0;
  // Calls `fn` for every record (startup: gauges of active alarms).
  virtual Status ForEach(const std::function<void(const AlarmRecord&)>& fn) = 0;
};

}  // namespace alarmgate
