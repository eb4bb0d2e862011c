// RocksDbStore: opening (options, column families, schema check), atomic commits, clean close.

#include "storage/rocksdb/rocksdb_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "storage/rocksdb/alarm_record_codec.h"
#include "storage/rocksdb/rocksdb_status.h"

namespace alarmgate {
namespace {

// The column families, in the order Open passes them (the constructor indexes them so).
constexpr char kAlarmsCf[] = "alarms";
constexpr char kMetaCf[] = "meta";
constexpr char kIncidentsCf[] = "incidents";
constexpr char kIncidentIndexCf[] = "incident_index";
constexpr char kTimelineCf[] = "timeline";
constexpr char kIncidentGroupsCf[] = "incident_groups";
constexpr char kRuleGroupsCf[] = "groups";
constexpr char kSilencesCf[] = "silences";
constexpr char kGroupMembersCf[] = "group_members";
enum CfIndex {
  kDefaultIdx,
  kAlarmsIdx,
  kMetaIdx,
  kIncidentsIdx,
  kIndexIdx,
  kTimelineIdx,
  kIncidentGroupsIdx,
  kRuleGroupsIdx,
  kSilencesIdx,
  kGroupMembersIdx
};
constexpr char kSchemaVersionKey[] = "schema_version";

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.IncreaseParallelism(2);  // a small service on a small machine
  o.keep_log_file_num = 3;   // RocksDB's own LOG files, not the WAL
  o.max_log_file_size = 8 << 20;
  // `meta` is written once; without a cap its old memtable would pin every WAL file forever.
  o.max_total_wal_size = 64 << 20;
  // Reused log files are overwritten in place, so fdatasync under durability `machine` flushes
  // data without the file-size metadata (measured: ~half the sync time on ext4).
  o.recycle_log_file_num = 4;
  return o;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));  // Get of an unknown fingerprint
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.write_buffer_size = 16 << 20;  // most column families see few writes
  // Most Gets are for fingerprints never seen (a new alarm): a memtable bloom filter answers those
  // without walking the skiplist (measured: ~8% of ingestion CPU, docs/benchmarks.md).
  o.memtable_prefix_bloom_size_ratio = 0.1;
  o.memtable_whole_key_filtering = true;
  const auto supported = rocksdb::GetSupportedCompressions();
  const bool lz4 =
      std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end();
  o.compression = lz4 ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  return o;
}

}  // namespace

Result<std::unique_ptr<RocksDbStore>> RocksDbStore::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Unavailable("cannot create data dir " + dir + ": " + ec.message());

  const rocksdb::DBOptions db_options = MakeDbOptions();
  const rocksdb::ColumnFamilyOptions cf_options = MakeCfOptions(rocksdb::NewLRUCache(32 << 20));

  // RocksDB refuses to open without every existing column family, so open unknown ones too: the
  // schema check then gives the clear error for a database written by a later build.
  // Column families added since a database was created are created on open
  // (create_missing_column_families): the layout only grows, so the schema version stays.
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName,
                                    kAlarmsCf,
                                    kMetaCf,
                                    kIncidentsCf,
                                    kIncidentIndexCf,
                                    kTimelineCf,
                                    kIncidentGroupsCf,
                                    kRuleGroupsCf,
                                    kSilencesCf,
                                    kGroupMembersCf};
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, dir, &existing).ok()) {
    for (auto& name : existing) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) {
    rocksdb::ColumnFamilyOptions options = cf_options;
    // One write per alarm lands in `alarms` (and in `group_members` when a rule groups it). With
    // small memtables, keys spread evenly by the fingerprint hash made every L0->L1 compaction
    // rewrite all of L1: under 30 s of sustained load compaction cost 9.8 us per alarm with 16 MiB
    // and 2.7 us with RocksDB's default 64 MiB (docs/benchmarks.md).
    if (name == kAlarmsCf || name == kGroupMembersCf) options.write_buffer_size = 64 << 20;
    descriptors.emplace_back(name, options);
  }

  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  RETURN_IF_ERROR(FromRocksDb(rocksdb::DB::Open(db_options, dir, descriptors, &handles, &db),
                              "open storage in " + dir));
  // Handles come back in the order of `descriptors`.
  std::unique_ptr<RocksDbStore> store(new RocksDbStore(dir, db, std::move(handles)));
  RETURN_IF_ERROR(store->CheckSchemaVersion());
  return Result<std::unique_ptr<RocksDbStore>>(std::move(store));
}

