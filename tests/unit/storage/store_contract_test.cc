// One contract suite over every Store implementation (MemoryStore, RocksDbStore), plus the
// behaviour only one of them has (reopen and crash durability, schema check, injected failures).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/utilities/options_util.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/memory/memory_store.h"
#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/rocksdb_store.h"
#include "tests/unit/storage/raw_rocksdb.h"
#include "tests/unit/storage/storage_test_util.h"
#include "tests/unit/storage/store_test_envs.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::EnvNames;
using ::alarmgate::testing::Envs;
using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::StoreOf;
using ::alarmgate::testing::TempDir;
using ::alarmgate::testing::Tie;
using ::alarmgate::testing::WithRawDb;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;

std::vector<std::string> Fingerprints(const std::vector<AlarmRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.fingerprint);
  return out;
}

template <typename Env>
class StoreContractTest : public ::testing::Test {
 protected:
  Store& store() { return env_.store(); }

  void Put(std::vector<AlarmRecord> records) {
    ChangeSet changes;
    for (auto& r : records) changes.Get<AlarmChanges>().Put(std::move(r));
    ASSERT_TRUE(store().Commit(changes, Durability::kProcess).ok());
  }
  std::optional<AlarmRecord> Get(const std::string& fingerprint) {
    auto got = StoreOf<AlarmStore>(store()).Get(fingerprint);
    EXPECT_TRUE(got.ok()) << got.status().message();
    return got.ok() ? *got : std::nullopt;
  }
  std::vector<std::string> ListFingerprints(const AlarmQuery& query) {
    auto listed = StoreOf<AlarmStore>(store()).List(query);
    EXPECT_TRUE(listed.ok()) << listed.status().message();
    return listed.ok() ? Fingerprints(*listed) : std::vector<std::string>{};
  }

  Env env_;
};

TYPED_TEST_SUITE(StoreContractTest, Envs, EnvNames);

TYPED_TEST(StoreContractTest, GetOfUnknownFingerprintIsNullopt) {
  EXPECT_EQ(this->Get("nope"), std::nullopt);
}

