// The SilenceStore contract over every Store (MemoryStore, RocksDbStore): API silences put, read,
// listed by id and deleted; regex matchers that come back as their pattern and match once
// compiled; sequences allocated in increasing order; plus what only RocksDB has (reopen, corrupt
// values).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <string>
#include <vector>

#include "rules/condition_regex.h"
#include "rules/rule_set.h"
#include "rules/silence_id.h"
#include "storage/memory/memory_store.h"
#include "storage/rocksdb/rocksdb_store.h"
#include "storage/rocksdb/silence_codec.h"
#include "storage/silence_view.h"
#include "storage/transaction.h"
#include "tests/unit/storage/raw_rocksdb.h"
#include "tests/unit/storage/rule_state_test_util.h"
#include "tests/unit/storage/storage_test_util.h"
#include "tests/unit/storage/store_test_envs.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::EnvNames;
using ::alarmgate::testing::Envs;
using ::alarmgate::testing::Equals;
using ::alarmgate::testing::FullSilence;
using ::alarmgate::testing::MakeSilence;
using ::alarmgate::testing::RegexCondition;
using ::alarmgate::testing::StoreOf;
using ::alarmgate::testing::TempDir;
using ::alarmgate::testing::Values;
using ::alarmgate::testing::WithRawDb;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Ids(const std::vector<Silence>& silences) {
  std::vector<std::string> out;
  for (const auto& s : silences) out.push_back(s.id);
  return out;
}

// Allocates one id in its own transaction and commits it with a silence of that id.
Result<std::string> CreateSilence(Store& store) {
  ChangeSet none;
  Transaction txn(store, none);
  ASSIGN_OR_RETURN(uint64_t sequence, SilenceView(txn).AllocateSequence());
  const std::string id = FormatSilenceId(sequence);
  SilenceView(txn).Put(MakeSilence(id));
  RETURN_IF_ERROR(store.Commit(txn.changes(), Durability::kProcess));
  return id;
}

template <typename Env>
class SilenceStoreContractTest : public ::testing::Test {
 protected:
  Store& store() { return env_.store(); }
  SilenceStore& silences() { return StoreOf<SilenceStore>(env_.store()); }
  void Commit(const ChangeSet& changes) {
    auto s = store().Commit(changes, Durability::kProcess);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void Put(std::vector<Silence> list) {
    ChangeSet c;
    for (auto& s : list) c.Get<SilenceChanges>().Put(std::move(s));
    Commit(c);
  }
  std::optional<Silence> Get(const std::string& id) {
    auto got = silences().Get(id);
    EXPECT_TRUE(got.ok()) << got.status().message();
    return got.ok() ? *got : std::nullopt;
  }
  std::vector<std::string> ListIds() {
    auto listed = silences().List();
    EXPECT_TRUE(listed.ok()) << listed.status().message();
    return listed.ok() ? Ids(*listed) : std::vector<std::string>{};
  }

  Env env_;
};

TYPED_TEST_SUITE(SilenceStoreContractTest, Envs, EnvNames);

TYPED_TEST(SilenceStoreContractTest, EmptyStoreHasNoSilencesAndSequenceZero) {
  EXPECT_EQ(this->Get("S000000000001"), std::nullopt);
  EXPECT_THAT(this->ListIds(), IsEmpty());
  EXPECT_EQ(*this->silences().LastSequence(), 0u);
}

TYPED_TEST(SilenceStoreContractTest, PutThenGetReturnsEveryField) {
  const Silence full = FullSilence("S000000000001");
  const Silence bare = MakeSilence("S000000000002");
  this->Put({full, bare});
  auto got = this->Get(full.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Values(*got), Values(full));
  auto got_bare = this->Get(bare.id);
  ASSERT_TRUE(got_bare.has_value());
  EXPECT_EQ(Values(*got_bare), Values(bare));
}

TYPED_TEST(SilenceStoreContractTest, ListIsInIdOrderAndDeleteRemoves) {
  this->Put({MakeSilence("S000000000003"), MakeSilence("S000000000001")});
  this->Put({MakeSilence("S000000000002")});
  EXPECT_THAT(this->ListIds(), ElementsAre("S000000000001", "S000000000002", "S000000000003"));

  Silence updated = MakeSilence("S000000000002");
  updated.ends_at_ms = 1500;  // expired early
  ChangeSet c;
  c.Get<SilenceChanges>().Put(updated);
  c.Get<SilenceChanges>().Delete("S000000000003");
  c.Get<SilenceChanges>().Delete("S000000000099");  // absent: fine
  this->Commit(c);
  EXPECT_THAT(this->ListIds(), ElementsAre("S000000000001", "S000000000002"));
  EXPECT_EQ(this->Get("S000000000002")->ends_at_ms, 1500);
  EXPECT_EQ(this->Get("S000000000003"), std::nullopt);
}

// What the silence service does with a stored silence: its regex matchers come back as their
// pattern only, and once compiled (rules/condition_regex.h) decide the same alarms.
TYPED_TEST(SilenceStoreContractTest, StoredRegexMatchersComeBackAsPatternsThatStillMatch) {
  this->Put({MakeSilence("S000000000001", {RegexCondition("resourceId", R"(web-\d+)"),
                                           Equals("applicationId", "billing"),
                                           RegexCondition("alarmName", "test.*", true)})});
  auto got = this->Get("S000000000001");
  ASSERT_TRUE(got.has_value());
  ASSERT_EQ(got->matchers.size(), 3u);
  EXPECT_EQ(got->matchers[0].pattern, R"(web-\d+)");
  for (Condition& c : got->matchers) {
    EXPECT_EQ(c.regex, nullptr);
    if (c.kind == Condition::Kind::kRegex) {
      ASSERT_TRUE(CompileConditionRegex(c).ok());
    }
  }

  Alarm a;
  a.resource_id = "web-12";
  a.application_id = "billing";
  a.alarm_name = "disk full";
  EXPECT_TRUE(Matches(got->matchers, a));
  a.resource_id = "web-12x";  // full match only
  EXPECT_FALSE(Matches(got->matchers, a));
  a.resource_id = "web-3";
  a.alarm_name = "test alarm";  // the negated regex now holds
  EXPECT_FALSE(Matches(got->matchers, a));
}

TYPED_TEST(SilenceStoreContractTest, AllocatedIdsIncreaseAndAreNeverReused) {
  auto first = CreateSilence(this->store());
  auto second = CreateSilence(this->store());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, "S000000000001");
  EXPECT_EQ(*second, "S000000000002");
  // Deleting the newest does not give its id out again.
  ChangeSet del;
  del.Get<SilenceChanges>().Delete(*second);
  this->Commit(del);
  auto third = CreateSilence(this->store());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, "S000000000003");
  EXPECT_EQ(*this->silences().LastSequence(), 3u);
  EXPECT_THAT(this->ListIds(), ElementsAre("S000000000001", "S000000000003"));
}