RocksDbStore::RocksDbStore(std::string dir, rocksdb::DB* db,
                           std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : dir_(std::move(dir)),
      db_(db),
      handles_(std::move(handles)),
      alarms_cf_(handles_[kAlarmsIdx]),
      meta_cf_(handles_[kMetaIdx]),
      incidents_cf_(handles_[kIncidentsIdx]),
      alarms_(db, alarms_cf_),
      incidents_(db, {.incidents = handles_[kIncidentsIdx],
                      .index = handles_[kIndexIdx],
                      .timeline = handles_[kTimelineIdx],
                      .groups = handles_[kIncidentGroupsIdx],
                      .meta = meta_cf_}),
      groups_(db, handles_[kRuleGroupsIdx], handles_[kGroupMembersIdx]),
      silences_(db, handles_[kSilencesIdx], meta_cf_) {}

RocksDbStore::~RocksDbStore() {
  // Errors here cannot be reported anywhere useful; the WAL is replayed on the next open anyway.
  (void)db_->FlushWAL(/*sync=*/true);
  for (auto* handle : handles_) (void)db_->DestroyColumnFamilyHandle(handle);
  (void)db_->Close();
  delete db_;
}

Status RocksDbStore::CheckSchemaVersion() {
  std::string version;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta_cf_, kSchemaVersionKey, &version);
  if (s.ok()) {
    if (version == std::to_string(kSchemaVersion)) return Status::Ok();
    return Status::Conflict("storage in " + dir_ + " has schema version " + version +
                            "; this build reads version " + std::to_string(kSchemaVersion));
  }
  if (!s.IsNotFound()) return FromRocksDb(s, "read schema version in " + dir_);

  // No version: only a brand-new database may be stamped with ours.
  for (rocksdb::ColumnFamilyHandle* cf :
       {alarms_cf_, incidents_cf_, handles_[kRuleGroupsIdx], handles_[kSilencesIdx]}) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf));
    it->SeekToFirst();
    if (it->Valid()) {
      return Status::Conflict("storage in " + dir_ + " holds data but no schema version");
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "scan storage in " + dir_));
  }
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocksDb(db_->Put(sync, meta_cf_, kSchemaVersionKey, std::to_string(kSchemaVersion)),
                     "write schema version in " + dir_);
}

Status RocksDbStore::Commit(const ChangeSet& changes, Durability durability) {
  if (changes.empty()) return Status::Ok();
  std::lock_guard<std::mutex> lock(commit_mu_);
  rocksdb::WriteBatch batch;
  for (const auto& [fingerprint, record] : changes.alarms()) {
    rocksdb::Status s = record
                            ? batch.Put(alarms_cf_, fingerprint, AlarmRecordCodec::Encode(*record))
                            : batch.Delete(alarms_cf_, fingerprint);
    RETURN_IF_ERROR(FromRocksDb(s, "stage write"));
  }
  RETURN_IF_ERROR(incidents_.Stage(changes, batch));
  RETURN_IF_ERROR(groups_.Stage(changes, batch));
  RETURN_IF_ERROR(silences_.Stage(changes, batch));
  rocksdb::WriteOptions options;
  options.disableWAL = false;  // the WAL is what makes `process` durability survive kill -9
  options.sync = durability == Durability::kMachine;
  return FromRocksDb(db_->Write(options, &batch), "write to storage in " + dir_);
}

Status RocksDbStore::Sync() {
  // Documented as safe alongside concurrent writes; a failure puts RocksDB in read-only mode.
  return FromRocksDb(db_->SyncWAL(), "sync storage log in " + dir_);
}

uint64_t RocksDbStore::ApproximateBytes() {
  uint64_t sst = 0;
  uint64_t memtables = 0;
  (void)db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kLiveSstFilesSize, &sst);
  (void)db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &memtables);
  return sst + memtables;
}

}  // namespace alarmgate
