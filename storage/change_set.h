#pragma once
// The domain-level content of one atomic write: what to put and delete, one change struct per
// storage aggregate. Stores translate it into their own batch (RocksDB: one WriteBatch).
//
// A new aggregate is its own files — a store interface (storage/<x>_store.h), its change struct
// (storage/<x>_changes.h, naming that interface), a memory and a RocksDB store with a codec, and
// a view (storage/<x>_view.h) if jobs read it through a Transaction — plus one row in each table
// the compiler holds it to: ChangeSet below, kColumnFamilyTable (column_families.h),
// MemoryAggregateStores (memory_store.h) and RocksDbAggregateStores (rocksdb_store.h); its
// sources join storage/CMakeLists.txt.

#include "storage/alarm_changes.h"
#include "storage/change_set_of.h"
#include "storage/group_changes.h"
#include "storage/incident_changes.h"
#include "storage/silence_changes.h"

namespace alarmgate {

// The storage aggregates, one entry each. Each change struct names the interface its aggregate is
// read through (StoreInterface), which makes Store::Get<that interface>() exist.
using ChangeSet = ChangeSetOf<AlarmChanges, IncidentChanges, GroupChanges, SilenceChanges>;

}  // namespace alarmgate