TYPED_TEST(StoreContractTest, PutThenGetReturnsEveryField) {
  AlarmRecord r = MakeRecord("fp1", "in-house");
  r.incident_num = "IM202401010001";
  r.count = 42;
  r.status = AlarmStatus::kOk;
  r.level = AlarmLevel::kCritical;
  r.last_event_json = R"({"alarmName":"磁盘满 ✓","additional":{"a":[1,2,{"b":null}]}})";
  r.last_decision_json = R"({"rules":["disk-full"],"silenced_by":"S000000000001"})";
  this->Put({r});

  auto got = this->Get("fp1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Tie(*got), Tie(r));
}

TYPED_TEST(StoreContractTest, LaterCommitOverwrites) {
  this->Put({MakeRecord("fp1")});
  AlarmRecord updated = MakeRecord("fp1");
  updated.count = 7;
  this->Put({updated});
  ASSERT_TRUE(this->Get("fp1").has_value());
  EXPECT_EQ(this->Get("fp1")->count, 7);
}

TYPED_TEST(StoreContractTest, DeleteRemovesAndDeletingAbsentIsOk) {
  this->Put({MakeRecord("fp1"), MakeRecord("fp2")});
  ChangeSet changes;
  changes.Get<AlarmChanges>().Delete("fp1");
  changes.Get<AlarmChanges>().Delete("never-there");
  ASSERT_TRUE(this->store().Commit(changes, Durability::kProcess).ok());
  EXPECT_EQ(this->Get("fp1"), std::nullopt);
  EXPECT_TRUE(this->Get("fp2").has_value());
}

TYPED_TEST(StoreContractTest, OneCommitAppliesAllItsPutsAndDeletes) {
  this->Put({MakeRecord("old")});
  ChangeSet changes;
  changes.Get<AlarmChanges>().Put(MakeRecord("a"));
  changes.Get<AlarmChanges>().Put(MakeRecord("b"));
  changes.Get<AlarmChanges>().Delete("old");
  ASSERT_TRUE(this->store().Commit(changes, Durability::kMachine).ok());
  EXPECT_THAT(this->ListFingerprints({.limit = 10}), ElementsAre("a", "b"));
}

TYPED_TEST(StoreContractTest, EmptyCommitIsOkAndChangesNothing) {
  this->Put({MakeRecord("a")});
  EXPECT_TRUE(this->store().Commit(ChangeSet(), Durability::kMachine).ok());
  EXPECT_THAT(this->ListFingerprints({.limit = 10}), ElementsAre("a"));
}

// The writer commits the next group while the syncer fsyncs the previous ones.
TYPED_TEST(StoreContractTest, SyncAlongsideCommitsKeepsEveryWrite) {
  constexpr int kCommits = 200;
  std::atomic<bool> writing{true};
  std::atomic<int> sync_failures{0};
  std::thread syncer([&] {
    while (writing.load()) {
      if (!this->store().Sync().ok()) sync_failures.fetch_add(1);
    }
  });
  for (int i = 0; i < kCommits; ++i) this->Put({MakeRecord("k" + std::to_string(i))});
  writing.store(false);
  syncer.join();
  EXPECT_TRUE(this->store().Sync().ok());
  EXPECT_EQ(sync_failures.load(), 0);
  EXPECT_EQ(this->ListFingerprints({.limit = 1000}).size(), static_cast<size_t>(kCommits));
}

TYPED_TEST(StoreContractTest, ListPagesInFingerprintOrderAfterMarker) {
  this->Put({MakeRecord("e"), MakeRecord("b"), MakeRecord("d"), MakeRecord("a"), MakeRecord("c")});
  EXPECT_THAT(this->ListFingerprints({.limit = 2}), ElementsAre("a", "b"));
  EXPECT_THAT(this->ListFingerprints({.limit = 2, .marker = "b"}), ElementsAre("c", "d"));
  EXPECT_THAT(this->ListFingerprints({.limit = 2, .marker = "d"}), ElementsAre("e"));
  EXPECT_THAT(this->ListFingerprints({.limit = 2, .marker = "e"}), IsEmpty());
  // A marker that is not a stored fingerprint (deleted since) still continues after it.
  EXPECT_THAT(this->ListFingerprints({.limit = 2, .marker = "bb"}), ElementsAre("c", "d"));
  EXPECT_THAT(this->ListFingerprints({.limit = 0}), IsEmpty());
}

TYPED_TEST(StoreContractTest, ListFiltersByStatusAndIntegration) {
  this->Put({MakeRecord("a", "prom", AlarmStatus::kAlarm), MakeRecord("b", "coc", AlarmStatus::kOk),
             MakeRecord("c", "prom", AlarmStatus::kOk), MakeRecord("d", "coc", AlarmStatus::kAlarm),
             MakeRecord("e", "prom", AlarmStatus::kAlarm)});
  struct Case {
    std::string name;
    AlarmQuery query;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"no filter", {.limit = 10}, {"a", "b", "c", "d", "e"}},
      {"status alarm", {.status = AlarmStatus::kAlarm, .limit = 10}, {"a", "d", "e"}},
      {"status ok", {.status = AlarmStatus::kOk, .limit = 10}, {"b", "c"}},
      {"integration prom", {.integration = "prom", .limit = 10}, {"a", "c", "e"}},
      {"both", {.status = AlarmStatus::kAlarm, .integration = "prom", .limit = 10}, {"a", "e"}},
      {"unknown integration", {.integration = "zzz", .limit = 10}, {}},
      // The limit counts matches, not records scanned.
      {"filter and limit", {.integration = "prom", .limit = 2}, {"a", "c"}},
      {"filter and marker", {.integration = "prom", .limit = 2, .marker = "c"}, {"e"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(this->ListFingerprints(c.query), c.want) << c.name;
  }
}

TYPED_TEST(StoreContractTest, ListResolvedBeforeReturnsOnlyOldResolvedAlarms) {
  this->Put(
      {MakeRecord("a", "m", AlarmStatus::kOk, 100), MakeRecord("b", "m", AlarmStatus::kAlarm, 100),
       MakeRecord("c", "m", AlarmStatus::kOk, 200), MakeRecord("d", "m", AlarmStatus::kOk, 300),
       MakeRecord("e", "m", AlarmStatus::kOk, 150)});
  auto got = StoreOf<AlarmStore>(this->store()).ListResolvedBefore(/*cutoff_ms=*/300, /*limit=*/10);
  ASSERT_TRUE(got.ok());
  EXPECT_THAT(*got, ElementsAre("a", "c", "e"));  // d is not before 300; b is not resolved

  auto limited = StoreOf<AlarmStore>(this->store()).ListResolvedBefore(300, 2);
  ASSERT_TRUE(limited.ok());
  EXPECT_THAT(*limited, ElementsAre("a", "c"));
}

TYPED_TEST(StoreContractTest, ForEachVisitsEveryRecordInOrder) {
  this->Put({MakeRecord("c"), MakeRecord("a"), MakeRecord("b")});
  std::vector<std::string> seen;
  // The callback may read the store (startup code does lookups while counting).
  ASSERT_TRUE(this->store()
                  .alarms()
                  .ForEach([&](const AlarmRecord& r) {
                    seen.push_back(r.fingerprint);
                    EXPECT_TRUE(StoreOf<AlarmStore>(this->store()).Get(r.fingerprint).ok());
                  })
                  .ok());
  EXPECT_THAT(seen, ElementsAre("a", "b", "c"));
}

TYPED_TEST(StoreContractTest, ApproximateBytesGrowsWithData) {
  const uint64_t before = this->store().ApproximateBytes();
  std::vector<AlarmRecord> records;
  for (int i = 0; i < 200; ++i) {
    AlarmRecord r = MakeRecord("fp" + std::to_string(i));
    r.last_event_json = "\"" + std::string(2000, 'x') + "\"";
    records.push_back(std::move(r));
  }
  this->Put(std::move(records));
  EXPECT_GT(this->store().ApproximateBytes(), before);
}

// --- MemoryStore only ---------------------------------------------------------------------------

TEST(MemoryStoreTest, FailNextCommitsFailsThatManyCommitsAndChangesNothing) {
  MemoryStore store;
  store.FailNextCommits(2);
  ChangeSet changes;
  changes.Get<AlarmChanges>().Put(MakeRecord("a"));
  changes.Get<AlarmChanges>().Put(MakeRecord("b"));
  for (int i = 0; i < 2; ++i) {
    Status st = store.Commit(changes, Durability::kProcess);
    EXPECT_EQ(st.code(), StatusCode::kUnavailable);
    auto got = store.Get<AlarmStore>().Get("a");
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, std::nullopt);
  }
  EXPECT_EQ(store.successful_commits(), 0);
  EXPECT_TRUE(store.Commit(changes, Durability::kProcess).ok());
  EXPECT_EQ(store.successful_commits(), 1);
  EXPECT_TRUE(store.Get<AlarmStore>().Get("b")->has_value());
}

// --- RocksDbStore only --------------------------------------------------------------------------

class RocksDbReopenTest : public ::testing::TestWithParam<Durability> {};

TEST_P(RocksDbReopenTest, ReopenKeepsCommittedData) {
  TempDir dir;
  AlarmRecord r = MakeRecord("fp1");
  r.incident_num = "IM1";
  r.last_decision_json = R"({"rules":[]})";
  {
    auto store = RocksDbStore::Open(dir.sub("db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    ChangeSet changes;
    changes.Get<AlarmChanges>().Put(r);
    changes.Get<AlarmChanges>().Put(MakeRecord("fp2"));
    ASSERT_TRUE((*store)->Commit(changes, GetParam()).ok());
    ChangeSet del;
    del.Get<AlarmChanges>().Delete("fp2");
    ASSERT_TRUE((*store)->Commit(del, GetParam()).ok());
  }
  auto reopened = RocksDbStore::Open(dir.sub("db"));
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  auto got = (*reopened)->Get<AlarmStore>().Get("fp1");
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(Tie(**got), Tie(r));
  EXPECT_EQ(*(*reopened)->Get<AlarmStore>().Get("fp2"), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Durabilities, RocksDbReopenTest,
                         ::testing::Values(Durability::kProcess, Durability::kMachine),
                         [](const auto& info) {
                           return info.param == Durability::kProcess ? "Process" : "Machine";
                         });

// `process` durability: a commit that returned must survive kill -9 (no destructor, no flush).
TEST(RocksDbStoreTest, ProcessDurabilitySurvivesKill) {
  // The threadsafe death test re-executes this binary and runs this test again up to EXPECT_EXIT:
  // the child takes the parent's directory from the environment instead of making its own.
  constexpr char kDirEnv[] = "ALARMGATE_STORAGE_TEST_KILL_DIR";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::unique_ptr<TempDir> dir;
  std::string path;
  if (const char* inherited = std::getenv(kDirEnv)) {
    path = inherited;
  } else {
    dir = std::make_unique<TempDir>();
    path = dir->sub("db");
    ::setenv(kDirEnv, path.c_str(), 1);
  }
  EXPECT_EXIT(
      {
        auto store = RocksDbStore::Open(path);
        if (!store.ok()) std::_Exit(1);
        ChangeSet changes;
        changes.Get<AlarmChanges>().Put(MakeRecord("survivor"));
        if (!(*store)->Commit(changes, Durability::kProcess).ok()) std::_Exit(2);
        std::raise(SIGKILL);
      },
      ::testing::KilledBySignal(SIGKILL), "");
  ::unsetenv(kDirEnv);

  auto reopened = RocksDbStore::Open(path);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  auto got = (*reopened)->Get<AlarmStore>().Get("survivor");
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->has_value());
}

TEST(RocksDbStoreTest, UnknownSchemaVersionIsRefused) {
  TempDir dir;
  const std::string path = dir.sub("db");
  { ASSERT_TRUE(RocksDbStore::Open(path).ok()); }
  // Plant the version a later build would write.
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "2").ok());
  });
  auto reopened = RocksDbStore::Open(path);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kConflict);
  EXPECT_THAT(reopened.status().message(), HasSubstr("schema version 2"));
}

