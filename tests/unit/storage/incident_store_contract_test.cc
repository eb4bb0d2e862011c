// The IncidentStore contract over every Store (MemoryStore, RocksDbStore): records, newest-first
// listing through the indexes, timelines, the open incident of a group, the sequence; plus what
// only RocksDB has (reopen, older layouts, corrupt values).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/memory/memory_store.h"
#include "storage/rocksdb/rocksdb_store.h"
#include "tests/unit/storage/raw_rocksdb.h"
#include "tests/unit/storage/storage_test_util.h"
#include "tests/unit/storage/store_test_envs.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::EnvNames;
using ::alarmgate::testing::Envs;
using ::alarmgate::testing::FullIncident;
using ::alarmgate::testing::MakeEntry;
using ::alarmgate::testing::MakeIncident;
using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::Num;
using ::alarmgate::testing::PutIncident;
using ::alarmgate::testing::StoreOf;
using ::alarmgate::testing::TempDir;
using ::alarmgate::testing::Tie;
using ::alarmgate::testing::WithRawDb;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using S = IncidentStatus;

std::vector<std::string> Nums(const std::vector<Incident>& incidents) {
  std::vector<std::string> out;
  for (const auto& i : incidents) out.push_back(i.incident_num);
  return out;
}

std::vector<std::string> Actions(const std::vector<TimelineEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.action);
  return out;
}

Status PutIncidents(Store& store, std::vector<Incident> incidents) {
  ChangeSet changes;
  for (auto& i : incidents) PutIncident(changes.Get<IncidentChanges>(), std::move(i));
  return store.Commit(changes, Durability::kProcess);
}

template <typename Env>
class IncidentStoreContractTest : public ::testing::Test {
 protected:
  Store& store() { return env_.store(); }
  IncidentStore& incidents() { return StoreOf<IncidentStore>(env_.store()); }

  void Put(std::vector<Incident> list) { ASSERT_TRUE(PutIncidents(store(), std::move(list)).ok()); }
  void Commit(const ChangeSet& changes) {
    ASSERT_TRUE(store().Commit(changes, Durability::kProcess).ok());
  }
  std::optional<Incident> Get(const std::string& num) {
    auto got = incidents().Get(num);
    EXPECT_TRUE(got.ok()) << got.status().message();
    return got.ok() ? *got : std::nullopt;
  }
  std::vector<std::string> ListNums(const IncidentQuery& query) {
    auto listed = incidents().List(query);
    EXPECT_TRUE(listed.ok()) << listed.status().message();
    return listed.ok() ? Nums(*listed) : std::vector<std::string>{};
  }
  std::optional<std::string> OpenOf(const std::string& group_key) {
    auto found = incidents().FindOpenByGroup(group_key);
    EXPECT_TRUE(found.ok()) << found.status().message();
    return found.ok() ? *found : std::nullopt;
  }
  std::vector<std::string> NumsWithStatus(IncidentStatus status) {
    std::vector<std::string> seen;
    EXPECT_TRUE(
        incidents()
            .ForEachWithStatus(status, [&](const Incident& i) { seen.push_back(i.incident_num); })
            .ok());
    return seen;
  }
  // Pages through `query` with `page` per request; fails on a page that is not full but not last.
  std::vector<std::string> AllPages(IncidentQuery query, size_t page) {
    std::vector<std::string> all;
    query.limit = page;
    for (int guard = 0; guard < 10'000; ++guard) {
      std::vector<std::string> got = ListNums(query);
      all.insert(all.end(), got.begin(), got.end());
      if (got.size() < page) return all;
      query.marker = got.back();
    }
    ADD_FAILURE() << "paging did not end";
    return all;
  }

  Env env_;
};

TYPED_TEST_SUITE(IncidentStoreContractTest, Envs, EnvNames);

TYPED_TEST(IncidentStoreContractTest, GetOfUnknownIncidentIsNullopt) {
  EXPECT_EQ(this->Get(Num(1)), std::nullopt);
}

