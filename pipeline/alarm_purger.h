#pragma once
// Retention (contract §2 storage.retention_days): deletes resolved alarms last seen before the
// cutoff. The scan runs on the caller's thread; deletions go through the writer and are
// re-checked there, since an alarm may have fired again after the scan.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/clock.h"
#include "core/status.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

class AlarmPurger {
 public:
  static constexpr size_t kBatch = 1000;

  AlarmPurger(Store& store, GroupCommitter& committer, const Clock& clock)
      : store_(store), committer_(committer), clock_(clock) {}

  // Purges up to kBatch alarms; `done` gets how many were deleted (kBatch: there may be more).
  void PurgeOnce(int64_t retention_days, std::function<void(Result<size_t>)> done);

 private:
  Store& store_;
  GroupCommitter& committer_;
  const Clock& clock_;
};

}  // namespace alarmgate
