#pragma once
// IncidentStore over four column families: `incidents` (incident_num → IncidentCodec JSON),
// `incident_index` (secondary index keys, empty values), `timeline` (incident_num \0 global
// sequence → TimelineEntryCodec JSON) and `incident_groups` (group_key → its open incident), plus
// the incident and timeline sequences in `meta`. Also stages the incident part of a commit.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/change_set.h"
#include "storage/incident_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Snapshot;
class WriteBatch;
}  // namespace rocksdb

namespace alarmgate {

class ColumnFamilies;

class RocksDbIncidentStore final : public IncidentStore {
 public:
  // Borrows `db` and its families; RocksDbStore owns them and outlives this.
  RocksDbIncidentStore(rocksdb::DB* db, const ColumnFamilies& families);

  Result<std::optional<Incident>> Get(std::string_view incident_num) override;
  Result<std::vector<Incident>> List(const IncidentQuery& query) override;
  Result<std::vector<TimelineEntry>> Timeline(std::string_view incident_num) override;
  Result<std::optional<std::string>> FindOpenByGroup(std::string_view group_key) override;
  Result<uint64_t> LastSequence() override;
  Status ForEachWithStatus(IncidentStatus status,
                           const std::function<void(const Incident&)>& fn) override;

  // Adds the incident part of `changes` to `batch`: each record with its index keys (the previous
  // version's are deleted), its group's open-incident entry, the timeline entries and both
  // sequences. Reads the current state to do so: only the one committing thread may call it, and
  // `batch` must be written before the next call.
  Status Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch);

 private:
  // Reads as of `snapshot` (nullptr = latest).
  Result<std::optional<Incident>> Load(std::string_view incident_num,
                                       const rocksdb::Snapshot* snapshot);
  // A counter kept in `meta` as decimal text; 0 when absent.
  Result<uint64_t> ReadCounter(std::string_view key);
  // Visits the incidents an index prefix lists, newest first, older than `marker` ("" = all),
  // until `visit` returns false. Every record is read from the same snapshot as the index.
  Status ScanIndex(const std::string& prefix, std::string_view marker, bool newest_first,
                   const std::function<bool(Incident&&)>& visit);

  struct Families {
    rocksdb::ColumnFamilyHandle* incidents;
    rocksdb::ColumnFamilyHandle* index;
    rocksdb::ColumnFamilyHandle* timeline;
    rocksdb::ColumnFamilyHandle* groups;
    rocksdb::ColumnFamilyHandle* meta;
  };

  rocksdb::DB* db_;
  Families cf_;
};

}  // namespace alarmgate