TYPED_TEST(IncidentStoreContractTest, PutThenGetReturnsEveryField) {
  const Incident full = FullIncident(Num(7));
  Incident bare = MakeIncident(Num(8));  // every optional unset, every list empty
  this->Put({full, bare});

  auto got = this->Get(Num(7));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Tie(*got), Tie(full));
  auto got_bare = this->Get(Num(8));
  ASSERT_TRUE(got_bare.has_value());
  EXPECT_EQ(Tie(*got_bare), Tie(bare));
}

TYPED_TEST(IncidentStoreContractTest, LaterCommitOverwrites) {
  this->Put({MakeIncident(Num(1))});
  Incident updated = MakeIncident(Num(1), S::kAcknowledged);
  updated.title = "new title";
  this->Put({updated});
  auto got = this->Get(Num(1));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Tie(*got), Tie(updated));
}

TYPED_TEST(IncidentStoreContractTest, ListIsNewestFirstStrictlyOlderThanTheMarker) {
  this->Put({MakeIncident(Num(3)), MakeIncident(Num(1)), MakeIncident(Num(5)), MakeIncident(Num(2)),
             MakeIncident(Num(4))});
  EXPECT_THAT(this->ListNums({.limit = 2}), ElementsAre(Num(5), Num(4)));
  EXPECT_THAT(this->ListNums({.limit = 2, .marker = Num(4)}), ElementsAre(Num(3), Num(2)));
  EXPECT_THAT(this->ListNums({.limit = 2, .marker = Num(2)}), ElementsAre(Num(1)));
  EXPECT_THAT(this->ListNums({.limit = 2, .marker = Num(1)}), IsEmpty());
  EXPECT_THAT(this->ListNums({.limit = 0}), IsEmpty());
  // A marker that names no stored incident still continues below it.
  EXPECT_THAT(this->ListNums({.limit = 10, .marker = Num(3) + "x"}),
              ElementsAre(Num(3), Num(2), Num(1)));
  EXPECT_THAT(this->ListNums({.limit = 10, .marker = Num(99)}),
              ElementsAre(Num(5), Num(4), Num(3), Num(2), Num(1)));
  // The same with a filter: the marker bounds the index scan too.
  EXPECT_THAT(this->ListNums({.status = S::kTriggered, .limit = 2, .marker = Num(4)}),
              ElementsAre(Num(3), Num(2)));
}

TYPED_TEST(IncidentStoreContractTest, PagingThroughAThousandIncidentsSeesEachOnce) {
  constexpr int kCount = 1000;
  const std::vector<S> statuses = {S::kTriggered, S::kAcknowledged, S::kResolved, S::kCompleted};
  std::vector<std::string> all_newest_first;
  std::vector<std::string> triggered_newest_first;
  std::vector<std::string> creator_b_level_10_newest_first;
  // Several commits, so that RocksDB also pages across memtable and flushed data boundaries.
  for (int start = 1; start <= kCount; start += 250) {
    std::vector<Incident> batch;
    for (int n = start; n < start + 250; ++n) {
      Incident i = MakeIncident(Num(n), statuses[n % statuses.size()]);
      i.creator = n % 3 == 0 ? "b" : "a";
      i.level = n % 5 == 0 ? IncidentLevel::kLevel10 : IncidentLevel::kLevel40;
      batch.push_back(std::move(i));
    }
    this->Put(std::move(batch));
  }
  for (int n = kCount; n >= 1; --n) {
    all_newest_first.push_back(Num(n));
    if (statuses[n % statuses.size()] == S::kTriggered) triggered_newest_first.push_back(Num(n));
    if (n % 3 == 0 && n % 5 == 0) creator_b_level_10_newest_first.push_back(Num(n));
  }

  EXPECT_THAT(this->AllPages({}, 37), ElementsAreArray(all_newest_first));
  EXPECT_THAT(this->AllPages({}, 1000), ElementsAreArray(all_newest_first));
  EXPECT_THAT(this->AllPages({.status = S::kTriggered}, 17),
              ElementsAreArray(triggered_newest_first));
  EXPECT_THAT(this->AllPages({.level = IncidentLevel::kLevel10, .creator = "b"}, 7),
              ElementsAreArray(creator_b_level_10_newest_first));
}

