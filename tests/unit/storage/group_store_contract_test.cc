// The GroupStore contract over every Store (MemoryStore, RocksDbStore): rule groups and their
// members put, read, overwritten, deleted and visited, committed with the alarm transition; plus
// what only RocksDB has (reopen, a database from before the families existed, corrupt values).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <string>
#include <vector>

#include "storage/memory/memory_store.h"
#include "storage/rocksdb/rocksdb_store.h"
#include "tests/unit/storage/raw_rocksdb.h"
#include "tests/unit/storage/rule_state_test_util.h"
#include "tests/unit/storage/storage_test_util.h"
#include "tests/unit/storage/store_test_envs.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::BareGroup;
using ::alarmgate::testing::EnvNames;
using ::alarmgate::testing::Envs;
using ::alarmgate::testing::FullGroup;
using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::StoreOf;
using ::alarmgate::testing::TempDir;
using ::alarmgate::testing::Values;
using ::alarmgate::testing::WithRawDb;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Group keys as GroupKey() makes them: JSON arrays of the rule and the group_by values.
const std::string kG1 = R"(["disk-full","web-1"])";
const std::string kG2 = R"(["disk-full","web-2"])";
const std::string kG3 = R"(["cpu","web-1"])";

template <typename Env>
class GroupStoreContractTest : public ::testing::Test {
 protected:
  Store& store() { return env_.store(); }
  void Commit(const ChangeSet& changes) {
    auto s = store().Commit(changes, Durability::kProcess);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void Put(std::vector<GroupState> groups) {
    ChangeSet c;
    for (auto& g : groups) c.Get<GroupChanges>().Put(std::move(g));
    Commit(c);
  }
  std::optional<GroupState> Get(const std::string& key) {
    auto got = StoreOf<GroupStore>(store()).Get(key);
    EXPECT_TRUE(got.ok()) << got.status().message();
    return got.ok() ? *got : std::nullopt;
  }
  std::optional<AlarmStatus> Member(const std::string& key, const std::string& fp) {
    auto got = StoreOf<GroupStore>(store()).GetMember(key, fp);
    EXPECT_TRUE(got.ok()) << got.status().message();
    return got.ok() ? *got : std::nullopt;
  }
  std::vector<std::string> Keys() {
    std::vector<std::string> keys;
    EXPECT_TRUE(StoreOf<GroupStore>(store())
                    .ForEach([&](const GroupState& g) { keys.push_back(g.key); })
                    .ok());
    return keys;
  }

  Env env_;
};

TYPED_TEST_SUITE(GroupStoreContractTest, Envs, EnvNames);

TYPED_TEST(GroupStoreContractTest, GetOfUnknownGroupIsNullopt) {
  EXPECT_EQ(this->Get(kG1), std::nullopt);
  EXPECT_THAT(this->Keys(), IsEmpty());
}

TYPED_TEST(GroupStoreContractTest, PutThenGetReturnsEveryFieldIncludingTheHoldAlarm) {
  const GroupState full = FullGroup(kG1);
  const GroupState bare = BareGroup(kG2);
  this->Put({full, bare});

  auto got = this->Get(kG1);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Values(*got), Values(full));
  ASSERT_TRUE(got->hold_alarm.has_value());
  EXPECT_EQ(got->hold_alarm->body_json, full.hold_alarm->body_json);
  auto got_bare = this->Get(kG2);
  ASSERT_TRUE(got_bare.has_value());
  EXPECT_EQ(Values(*got_bare), Values(bare));
}

TYPED_TEST(GroupStoreContractTest, LaterCommitOverwritesAndDeleteRemoves) {
  this->Put({FullGroup(kG1), FullGroup(kG2)});
  GroupState updated = FullGroup(kG1);
  updated.hold_alarm.reset();
  updated.open_due_ms.reset();
  updated.member_count = 1;
  updated.alarming_count = 0;
  updated.flapping = false;
  this->Put({updated});
  auto got = this->Get(kG1);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Values(*got), Values(updated));

  ChangeSet del;
  del.Get<GroupChanges>().Delete(kG2);
  del.Get<GroupChanges>().Delete(kG3);  // absent: fine
  this->Commit(del);
  EXPECT_EQ(this->Get(kG2), std::nullopt);
  EXPECT_THAT(this->Keys(), ElementsAre(kG1));
}

TYPED_TEST(GroupStoreContractTest, ForEachVisitsEveryGroupInKeyOrder) {
  this->Put({FullGroup(kG2), BareGroup(kG1)});
  this->Put({BareGroup(kG3)});
  EXPECT_THAT(this->Keys(), ElementsAre(kG3, kG1, kG2));
  // The visited values are whole groups, not just keys.
  std::vector<bool> holds;
  ASSERT_TRUE(this->store()
                  .groups()
                  .ForEach([&](const GroupState& g) { holds.push_back(g.hold_alarm.has_value()); })
                  .ok());
  EXPECT_THAT(holds, ElementsAre(false, false, true));
}