TYPED_TEST(SilenceStoreContractTest, LastSequenceIsTheHighestCommitted) {
  ChangeSet c;
  c.Get<SilenceChanges>().SetSequence(9);
  this->Commit(c);
  ChangeSet stale;
  stale.Get<SilenceChanges>().SetSequence(4);  // a stale value never moves it back
  this->Commit(stale);
  EXPECT_EQ(*this->silences().LastSequence(), 9u);
}

// --- MemoryStore only ---------------------------------------------------------------------------

TEST(MemorySilenceStoreTest, FailedCommitChangesNoSilenceNorSequence) {
  MemoryStore store;
  store.FailNextCommits(1);
  ChangeSet c;
  c.Get<SilenceChanges>().Put(MakeSilence("S000000000001"));
  c.Get<SilenceChanges>().SetSequence(1);
  EXPECT_EQ(store.Commit(c, Durability::kProcess).code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store.Get<SilenceStore>().Get("S000000000001"), std::nullopt);
  EXPECT_EQ(*store.Get<SilenceStore>().LastSequence(), 0u);
}

// --- RocksDbStore only --------------------------------------------------------------------------

TEST(RocksDbSilenceStoreTest, ReopenKeepsSilencesAndIdsContinue) {
  TempDir dir;
  const Silence full = FullSilence("S000000000001");
  {
    auto store = RocksDbStore::Open(dir.sub("db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_EQ(*CreateSilence(**store), "S000000000001");
    ASSERT_EQ(*CreateSilence(**store), "S000000000002");
    ChangeSet c;
    c.Get<SilenceChanges>().Put(full);
    c.Get<SilenceChanges>().Delete("S000000000002");
    ASSERT_TRUE((*store)->Commit(c, Durability::kMachine).ok());
  }
  auto store = RocksDbStore::Open(dir.sub("db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto got = (*store)->Get<SilenceStore>().Get(full.id);
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status().message();
  EXPECT_EQ(Values(**got), Values(full));
  auto listed = (*store)->Get<SilenceStore>().List();
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(Ids(*listed), ElementsAre("S000000000001"));
  EXPECT_EQ(*(*store)->Get<SilenceStore>().LastSequence(), 2u);
  EXPECT_EQ(*CreateSilence(**store), "S000000000003");
}

TEST(RocksDbSilenceStoreTest, CorruptValuesReadAsInternalNamingTheKey) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(CreateSilence(**store).ok());
  }
  WithRawDb(path, {}, [&](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("silences"), "S000000000001", "{").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "silence_sequence", "x").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  SilenceStore& silences = (*store)->Get<SilenceStore>();

  auto got = silences.Get("S000000000001");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr("S000000000001"));
  EXPECT_EQ(silences.List().status().code(), StatusCode::kInternal);
  auto sequence = silences.LastSequence();
  ASSERT_FALSE(sequence.ok());
  EXPECT_EQ(sequence.status().code(), StatusCode::kInternal);
  EXPECT_THAT(sequence.status().message(), HasSubstr("silence_sequence"));
  // A sequence cannot be allocated past an unreadable one.
  ChangeSet none;
  Transaction txn(**store, none);
  EXPECT_EQ(SilenceView(txn).AllocateSequence().status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace alarmgate