TYPED_TEST(IncidentStoreContractTest, ListFiltersAndTheirCombinations) {
  auto make = [](int n, S status, IncidentLevel level, IncidentSource source, std::string creator) {
    Incident i = MakeIncident(Num(n), status);
    i.level = level;
    i.source = source;
    i.creator = std::move(creator);
    return i;
  };
  using L = IncidentLevel;
  using O = IncidentSource;
  this->Put({
      make(1, S::kTriggered, L::kLevel10, O::kAlarm, "alice"),
      make(2, S::kResolved, L::kLevel10, O::kManual, "bob"),
      make(3, S::kTriggered, L::kLevel20, O::kManual, "alice"),
      make(4, S::kAcknowledged, L::kLevel10, O::kAlarm, "alicea"),
      make(5, S::kTriggered, L::kLevel10, O::kManual, "bob"),
      make(6, S::kTriggered, L::kLevel20, O::kAlarm, "alice"),
      make(7, S::kCompleted, L::kLevel50, O::kForwarding, ""),
  });
  struct Case {
    std::string name;
    IncidentQuery query;
    std::vector<int> want;
  };
  const std::vector<Case> cases = {
      {"none", {.limit = 10}, {7, 6, 5, 4, 3, 2, 1}},
      {"status", {.status = S::kTriggered, .limit = 10}, {6, 5, 3, 1}},
      {"status without any", {.status = S::kRejected, .limit = 10}, {}},
      {"level", {.level = L::kLevel10, .limit = 10}, {5, 4, 2, 1}},
      {"source", {.source = O::kManual, .limit = 10}, {5, 3, 2}},
      {"creator", {.creator = "alice", .limit = 10}, {6, 3, 1}},
      // "alice" is a prefix of "alicea": the index must not mix them.
      {"creator with a longer namesake", {.creator = "alicea", .limit = 10}, {4}},
      {"creator prefix only", {.creator = "ali", .limit = 10}, {}},
      {"empty creator", {.creator = "", .limit = 10}, {7}},
      {"status and level", {.status = S::kTriggered, .level = L::kLevel10, .limit = 10}, {5, 1}},
      {"level and source", {.level = L::kLevel10, .source = O::kAlarm, .limit = 10}, {4, 1}},
      {"source and creator", {.source = O::kManual, .creator = "bob", .limit = 10}, {5, 2}},
      {"all four",
       {.status = S::kTriggered,
        .level = L::kLevel20,
        .source = O::kAlarm,
        .creator = "alice",
        .limit = 10},
       {6}},
      {"all four, no match",
       {.status = S::kResolved, .level = L::kLevel20, .source = O::kAlarm, .limit = 10},
       {}},
      // The limit counts matches, not index entries scanned.
      {"filters and limit", {.status = S::kTriggered, .creator = "alice", .limit = 2}, {6, 3}},
      {"filters and marker",
       {.status = S::kTriggered, .creator = "alice", .limit = 2, .marker = Num(3)},
       {1}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> want;
    for (int n : c.want) want.push_back(Num(n));
    EXPECT_EQ(this->ListNums(c.query), want) << c.name;
  }
}

TYPED_TEST(IncidentStoreContractTest, ChangingAnIndexedFieldMovesTheIncidentBetweenEntries) {
  this->Put({MakeIncident(Num(1)), MakeIncident(Num(2))});
  Incident moved = MakeIncident(Num(1), S::kAcknowledged);
  moved.level = IncidentLevel::kLevel10;
  moved.source = IncidentSource::kManual;
  moved.creator = "someone-else";
  this->Put({moved});

  EXPECT_THAT(this->ListNums({.status = S::kTriggered, .limit = 10}), ElementsAre(Num(2)));
  EXPECT_THAT(this->ListNums({.status = S::kAcknowledged, .limit = 10}), ElementsAre(Num(1)));
  EXPECT_THAT(this->ListNums({.level = IncidentLevel::kLevel30, .limit = 10}), ElementsAre(Num(2)));
  EXPECT_THAT(this->ListNums({.level = IncidentLevel::kLevel10, .limit = 10}), ElementsAre(Num(1)));
  EXPECT_THAT(this->ListNums({.source = IncidentSource::kAlarm, .limit = 10}), ElementsAre(Num(2)));
  EXPECT_THAT(this->ListNums({.creator = "alarmgate", .limit = 10}), ElementsAre(Num(2)));
  EXPECT_THAT(this->ListNums({.creator = "someone-else", .limit = 10}), ElementsAre(Num(1)));

  // Once more through every status: each lists it only while it has that status.
  for (S status : {S::kRejected, S::kResolved, S::kCompleted}) {
    moved.status = status;
    this->Put({moved});
    for (S other : {S::kTriggered, S::kAcknowledged, S::kRejected, S::kResolved, S::kCompleted}) {
      const auto listed = this->ListNums({.status = other, .limit = 10});
      const bool has = std::find(listed.begin(), listed.end(), Num(1)) != listed.end();
      EXPECT_EQ(has, other == status) << ToString(status) << " listed under " << ToString(other);
    }
  }
}

TYPED_TEST(IncidentStoreContractTest, TimelineKeepsAppendOrderAcrossCommits) {
  this->Put({MakeIncident(Num(1)), MakeIncident(Num(2))});
  TimelineEntry transition = MakeEntry("acceptedIncident1", 5000);
  transition.actor = "op-1";
  transition.from_status = S::kTriggered;
  transition.to_status = S::kAcknowledged;
  transition.parameters = R"({"comment": "看 \"this\"", "n": [1, 2]})";  // kept byte for byte
  {
    ChangeSet c;
    // Times do not order: appends do.
    c.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("create", 9000));
    c.Get<IncidentChanges>().AppendTimeline(Num(2), MakeEntry("create"));
    c.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("alarm", 100));
    this->Commit(c);
  }
  {
    ChangeSet c;
    c.Get<IncidentChanges>().AppendTimeline(Num(2), MakeEntry("alarm"));
    c.Get<IncidentChanges>().AppendTimeline(Num(1), transition);
    this->Commit(c);
  }
  {
    ChangeSet c;
    c.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("order"));
    this->Commit(c);
  }
  auto one = this->incidents().Timeline(Num(1));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_THAT(Actions(*one), ElementsAre("create", "alarm", "acceptedIncident1", "order"));
  ASSERT_EQ(one->size(), 4u);
  EXPECT_EQ(Tie((*one)[2]), Tie(transition));
  EXPECT_EQ((*one)[0].time_ms, 9000);
  EXPECT_EQ((*one)[0].from_status, std::nullopt);

  auto two = this->incidents().Timeline(Num(2));
  ASSERT_TRUE(two.ok());
  EXPECT_THAT(Actions(*two), ElementsAre("create", "alarm"));

  auto none = this->incidents().Timeline(Num(3));
  ASSERT_TRUE(none.ok());
  EXPECT_THAT(*none, IsEmpty());
}

