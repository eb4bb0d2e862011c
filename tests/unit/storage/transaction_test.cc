// Transaction reads over every Store, through each aggregate's view: the job's own staged writes
// first, then the group's, then the store — for alarms, incidents, the open incident of a group,
// the incident sequence, rule groups and their members, and the silence sequence.

#include "storage/transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "incidents/incident_number.h"
#include "storage/alarm_view.h"
#include "storage/group_view.h"
#include "storage/incident_view.h"
#include "storage/silence_view.h"
#include "tests/unit/storage/rule_state_test_util.h"
#include "tests/unit/storage/storage_test_util.h"
#include "tests/unit/storage/store_test_envs.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::BareGroup;
using ::alarmgate::testing::EnvNames;
using ::alarmgate::testing::Envs;
using ::alarmgate::testing::FullGroup;
using ::alarmgate::testing::MakeIncident;
using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::MakeSilence;
using ::alarmgate::testing::Num;
using ::alarmgate::testing::PutIncident;
using ::alarmgate::testing::StoreOf;

using S = IncidentStatus;

template <typename Env>
class TransactionTest : public ::testing::Test {
 protected:
  Store& store() { return env_.store(); }
  void Commit(const ChangeSet& changes) {
    ASSERT_TRUE(store().Commit(changes, Durability::kProcess).ok());
  }
  void CommitIncidents(std::vector<Incident> incidents) {
    ChangeSet c;
    for (auto& i : incidents) PutIncident(c.Get<IncidentChanges>(), std::move(i));
    Commit(c);
  }

  Env env_;
};

TYPED_TEST_SUITE(TransactionTest, Envs, EnvNames);

TYPED_TEST(TransactionTest, GetAlarmPrefersOwnThenGroupThenStore) {
  AlarmRecord stored = MakeRecord("fp");
  stored.count = 1;
  ChangeSet c;
  c.Get<AlarmChanges>().Put(stored);
  c.Get<AlarmChanges>().Put(MakeRecord("deleted-by-group"));
  this->Commit(c);

  ChangeSet staged;
  AlarmRecord grouped = MakeRecord("fp");
  grouped.count = 2;
  staged.Get<AlarmChanges>().Put(grouped);
  staged.Get<AlarmChanges>().Delete("deleted-by-group");
  Transaction txn(this->store(), staged);
  EXPECT_EQ((*AlarmView(txn).Get("fp"))->count, 2);
  EXPECT_EQ(*AlarmView(txn).Get("deleted-by-group"), std::nullopt);
  AlarmRecord own = MakeRecord("fp");
  own.count = 3;
  AlarmView(txn).Put(own);
  EXPECT_EQ((*AlarmView(txn).Get("fp"))->count, 3);
}

TYPED_TEST(TransactionTest, GetIncidentPrefersOwnThenGroupThenStore) {
  this->CommitIncidents({MakeIncident(Num(1), S::kTriggered), MakeIncident(Num(2))});
  ChangeSet staged;
  PutIncident(staged.Get<IncidentChanges>(), MakeIncident(Num(1), S::kAcknowledged));
  // Not in the store at all:
  PutIncident(staged.Get<IncidentChanges>(), MakeIncident(Num(3), S::kTriggered));
  Transaction txn(this->store(), staged);

  EXPECT_EQ((*IncidentView(txn).Get(Num(1)))->status, S::kAcknowledged);
  EXPECT_EQ((*IncidentView(txn).Get(Num(2)))->status, S::kTriggered);
  EXPECT_TRUE(IncidentView(txn).Get(Num(3))->has_value());
  EXPECT_EQ(*IncidentView(txn).Get(Num(4)), std::nullopt);
  PutIncident(IncidentView(txn), MakeIncident(Num(1), S::kResolved));
  EXPECT_EQ((*IncidentView(txn).Get(Num(1)))->status, S::kResolved);
  // The group's staged version is untouched until the job succeeds.
  EXPECT_EQ(staged.Get<IncidentChanges>().incidents().at(Num(1)).incident.status, S::kAcknowledged);
}