TEST(RocksDbStoreTest, CorruptRecordReadsAsInternalNamingTheKey) {
  TempDir dir;
  const std::string path = dir.sub("db");
  { ASSERT_TRUE(RocksDbStore::Open(path).ok()); }
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("alarms"), "badfp", "{not json").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto got = (*store)->Get<AlarmStore>().Get("badfp");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr("badfp"));
  auto listed = (*store)->Get<AlarmStore>().List({.limit = 10});
  EXPECT_EQ(listed.status().code(), StatusCode::kInternal);
}

TEST(RocksDbStoreTest, SecondOpenOfTheSameDirIsUnavailable) {
  TempDir dir;
  auto first = RocksDbStore::Open(dir.sub("db"));
  ASSERT_TRUE(first.ok());
  auto second = RocksDbStore::Open(dir.sub("db"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr("lock"));
}

TEST(RocksDbStoreTest, DataDirThatIsAFileIsUnavailable) {
  TempDir dir;
  const std::string file = dir.sub("file");
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  auto store = RocksDbStore::Open(file + "/db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
}

// --- Column families --------------------------------------------------------------------------

std::vector<std::string> TableNames() {
  std::vector<std::string> names;
  for (const ColumnFamilySpec& spec : kColumnFamilyTable) names.emplace_back(spec.name);
  return names;
}

// Family names are on disk: the table may gain rows, never lose or rename one. These are the
// families of schema version 1 as databases hold them.
TEST(ColumnFamilyTableTest, KeepsEveryFamilyOfSchemaVersionOne) {
  EXPECT_THAT(TableNames(),
              IsSupersetOf({"default", "alarms", "meta", "incidents", "incident_index", "timeline",
                            "incident_groups", "groups", "silences", "group_members"}));
  std::vector<std::string> sorted = TableNames();
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "a name twice";
}

TEST(ColumnFamilyTableTest, NamesFindTheirOwnRow) {
  EXPECT_EQ(kColumnFamilyTable[ColumnFamilyName("alarms").index()].name, "alarms");
  EXPECT_EQ(kColumnFamilyTable[ColumnFamilyName("group_members").index()].name, "group_members");
}

// What RocksDB recorded at the last open (its OPTIONS file): every family of the table, each with
// its memtable size and the shared settings.
TEST(RocksDbStoreTest, EveryFamilyIsOpenedWithItsOptions) {
  TempDir dir;
  const std::string path = dir.sub("db");
  { ASSERT_TRUE(RocksDbStore::Open(path).ok()); }
  rocksdb::ConfigOptions config;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  ASSERT_TRUE(rocksdb::LoadLatestOptions(config, path, &db_options, &families).ok());
  std::map<std::string, const rocksdb::ColumnFamilyOptions*> by_name;
  for (const auto& f : families) by_name[f.name] = &f.options;
  ASSERT_EQ(by_name.size(), std::size(kColumnFamilyTable));
  for (const ColumnFamilySpec& spec : kColumnFamilyTable) {
    const std::string name(spec.name);
    ASSERT_TRUE(by_name.contains(name)) << name;
    const bool busy = name == "alarms" || name == "group_members";
    EXPECT_EQ(by_name[name]->write_buffer_size, busy ? 64u << 20 : 16u << 20) << name;
    EXPECT_TRUE(by_name[name]->memtable_whole_key_filtering) << name;
    EXPECT_DOUBLE_EQ(by_name[name]->memtable_prefix_bloom_size_ratio, 0.1) << name;
  }
}

// A later build's database may hold a family this one does not know: it opens, so that the schema
// check answers (here: a layout that only grew is still version 1).
TEST(RocksDbStoreTest, UnknownFamiliesOfAnExistingDatabaseAreOpenedToo) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    ChangeSet c;
    c.Get<AlarmChanges>().Put(MakeRecord("fp"));
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  WithRawDb(path, {"from_a_later_build"}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("from_a_later_build"), "k", "v").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_TRUE((*store)->Get<AlarmStore>().Get("fp")->has_value());
}

}  // namespace
}  // namespace alarmgate