TYPED_TEST(IncidentStoreContractTest, TimelineOfOneNumberNeverShowsAnotherThatExtendsIt) {
  ChangeSet c;
  c.Get<IncidentChanges>().AppendTimeline("IM1", MakeEntry("short"));
  c.Get<IncidentChanges>().AppendTimeline("IM12", MakeEntry("long"));
  this->Commit(c);
  auto got = this->incidents().Timeline("IM1");
  ASSERT_TRUE(got.ok());
  EXPECT_THAT(Actions(*got), ElementsAre("short"));
}

TYPED_TEST(IncidentStoreContractTest, FindOpenByGroupFollowsTheLifecycle) {
  const std::string g = "rule|host=a";
  EXPECT_EQ(this->OpenOf(g), std::nullopt);

  this->Put({MakeIncident(Num(1), S::kTriggered, g)});
  EXPECT_EQ(this->OpenOf(g), Num(1));
  this->Put({MakeIncident(Num(1), S::kAcknowledged, g)});
  EXPECT_EQ(this->OpenOf(g), Num(1));
  this->Put({MakeIncident(Num(1), S::kRejected, g)});
  EXPECT_EQ(this->OpenOf(g), Num(1));
  this->Put({MakeIncident(Num(1), S::kResolved, g)});
  EXPECT_EQ(this->OpenOf(g), std::nullopt);

  // A new incident of the group, then the old one completes: the new one stays the group's.
  this->Put({MakeIncident(Num(2), S::kTriggered, g)});
  EXPECT_EQ(this->OpenOf(g), Num(2));
  this->Put({MakeIncident(Num(1), S::kCompleted, g)});
  EXPECT_EQ(this->OpenOf(g), Num(2));
  EXPECT_EQ(this->OpenOf("rule|host=b"), std::nullopt);
}