TYPED_TEST(TransactionTest, FindOpenIncidentByGroupSeesStagedIncidents) {
  const std::string g = "g";
  // In the store: Num(1) is g's open incident; Num(2) is an older, resolved incident of g.
  this->CommitIncidents({MakeIncident(Num(2), S::kResolved, g)});
  this->CommitIncidents({MakeIncident(Num(1), S::kTriggered, g)});

  struct Case {
    std::string name;
    std::vector<Incident> group_staged;
    std::vector<Incident> own;
    std::optional<std::string> want;
  };
  const std::vector<Case> cases = {
      {"nothing staged: the store's", {}, {}, Num(1)},
      {"group resolved it", {MakeIncident(Num(1), S::kResolved, g)}, {}, std::nullopt},
      {"own job resolved it", {}, {MakeIncident(Num(1), S::kResolved, g)}, std::nullopt},
      {"group resolved it and opened the next",
       {MakeIncident(Num(1), S::kResolved, g), MakeIncident(Num(3), S::kTriggered, g)},
       {},
       Num(3)},
      {"group resolved it, own job opened the next",
       {MakeIncident(Num(1), S::kResolved, g)},
       {MakeIncident(Num(3), S::kTriggered, g)},
       Num(3)},
      {"own job overrides the group's version",
       {MakeIncident(Num(3), S::kTriggered, g)},
       {MakeIncident(Num(3), S::kResolved, g)},
       Num(1)},
      {"a closed incident that was not the open one changes nothing",
       {MakeIncident(Num(2), S::kCompleted, g)},
       {},
       Num(1)},
      {"another group's incidents change nothing",
       {MakeIncident(Num(4), S::kTriggered, "other"), MakeIncident(Num(5), S::kResolved, "other")},
       {},
       Num(1)},
      {"still open after a staged acknowledge",
       {MakeIncident(Num(1), S::kAcknowledged, g)},
       {},
       Num(1)},
      {"moved to another group", {MakeIncident(Num(1), S::kTriggered, "other")}, {}, std::nullopt},
  };
  for (const auto& c : cases) {
    ChangeSet staged;
    for (const auto& i : c.group_staged) PutIncident(staged.Get<IncidentChanges>(), i);
    Transaction txn(this->store(), staged);
    for (const auto& i : c.own) PutIncident(IncidentView(txn), i);
    auto found = IncidentView(txn).FindOpenByGroup(g);
    ASSERT_TRUE(found.ok()) << c.name << ": " << found.status().message();
    EXPECT_EQ(*found, c.want) << c.name;
  }
}

TYPED_TEST(TransactionTest, FindOpenIncidentByGroupOfAnEmptyStoreIsNullopt) {
  ChangeSet staged;
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*IncidentView(txn).FindOpenByGroup("g"), std::nullopt);
  PutIncident(IncidentView(txn), MakeIncident(Num(1), S::kTriggered, "g"));
  EXPECT_EQ(*IncidentView(txn).FindOpenByGroup("g"), Num(1));
  // An API-created incident has no group: "" is nobody's group, staged or stored.
  PutIncident(IncidentView(txn), MakeIncident(Num(2), S::kTriggered, ""));
  EXPECT_EQ(*IncidentView(txn).FindOpenByGroup(""), std::nullopt);
}

TYPED_TEST(TransactionTest, AllocateIncidentSequenceContinuesAfterEverySource) {
  {
    ChangeSet empty;
    Transaction txn(this->store(), empty);
    EXPECT_EQ(*IncidentView(txn).AllocateSequence(), 1u);  // an empty store starts at 1
  }
  ChangeSet c;
  c.Get<IncidentChanges>().SetSequence(41);
  this->Commit(c);

  ChangeSet staged;
  Transaction first(this->store(), staged);
  EXPECT_EQ(*IncidentView(first).AllocateSequence(), 42u);
  EXPECT_EQ(*IncidentView(first).AllocateSequence(), 43u);  // its own staged allocation counts
  EXPECT_EQ(first.changes().Get<IncidentChanges>().sequence(), 43u);
  staged.Merge(std::move(first.changes()));

  Transaction second(this->store(), staged);
  EXPECT_EQ(*IncidentView(second).AllocateSequence(), 44u);  // the group's staged allocation counts
  staged.Merge(std::move(second.changes()));
  this->Commit(staged);
  EXPECT_EQ(*StoreOf<IncidentStore>(this->store()).LastSequence(), 44u);
}