TYPED_TEST(GroupStoreContractTest, GroupCommitsWithTheAlarmTransition) {
  ChangeSet c;
  AlarmRecord r = MakeRecord("fp-a");
  r.last_decision_json = R"({"rules":["disk-full"]})";
  c.Get<AlarmChanges>().Put(r);
  c.Get<GroupChanges>().Put(FullGroup(kG1));
  EXPECT_FALSE(c.empty());
  this->Commit(c);
  EXPECT_TRUE(this->Get(kG1).has_value());
  auto alarm = StoreOf<AlarmStore>(this->store()).Get("fp-a");
  ASSERT_TRUE(alarm.ok() && alarm->has_value());
  EXPECT_EQ((*alarm)->last_decision_json, r.last_decision_json);
}

TYPED_TEST(GroupStoreContractTest, MembersArePutOverwrittenAndKeptPerGroup) {
  EXPECT_EQ(this->Member(kG1, "fp-a"), std::nullopt);
  ChangeSet c;
  c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(kG1, "fp-b", AlarmStatus::kOk);
  // The same alarm in another group:
  c.Get<GroupChanges>().PutMember(kG2, "fp-a", AlarmStatus::kOk);
  EXPECT_FALSE(c.empty());
  this->Commit(c);
  EXPECT_EQ(this->Member(kG1, "fp-a"), AlarmStatus::kAlarm);
  EXPECT_EQ(this->Member(kG1, "fp-b"), AlarmStatus::kOk);
  EXPECT_EQ(this->Member(kG2, "fp-a"), AlarmStatus::kOk);
  EXPECT_EQ(this->Member(kG2, "fp-b"), std::nullopt);
  EXPECT_EQ(this->Member(kG3, "fp-a"), std::nullopt);
  // Members are not groups: ForEach visits only groups' states.
  EXPECT_THAT(this->Keys(), IsEmpty());

  ChangeSet later;
  later.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kOk);
  this->Commit(later);
  EXPECT_EQ(this->Member(kG1, "fp-a"), AlarmStatus::kOk);
  EXPECT_EQ(this->Member(kG1, "fp-b"), AlarmStatus::kOk);
}

