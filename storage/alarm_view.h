#pragma once
// Alarms as one job of a group commit sees them: reads find what this job and the earlier jobs of
// its group staged before the store; writes are staged in the job's changes.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "storage/transaction.h"

namespace alarmgate {

class AlarmView {
 public:
  explicit AlarmView(Transaction& txn) : txn_(txn) {}

  Result<std::optional<AlarmRecord>> Get(std::string_view fingerprint) const;
  void Put(AlarmRecord record) { txn_.Changes<AlarmChanges>().Put(std::move(record)); }
  void Delete(const std::string& fingerprint) { txn_.Changes<AlarmChanges>().Delete(fingerprint); }

 private:
  Transaction& txn_;
};

}  // namespace alarmgate
