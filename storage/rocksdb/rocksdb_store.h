#pragma once
// The production Store: one RocksDB database under the data dir, with the column families of
// storage/rocksdb/column_families.h (per aggregate, plus `meta`: schema version, sequences). Each
// Commit is one WriteBatch; the WAL is always on.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "core/status.h"
#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/rocksdb_alarm_store.h"
#include "storage/rocksdb/rocksdb_group_store.h"
#include "storage/rocksdb/rocksdb_incident_store.h"
#include "storage/rocksdb/rocksdb_silence_store.h"
#include "storage/store.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace alarmgate {

// One row per aggregate: its RocksDB store, constructed from the database and the column families,
// staging its own part of each commit into the one WriteBatch.
using RocksDbAggregateStores =
    std::tuple<RocksDbAlarmStore, RocksDbIncidentStore, RocksDbGroupStore, RocksDbSilenceStore>;

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

  // kProcess: WAL written (survives kill -9); kMachine: WAL fsynced before returning.
  Status Commit(const ChangeSet& changes, Durability durability) override;
  Status Sync() override;
  // Live SST files plus memtables, over all column families.
  uint64_t ApproximateBytes() override;

 private:
  RocksDbStore(std::string dir, rocksdb::DB* db, ColumnFamilies families);
  Status CheckSchemaVersion();

  const std::string dir_;
  rocksdb::DB* db_;          // owned; closed and deleted in the destructor
  ColumnFamilies families_;  // their handles are owned here: destroyed before the close
  RocksDbAggregateStores stores_;
  // Staging reads the current state (previous index keys, group entries, sequences): commits
  // must not interleave. The group committer is the one caller in production, so it is free.
  std::mutex commit_mu_;
};

}  // namespace alarmgate