TYPED_TEST(GroupStoreContractTest, DeletingAGroupDeletesOnlyItsMembers) {
  // A key that merely starts with kG1 is another group: its members stay.
  const std::string longer = kG1 + "x";
  ChangeSet c;
  c.Get<GroupChanges>().Put(FullGroup(kG1));
  c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(kG1, "fp-b", AlarmStatus::kOk);
  c.Get<GroupChanges>().PutMember(longer, "fp-a", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(kG2, "", AlarmStatus::kAlarm);
  this->Commit(c);

  ChangeSet del;
  GroupChanges& groups = del.Get<GroupChanges>();
  groups.PutMember(kG1, "fp-c", AlarmStatus::kAlarm);  // before the deletion: deleted too
  groups.Delete(kG1);
  groups.PutMember(kG1, "fp-b", AlarmStatus::kAlarm);  // after it: the re-created group's
  this->Commit(del);
  EXPECT_EQ(this->Get(kG1), std::nullopt);
  EXPECT_EQ(this->Member(kG1, "fp-a"), std::nullopt);
  EXPECT_EQ(this->Member(kG1, "fp-c"), std::nullopt);
  EXPECT_EQ(this->Member(kG1, "fp-b"), AlarmStatus::kAlarm);
  EXPECT_EQ(this->Member(longer, "fp-a"), AlarmStatus::kAlarm);
  EXPECT_EQ(this->Member(kG2, ""), AlarmStatus::kAlarm);
}

// --- MemoryStore only ---------------------------------------------------------------------------

TEST(MemoryGroupStoreTest, FailedCommitChangesNoGroup) {
  MemoryStore store;
  store.FailNextCommits(1);
  ChangeSet c;
  c.Get<GroupChanges>().Put(FullGroup(kG1));
  c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
  EXPECT_EQ(store.Commit(c, Durability::kProcess).code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store.Get<GroupStore>().Get(kG1), std::nullopt);
  EXPECT_EQ(*store.Get<GroupStore>().GetMember(kG1, "fp-a"), std::nullopt);
}

TEST(MemoryGroupStoreTest, ApproximateBytesCountsMembers) {
  MemoryStore store;
  const uint64_t before = store.ApproximateBytes();
  ChangeSet c;
  for (int i = 0; i < 100; ++i) {
    c.Get<GroupChanges>().PutMember(kG1, "fp-" + std::to_string(i), AlarmStatus::kOk);
  }
  ASSERT_TRUE(store.Commit(c, Durability::kProcess).ok());
  EXPECT_GE(store.ApproximateBytes(), before + 100 * kG1.size());
}

// --- RocksDbStore only --------------------------------------------------------------------------

TEST(RocksDbGroupStoreTest, ReopenKeepsGroups) {
  TempDir dir;
  const GroupState full = FullGroup(kG1);
  {
    auto store = RocksDbStore::Open(dir.sub("db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    ChangeSet c;
    c.Get<GroupChanges>().Put(full);
    c.Get<GroupChanges>().Put(BareGroup(kG2));
    c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
    c.Get<GroupChanges>().PutMember(kG2, "fp-a", AlarmStatus::kAlarm);
    ASSERT_TRUE((*store)->Commit(c, Durability::kMachine).ok());
    ChangeSet del;
    del.Get<GroupChanges>().Delete(kG2);
    ASSERT_TRUE((*store)->Commit(del, Durability::kProcess).ok());
  }
  auto store = RocksDbStore::Open(dir.sub("db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto got = (*store)->Get<GroupStore>().Get(kG1);
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status().message();
  EXPECT_EQ(Values(**got), Values(full));
  EXPECT_EQ(*(*store)->Get<GroupStore>().Get(kG2), std::nullopt);
  EXPECT_EQ(*(*store)->Get<GroupStore>().GetMember(kG1, "fp-a"), AlarmStatus::kAlarm);
  EXPECT_EQ(*(*store)->Get<GroupStore>().GetMember(kG2, "fp-a"), std::nullopt);
  std::vector<std::string> keys;
  ASSERT_TRUE((*store)
                  ->Get<GroupStore>()
                  .ForEach([&](const GroupState& g) { keys.push_back(g.key); })
                  .ok());
  EXPECT_THAT(keys, ElementsAre(kG1));
}

// A database written before rule groups and silences were stored opens (their families are
// created) and keeps its data: the layout only grew, so it stays schema version 1.
TEST(RocksDbGroupStoreTest, DatabaseWithoutGroupAndSilenceFamiliesOpensAndGainsThem) {
  TempDir dir;
  const std::string path = dir.sub("db");
  WithRawDb(
      path, {"alarms", "meta", "incidents", "incident_index", "timeline", "incident_groups"},
      [](rocksdb::DB* db, auto& cf) {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "1").ok());
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "incident_sequence", "7").ok());
      });
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_EQ(*(*store)->Get<IncidentStore>().LastSequence(), 7u);
    ChangeSet c;
    c.Get<GroupChanges>().Put(FullGroup(kG1));
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &families).ok());
  EXPECT_THAT(families, ::testing::IsSupersetOf({"groups", "group_members", "silences"}));
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_TRUE((*store)->Get<GroupStore>().Get(kG1)->has_value());
}

// Written before members were stored apart: the groups family exists, group_members does not.
TEST(RocksDbGroupStoreTest, DatabaseWithoutTheMembersFamilyOpensAndGainsIt) {
  TempDir dir;
  const std::string path = dir.sub("db");
  WithRawDb(
      path,
      {"alarms", "meta", "incidents", "incident_index", "timeline", "incident_groups", "groups",
       "silences"},
      [](rocksdb::DB* db, auto& cf) {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "1").ok());
      });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ChangeSet c;
  c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kOk);
  ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  EXPECT_EQ(*(*store)->Get<GroupStore>().GetMember(kG1, "fp-a"), AlarmStatus::kOk);
}

TEST(RocksDbGroupStoreTest, CorruptMemberReadsAsInternalNamingGroupAndFingerprint) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    ChangeSet c;
    c.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    // The on-disk layout: group key, NUL, fingerprint → "alarm" | "ok".
    std::string value;
    const std::string key = kG1 + std::string(1, '\0') + "fp-a";
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), cf.at("group_members"), key, &value).ok());
    EXPECT_EQ(value, "alarm");
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("group_members"), key, "firing").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto got = (*store)->Get<GroupStore>().GetMember(kG1, "fp-a");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr(kG1));
  EXPECT_THAT(got.status().message(), HasSubstr("fp-a"));
  EXPECT_THAT(got.status().message(), HasSubstr("firing"));
}

TEST(RocksDbGroupStoreTest, CorruptGroupReadsAsInternalNamingTheKey) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    ChangeSet c;
    c.Get<GroupChanges>().Put(FullGroup(kG1));
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("groups"), kG1, R"({"v":1})").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto got = (*store)->Get<GroupStore>().Get(kG1);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr(kG1));
  Status each = (*store)->Get<GroupStore>().ForEach([](const GroupState&) {});
  EXPECT_EQ(each.code(), StatusCode::kInternal);
  EXPECT_THAT(each.message(), HasSubstr(kG1));
}

}  // namespace
}  // namespace alarmgate
