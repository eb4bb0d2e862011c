#pragma once
// API silences as one job of a group commit changes them: the sequence continues after what the
// store and the earlier jobs of its group allocated; writes are staged in the job's changes.

#include <cstdint>
#include <string>
#include <utility>

#include "core/status.h"
#include "storage/transaction.h"

namespace alarmgate {

class SilenceView {
 public:
  explicit SilenceView(Transaction& txn) : txn_(txn) {}

  // Reserves the next silence sequence number (staged: committed with the rest or not at all).
  // The id made of it, and its limit, are the domain's (rules/silence_id.h).
  Result<uint64_t> AllocateSequence();
  void Put(Silence silence) { txn_.Changes<SilenceChanges>().Put(std::move(silence)); }
  void Delete(const std::string& id) { txn_.Changes<SilenceChanges>().Delete(id); }

 private:
  Transaction& txn_;
};

}  // namespace alarmgate