TYPED_TEST(IncidentStoreContractTest, OneCommitCanResolveAGroupsIncidentAndOpenTheNext) {
  const std::string g = "g";
  this->Put({MakeIncident(Num(5), S::kTriggered, g)});
  // The newer incident sorts after the resolved one, and before it: both orders end the same.
  this->Put({MakeIncident(Num(5), S::kResolved, g), MakeIncident(Num(6), S::kTriggered, g)});
  EXPECT_EQ(this->OpenOf(g), Num(6));
  this->Put({MakeIncident(Num(6), S::kResolved, g), MakeIncident(Num(4), S::kTriggered, g)});
  EXPECT_EQ(this->OpenOf(g), Num(4));
}

TYPED_TEST(IncidentStoreContractTest, MovingAnOpenIncidentToAnotherGroupReleasesTheFirst) {
  this->Put({MakeIncident(Num(1), S::kTriggered, "g1")});
  this->Put({MakeIncident(Num(1), S::kTriggered, "g2")});
  EXPECT_EQ(this->OpenOf("g1"), std::nullopt);
  EXPECT_EQ(this->OpenOf("g2"), Num(1));
  this->Put({MakeIncident(Num(1), S::kTriggered, "")});  // API-created incidents have no group
  EXPECT_EQ(this->OpenOf("g2"), std::nullopt);
  EXPECT_EQ(this->OpenOf(""), std::nullopt);
}

TYPED_TEST(IncidentStoreContractTest, LastSequenceIsTheHighestCommitted) {
  auto initial = this->incidents().LastSequence();
  ASSERT_TRUE(initial.ok());
  EXPECT_EQ(*initial, 0u);
  ChangeSet c;
  c.Get<IncidentChanges>().SetSequence(41);
  this->Commit(c);
  EXPECT_EQ(*this->incidents().LastSequence(), 41u);
  ChangeSet lower;
  lower.Get<IncidentChanges>().SetSequence(7);
  this->Commit(lower);
  EXPECT_EQ(*this->incidents().LastSequence(), 41u);
  // A commit that does not allocate leaves it alone.
  this->Put({MakeIncident(Num(1))});
  EXPECT_EQ(*this->incidents().LastSequence(), 41u);
}

