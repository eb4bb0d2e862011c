#pragma once
// API silences as one job of a group commit changes them: ids continue after what the store and
// the earlier jobs of its group allocated; writes are staged in the job's changes.

#include <string>
#include <utility>

#include "core/status.h"
#include "storage/transaction.h"

namespace alarmgate {

class SilenceView {
 public:
  explicit SilenceView(Transaction& txn) : txn_(txn) {}

  // Reserves the next API silence id ("S000000000001", …; staged like the incident sequence).
  Result<std::string> AllocateId();
  void Put(Silence silence) { txn_.Changes<SilenceChanges>().Put(std::move(silence)); }
  void Delete(const std::string& id) { txn_.Changes<SilenceChanges>().Delete(id); }

 private:
  Transaction& txn_;
};

}  // namespace alarmgate