// Two jobs of one group commit: each sees the other's allocation before anything is on disk.
TYPED_TEST(TransactionTest, TwoJobsOfOneGroupGetConsecutiveSequences) {
  ChangeSet c;
  c.Get<IncidentChanges>().SetSequence(10);
  this->Commit(c);

  ChangeSet staged;
  Transaction job1(this->store(), staged);
  auto n1 = IncidentView(job1).AllocateSequence();
  ASSERT_TRUE(n1.ok());
  PutIncident(IncidentView(job1), MakeIncident(FormatIncidentNum(*n1, 0), S::kTriggered, "g"));
  staged.Merge(std::move(job1.changes()));

  Transaction job2(this->store(), staged);
  auto n2 = IncidentView(job2).AllocateSequence();
  ASSERT_TRUE(n2.ok());
  EXPECT_EQ(*n1, 11u);
  EXPECT_EQ(*n2, 12u);
  // And job2 sees job1's incident as the group's open one.
  EXPECT_EQ(*IncidentView(job2).FindOpenByGroup("g"), FormatIncidentNum(11, 0));
}

// What an incident number can hold is the incident service's limit, not storage's.
TYPED_TEST(TransactionTest, AllocateIncidentSequenceKnowsNoDomainLimit) {
  ChangeSet c;
  c.Get<IncidentChanges>().SetSequence(kMaxIncidentSequence);
  this->Commit(c);
  ChangeSet staged;
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*IncidentView(txn).AllocateSequence(), kMaxIncidentSequence + 1);
}

TYPED_TEST(TransactionTest, GetGroupPrefersOwnThenGroupThenStore) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  const std::string g3 = R"(["r","3"])";
  ChangeSet c;
  c.Get<GroupChanges>().Put(FullGroup(g1));
  c.Get<GroupChanges>().Put(FullGroup(g2));
  this->Commit(c);

  ChangeSet staged;
  GroupState grouped = FullGroup(g1);
  grouped.transitions_ms = {1};
  staged.Get<GroupChanges>().Put(grouped);
  staged.Get<GroupChanges>().Delete(g2);
  staged.Get<GroupChanges>().Put(BareGroup(g3));  // not in the store at all
  Transaction txn(this->store(), staged);
  EXPECT_EQ((*GroupView(txn).Get(g1))->transitions_ms, std::vector<int64_t>{1});
  EXPECT_EQ(*GroupView(txn).Get(g2), std::nullopt);
  EXPECT_TRUE(GroupView(txn).Get(g3)->has_value());
  EXPECT_EQ(*GroupView(txn).Get(R"(["r","4"])"), std::nullopt);

  GroupState own = FullGroup(g1);
  own.transitions_ms = {1, 2};
  GroupView(txn).Put(own);
  GroupView(txn).Put(FullGroup(g2));  // re-created after the group deleted it
  EXPECT_EQ((*GroupView(txn).Get(g1))->transitions_ms, (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(GroupView(txn).Get(g2)->has_value());
  GroupView(txn).Delete(g3);
  EXPECT_EQ(*GroupView(txn).Get(g3), std::nullopt);
  // The group's staged version is untouched until the job succeeds.
  EXPECT_EQ(staged.Get<GroupChanges>().groups().at(g1)->transitions_ms, std::vector<int64_t>{1});
  // The store still holds its own until the commit.
  EXPECT_EQ((*StoreOf<GroupStore>(this->store()).Get(g1))->transitions_ms,
            FullGroup(g1).transitions_ms);
}

TYPED_TEST(TransactionTest, GetGroupMemberPrefersOwnThenGroupThenStore) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  ChangeSet c;
  c.Get<GroupChanges>().PutMember(g1, "stored", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(g1, "grouped", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(g1, "own", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(g2, "stored", AlarmStatus::kAlarm);
  this->Commit(c);

  ChangeSet staged;
  staged.Get<GroupChanges>().PutMember(g1, "grouped", AlarmStatus::kOk);
  staged.Get<GroupChanges>().PutMember(g1, "new", AlarmStatus::kAlarm);  // not in the store at all
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "stored"), AlarmStatus::kAlarm);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "grouped"), AlarmStatus::kOk);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "new"), AlarmStatus::kAlarm);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "unknown"), std::nullopt);
  EXPECT_EQ(*GroupView(txn).GetMember(g2, "grouped"), std::nullopt);  // members are per group

  GroupView(txn).PutMember(g1, "own", AlarmStatus::kOk);
  GroupView(txn).PutMember(g1, "grouped", AlarmStatus::kAlarm);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "own"), AlarmStatus::kOk);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "grouped"), AlarmStatus::kAlarm);
  // The group's staged version and the store are untouched until the job succeeds.
  EXPECT_EQ(staged.Get<GroupChanges>().members().at({g1, "grouped"}), AlarmStatus::kOk);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g1, "own"), AlarmStatus::kAlarm);

  staged.Merge(std::move(txn.changes()));
  this->Commit(staged);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g1, "own"), AlarmStatus::kOk);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g1, "grouped"), AlarmStatus::kAlarm);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g1, "new"), AlarmStatus::kAlarm);
}