TYPED_TEST(IncidentStoreContractTest, ForEachWithStatusVisitsExactlyThatStatusOldestFirst) {
  this->Put({MakeIncident(Num(1), S::kDraft), MakeIncident(Num(2), S::kTriggered),
             MakeIncident(Num(3), S::kAcknowledged), MakeIncident(Num(4), S::kRejected),
             MakeIncident(Num(5), S::kResolved), MakeIncident(Num(6), S::kCompleted),
             MakeIncident(Num(7), S::kTriggered)});
  EXPECT_THAT(this->NumsWithStatus(S::kTriggered), ElementsAre(Num(2), Num(7)));
  EXPECT_THAT(this->NumsWithStatus(S::kAcknowledged), ElementsAre(Num(3)));
  EXPECT_THAT(this->NumsWithStatus(S::kDraft), ElementsAre(Num(1)));

  this->Put({MakeIncident(Num(3), S::kResolved), MakeIncident(Num(5), S::kRejected)});
  EXPECT_THAT(this->NumsWithStatus(S::kAcknowledged), IsEmpty());
  // The callback may read the store (startup code looks things up while counting).
  std::vector<std::string> seen;
  ASSERT_TRUE(this->incidents()
                  .ForEachWithStatus(S::kRejected,
                                     [&](const Incident& i) {
                                       seen.push_back(i.incident_num);
                                       EXPECT_TRUE(this->incidents().Get(i.incident_num).ok());
                                     })
                  .ok());
  EXPECT_THAT(seen, ElementsAre(Num(4), Num(5)));
}

// Which incident is a group's open one is the domain's verdict, staged with it: the store follows
// the flag, whatever the status says.
TYPED_TEST(IncidentStoreContractTest, FindOpenByGroupFollowsTheStagedVerdict) {
  ChangeSet c;
  c.Get<IncidentChanges>().Put(MakeIncident(Num(1), S::kResolved, "g"), /*open=*/true);
  this->Commit(c);
  EXPECT_EQ(this->OpenOf("g"), Num(1));
  ChangeSet closed;
  closed.Get<IncidentChanges>().Put(MakeIncident(Num(1), S::kTriggered, "g"), /*open=*/false);
  this->Commit(closed);
  EXPECT_EQ(this->OpenOf("g"), std::nullopt);
}

TYPED_TEST(IncidentStoreContractTest, IncidentsTimelineAndAlarmsCommitTogether) {
  ChangeSet c;
  c.Get<AlarmChanges>().Put(MakeRecord("fp"));
  PutIncident(c.Get<IncidentChanges>(), MakeIncident(Num(1), S::kTriggered, "g"));
  c.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("create"));
  c.Get<IncidentChanges>().SetSequence(1);
  EXPECT_FALSE(c.empty());
  this->Commit(c);
  EXPECT_TRUE(StoreOf<AlarmStore>(this->store()).Get("fp")->has_value());
  EXPECT_TRUE(this->Get(Num(1)).has_value());
  EXPECT_EQ(this->incidents().Timeline(Num(1))->size(), 1u);
  EXPECT_EQ(this->OpenOf("g"), Num(1));
  EXPECT_EQ(*this->incidents().LastSequence(), 1u);
}

// --- MemoryStore only ---------------------------------------------------------------------------

TEST(MemoryIncidentStoreTest, FailedCommitChangesNoIncident) {
  MemoryStore store;
  store.FailNextCommits(1);
  ChangeSet c;
  PutIncident(c.Get<IncidentChanges>(), MakeIncident(Num(1), S::kTriggered, "g"));
  c.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("create"));
  c.Get<IncidentChanges>().SetSequence(1);
  EXPECT_EQ(store.Commit(c, Durability::kProcess).code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store.Get<IncidentStore>().Get(Num(1)), std::nullopt);
  EXPECT_THAT(*store.Get<IncidentStore>().Timeline(Num(1)), IsEmpty());
  EXPECT_EQ(*store.Get<IncidentStore>().FindOpenByGroup("g"), std::nullopt);
  EXPECT_EQ(*store.Get<IncidentStore>().LastSequence(), 0u);
}

