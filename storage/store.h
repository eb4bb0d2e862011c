#pragma once
// The storage seam: typed read access per aggregate, and one atomic commit of a ChangeSet.
// Implementations: storage/rocksdb/rocksdb_store.h (production), storage/memory/memory_store.h.

#include <cstdint>

#include "core/status.h"
#include "storage/alarm_store.h"
#include "storage/change_set.h"
#include "storage/durability.h"
#include "storage/group_store.h"
#include "storage/incident_store.h"
#include "storage/silence_store.h"

namespace alarmgate {

class Store {
 public:
  virtual ~Store() = default;
  virtual AlarmStore& alarms() = 0;
  virtual IncidentStore& incidents() = 0;
  virtual GroupStore& groups() = 0;
  virtual SilenceStore& silences() = 0;
  // All of `changes` or nothing. With Durability::kMachine, returns only after fsync.
  // Unavailable when the disk refuses the write (full, I/O error).
  virtual Status Commit(const ChangeSet& changes, Durability durability) = 0;
  // Makes every earlier Commit durable against a machine crash (fsync of the log). Safe to call
  // while another thread commits; that lets one fsync cover a group while the next is written.
  virtual Status Sync() = 0;
  // Approximate bytes on disk, for alarmgate_storage_bytes.
  virtual uint64_t ApproximateBytes() = 0;
};

}  // namespace alarmgate