// A deleted group has no members, in the store or staged, until some are put after the deletion.
TYPED_TEST(TransactionTest, GetGroupMemberSeesGroupDeletions) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  ChangeSet c;
  c.Get<GroupChanges>().PutMember(g1, "a", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(g2, "a", AlarmStatus::kAlarm);
  c.Get<GroupChanges>().PutMember(g2, "b", AlarmStatus::kAlarm);
  this->Commit(c);

  ChangeSet staged;
  staged.Get<GroupChanges>().Delete(g1);
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "a"), std::nullopt);
  EXPECT_EQ(*GroupView(txn).GetMember(g2, "a"), AlarmStatus::kAlarm);
  GroupView(txn).PutMember(g1, "a", AlarmStatus::kOk);  // re-joins the re-created group
  EXPECT_EQ(*GroupView(txn).GetMember(g1, "a"), AlarmStatus::kOk);
  GroupView(txn).Delete(g2);
  GroupView(txn).PutMember(g2, "b", AlarmStatus::kOk);
  EXPECT_EQ(*GroupView(txn).GetMember(g2, "a"), std::nullopt);
  EXPECT_EQ(*GroupView(txn).GetMember(g2, "b"), AlarmStatus::kOk);

  staged.Merge(std::move(txn.changes()));
  this->Commit(staged);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g1, "a"), AlarmStatus::kOk);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g2, "a"), std::nullopt);
  EXPECT_EQ(*StoreOf<GroupStore>(this->store()).GetMember(g2, "b"), AlarmStatus::kOk);
}

TYPED_TEST(TransactionTest, AllocateSilenceSequenceContinuesAfterEverySource) {
  {
    ChangeSet empty;
    Transaction txn(this->store(), empty);
    EXPECT_EQ(*SilenceView(txn).AllocateSequence(), 1u);  // an empty store starts at 1
  }
  ChangeSet c;
  c.Get<SilenceChanges>().SetSequence(41);
  this->Commit(c);

  ChangeSet staged;
  Transaction first(this->store(), staged);
  EXPECT_EQ(*SilenceView(first).AllocateSequence(), 42u);
  EXPECT_EQ(*SilenceView(first).AllocateSequence(), 43u);  // its own staged allocation counts
  EXPECT_EQ(first.changes().Get<SilenceChanges>().sequence(), 43u);
  SilenceView(first).Put(MakeSilence("S000000000043"));
  staged.Merge(std::move(first.changes()));

  Transaction second(this->store(), staged);
  EXPECT_EQ(*SilenceView(second).AllocateSequence(), 44u);  // the group's staged one counts
  staged.Merge(std::move(second.changes()));
  this->Commit(staged);
  EXPECT_EQ(*StoreOf<SilenceStore>(this->store()).LastSequence(), 44u);
  EXPECT_TRUE((*StoreOf<SilenceStore>(this->store()).Get("S000000000043")).has_value());

  // The incident sequence is a different counter.
  ChangeSet none;
  Transaction third(this->store(), none);
  EXPECT_EQ(*IncidentView(third).AllocateSequence(), 1u);
  EXPECT_EQ(*SilenceView(third).AllocateSequence(), 45u);
}

}  // namespace
}  // namespace alarmgate