// --- RocksDbStore only --------------------------------------------------------------------------

TEST(RocksDbIncidentStoreTest, ReopenKeepsIncidentsTimelineGroupsAndSequence) {
  TempDir dir;
  const Incident full = FullIncident(Num(3));
  {
    auto store = RocksDbStore::Open(dir.sub("db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    ChangeSet c;
    PutIncident(c.Get<IncidentChanges>(), full);
    PutIncident(c.Get<IncidentChanges>(), MakeIncident(Num(4), S::kTriggered, "g"));
    c.Get<IncidentChanges>().AppendTimeline(Num(4), MakeEntry("create"));
    c.Get<IncidentChanges>().AppendTimeline(Num(4), MakeEntry("alarm"));
    c.Get<IncidentChanges>().SetSequence(4);
    ASSERT_TRUE((*store)->Commit(c, Durability::kMachine).ok());
  }
  auto store = RocksDbStore::Open(dir.sub("db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  IncidentStore& incidents = (*store)->Get<IncidentStore>();
  auto got = incidents.Get(Num(3));
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(Tie(**got), Tie(full));
  EXPECT_EQ(*incidents.LastSequence(), 4u);
  EXPECT_EQ(*incidents.FindOpenByGroup("g"), Num(4));
  auto listed = incidents.List({.status = S::kTriggered, .limit = 10});
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(Nums(*listed), ElementsAre(Num(4)));

  // The global timeline sequence continues: entries after the reopen follow the earlier ones.
  ChangeSet more;
  more.Get<IncidentChanges>().AppendTimeline(Num(4), MakeEntry("order"));
  ASSERT_TRUE((*store)->Commit(more, Durability::kProcess).ok());
  EXPECT_THAT(Actions(*incidents.Timeline(Num(4))), ElementsAre("create", "alarm", "order"));
}

// A database written before the incident column families existed opens (they are created) and
// keeps its data: the layout only grew, so it stays schema version 1.
TEST(RocksDbIncidentStoreTest, DatabaseWithoutIncidentFamiliesOpensAndGainsThem) {
  TempDir dir;
  const std::string path = dir.sub("db");
  WithRawDb(path, {"alarms", "meta"}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "1").ok());
  });
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ChangeSet c;
    c.Get<AlarmChanges>().Put(MakeRecord("fp"));
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &families).ok());
  EXPECT_THAT(families, ::testing::IsSupersetOf({"alarms", "meta", "incidents", "incident_index",
                                                 "timeline", "incident_groups"}));

  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_TRUE((*store)->Get<AlarmStore>().Get("fp")->has_value());
  ASSERT_TRUE(PutIncidents(**store, {MakeIncident(Num(1))}).ok());
  EXPECT_TRUE((*store)->Get<IncidentStore>().Get(Num(1))->has_value());
}

