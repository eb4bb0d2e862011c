#pragma once
// The domain-level content of one atomic write: what to put and delete, one change struct per
// storage aggregate. Stores translate it into their own batch (RocksDB: one WriteBatch).

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
