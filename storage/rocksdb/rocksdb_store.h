#pragma once
// The production Store: one RocksDB database under the data dir, column families per aggregate
// (`alarms`; `incidents`, `incident_index`, `timeline`, `incident_groups`; `groups`,
// `group_members`; `silences`) plus `meta` (schema version, sequences). Each Commit is one
// WriteBatch; the WAL is always on.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/rocksdb/rocksdb_alarm_store.h"
#include "storage/rocksdb/rocksdb_group_store.h"
#include "storage/rocksdb/rocksdb_incident_store.h"
#include "storage/rocksdb/rocksdb_silence_store.h"
#include "storage/store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace alarmgate {

class RocksDbStore final : public Store {
 public:
  // The on-disk layout this build reads and writes; a database of another version is refused.
  static constexpr int kSchemaVersion = 1;

  // Creates `dir` and the database if missing. Unavailable when RocksDB cannot open it (I/O
  // error, locked by another process); Conflict when it holds another schema version.
  static Result<std::unique_ptr<RocksDbStore>> Open(const std::string& dir);

  ~RocksDbStore() override;
  RocksDbStore(const RocksDbStore&) = delete;
  RocksDbStore& operator=(const RocksDbStore&) = delete;

  AlarmStore& alarms() override { return alarms_; }
  IncidentStore& incidents() override { return incidents_; }
  GroupStore& groups() override { return groups_; }
  SilenceStore& silences() override { return silences_; }
  // kProcess: WAL written (survives kill -9); kMachine: WAL fsynced before returning.
  Status Commit(const ChangeSet& changes, Durability durability) override;
  Status Sync() override;
  // Live SST files plus memtables, over all column families.
  uint64_t ApproximateBytes() override;

 private:
  // `handles` in the order of Open's column family names.
  RocksDbStore(std::string dir, rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles);
  Status CheckSchemaVersion();

  const std::string dir_;
  rocksdb::DB* db_;  // owned; closed and deleted in the destructor
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; all open column families
  rocksdb::ColumnFamilyHandle* alarms_cf_;
  rocksdb::ColumnFamilyHandle* meta_cf_;
  rocksdb::ColumnFamilyHandle* incidents_cf_;
  RocksDbAlarmStore alarms_;
  RocksDbIncidentStore incidents_;
  RocksDbGroupStore groups_;
  RocksDbSilenceStore silences_;
  // Staging reads the current state (previous index keys, group entries, sequences): commits
  // must not interleave. The group committer is the one caller in production, so it is free.
  std::mutex commit_mu_;
};

}  // namespace alarmgate