TEST(RocksDbIncidentStoreTest, CorruptValuesReadAsInternalNamingTheKey) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    ChangeSet c;
    PutIncident(c.Get<IncidentChanges>(), MakeIncident(Num(1)));
    c.Get<IncidentChanges>().AppendTimeline(Num(2), MakeEntry("create"));
    ASSERT_TRUE((*store)->Commit(c, Durability::kProcess).ok());
  }
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("incidents"), Num(1), "{not json").ok());
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), cf.at("timeline")));
    it->SeekToFirst();
    ASSERT_TRUE(it->Valid());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("timeline"), it->key(), "[]").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "incident_sequence", "12x").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  IncidentStore& incidents = (*store)->Get<IncidentStore>();

  auto got = incidents.Get(Num(1));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr(Num(1)));
  for (const IncidentQuery& q :
       {IncidentQuery{.limit = 10}, IncidentQuery{.status = S::kTriggered, .limit = 10}}) {
    EXPECT_EQ(incidents.List(q).status().code(), StatusCode::kInternal);
  }
  EXPECT_EQ(incidents.ForEachWithStatus(S::kTriggered, [](const Incident&) {}).code(),
            StatusCode::kInternal);

  auto timeline = incidents.Timeline(Num(2));
  ASSERT_FALSE(timeline.ok());
  EXPECT_EQ(timeline.status().code(), StatusCode::kInternal);
  EXPECT_THAT(timeline.status().message(), HasSubstr(Num(2)));

  auto sequence = incidents.LastSequence();
  ASSERT_FALSE(sequence.ok());
  EXPECT_EQ(sequence.status().code(), StatusCode::kInternal);
  EXPECT_THAT(sequence.status().message(), HasSubstr("incident_sequence"));

  // A commit that must read the corrupt record (for its old index keys) writes nothing.
  ChangeSet c;
  PutIncident(c.Get<IncidentChanges>(), MakeIncident(Num(1), S::kResolved));
  c.Get<AlarmChanges>().Put(MakeRecord("fp"));
  EXPECT_FALSE((*store)->Commit(c, Durability::kProcess).ok());
  EXPECT_EQ(*(*store)->Get<AlarmStore>().Get("fp"), std::nullopt);
}

// Listing re-checks every filter on the record, so stale index keys would not show; they would
// only pile up. The index holds exactly the current version's four keys.
TEST(RocksDbIncidentStoreTest, IndexHoldsOnlyTheCurrentVersionsKeys) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    Incident i = MakeIncident(Num(1));
    ASSERT_TRUE(PutIncidents(**store, {i}).ok());
    i.status = S::kAcknowledged;
    i.creator = "other";
    ASSERT_TRUE(PutIncidents(**store, {i}).ok());
    i.status = S::kResolved;
    i.level = IncidentLevel::kLevel10;
    i.source = IncidentSource::kManual;
    ASSERT_TRUE(PutIncidents(**store, {i}).ok());
  }
  std::vector<std::string> keys;
  WithRawDb(path, {}, [&](rocksdb::DB* db, auto& cf) {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), cf.at("incident_index")));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
  });
  using namespace std::string_literals;
  EXPECT_THAT(keys, UnorderedElementsAre(
                        "s\0INCIDENT_STATUS_RESOLVED\0"s + Num(1), "l\0level_10\0"s + Num(1),
                        "o\0incident_source_manual\0"s + Num(1), "c\0other\0"s + Num(1)));
}

// A filtered List reads only the records its index names, never a full scan: a corrupt record
// outside the filter breaks the unfiltered listing but not the filtered one.
TEST(RocksDbIncidentStoreTest, FilteredListReadsOnlyTheRecordsItsIndexNames) {
  TempDir dir;
  const std::string path = dir.sub("db");
  {
    auto store = RocksDbStore::Open(path);
    ASSERT_TRUE(store.ok());
    std::vector<Incident> batch;
    for (int n = 1; n <= 50; ++n) batch.push_back(MakeIncident(Num(n), S::kCompleted));
    batch.push_back(MakeIncident(Num(7), S::kRejected));
    batch.push_back(MakeIncident(Num(51), S::kRejected));
    ASSERT_TRUE(PutIncidents(**store, std::move(batch)).ok());
  }
  WithRawDb(path, {}, [](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("incidents"), Num(30), "corrupt").ok());
  });
  auto store = RocksDbStore::Open(path);
  ASSERT_TRUE(store.ok());
  auto filtered = (*store)->Get<IncidentStore>().List({.status = S::kRejected, .limit = 10});
  ASSERT_TRUE(filtered.ok()) << filtered.status().message();
  EXPECT_THAT(Nums(*filtered), ElementsAre(Num(51), Num(7)));
  EXPECT_EQ((*store)->Get<IncidentStore>().List({.limit = 100}).status().code(),
            StatusCode::kInternal);
}

}  // namespace
}  // namespace alarmgate
