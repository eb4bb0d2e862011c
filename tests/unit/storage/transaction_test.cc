// Transaction reads over every Store: the job's own staged writes first, then the group's, then
// the store — for alarms, incidents, the open incident of a group, the incident sequence, rule
// groups and their members, and silence ids.

#include "storage/transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "incidents/incident_number.h"
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
    for (auto& i : incidents) c.PutIncident(std::move(i));
    Commit(c);
  }

  Env env_;
};

TYPED_TEST_SUITE(TransactionTest, Envs, EnvNames);

TYPED_TEST(TransactionTest, GetAlarmPrefersOwnThenGroupThenStore) {
  AlarmRecord stored = MakeRecord("fp");
  stored.count = 1;
  ChangeSet c;
  c.PutAlarm(stored);
  c.PutAlarm(MakeRecord("deleted-by-group"));
  this->Commit(c);

  ChangeSet staged;
  AlarmRecord grouped = MakeRecord("fp");
  grouped.count = 2;
  staged.PutAlarm(grouped);
  staged.DeleteAlarm("deleted-by-group");
  Transaction txn(this->store(), staged);
  EXPECT_EQ((*txn.GetAlarm("fp"))->count, 2);
  EXPECT_EQ(*txn.GetAlarm("deleted-by-group"), std::nullopt);
  AlarmRecord own = MakeRecord("fp");
  own.count = 3;
  txn.PutAlarm(own);
  EXPECT_EQ((*txn.GetAlarm("fp"))->count, 3);
}

TYPED_TEST(TransactionTest, GetIncidentPrefersOwnThenGroupThenStore) {
  this->CommitIncidents({MakeIncident(Num(1), S::kTriggered), MakeIncident(Num(2))});
  ChangeSet staged;
  staged.PutIncident(MakeIncident(Num(1), S::kAcknowledged));
  staged.PutIncident(MakeIncident(Num(3), S::kTriggered));  // not in the store at all
  Transaction txn(this->store(), staged);

  EXPECT_EQ((*txn.GetIncident(Num(1)))->status, S::kAcknowledged);
  EXPECT_EQ((*txn.GetIncident(Num(2)))->status, S::kTriggered);
  EXPECT_TRUE(txn.GetIncident(Num(3))->has_value());
  EXPECT_EQ(*txn.GetIncident(Num(4)), std::nullopt);
  txn.PutIncident(MakeIncident(Num(1), S::kResolved));
  EXPECT_EQ((*txn.GetIncident(Num(1)))->status, S::kResolved);
  // The group's staged version is untouched until the job succeeds.
  EXPECT_EQ(staged.incidents().at(Num(1)).status, S::kAcknowledged);
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
    for (const auto& i : c.group_staged) staged.PutIncident(i);
    Transaction txn(this->store(), staged);
    for (const auto& i : c.own) txn.PutIncident(i);
    auto found = txn.FindOpenIncidentByGroup(g);
    ASSERT_TRUE(found.ok()) << c.name << ": " << found.status().message();
    EXPECT_EQ(*found, c.want) << c.name;
  }
}

TYPED_TEST(TransactionTest, FindOpenIncidentByGroupOfAnEmptyStoreIsNullopt) {
  ChangeSet staged;
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*txn.FindOpenIncidentByGroup("g"), std::nullopt);
  txn.PutIncident(MakeIncident(Num(1), S::kTriggered, "g"));
  EXPECT_EQ(*txn.FindOpenIncidentByGroup("g"), Num(1));
  // An API-created incident has no group: "" is nobody's group, staged or stored.
  txn.PutIncident(MakeIncident(Num(2), S::kTriggered, ""));
  EXPECT_EQ(*txn.FindOpenIncidentByGroup(""), std::nullopt);
}

TYPED_TEST(TransactionTest, AllocateIncidentSequenceContinuesAfterEverySource) {
  {
    ChangeSet empty;
    Transaction txn(this->store(), empty);
    EXPECT_EQ(*txn.AllocateIncidentSequence(), 1u);  // an empty store starts at 1
  }
  ChangeSet c;
  c.SetIncidentSequence(41);
  this->Commit(c);

  ChangeSet staged;
  Transaction first(this->store(), staged);
  EXPECT_EQ(*first.AllocateIncidentSequence(), 42u);
  EXPECT_EQ(*first.AllocateIncidentSequence(), 43u);  // its own staged allocation counts
  EXPECT_EQ(first.changes().incident_sequence(), 43u);
  staged.Merge(std::move(first.changes()));

  Transaction second(this->store(), staged);
  EXPECT_EQ(*second.AllocateIncidentSequence(), 44u);  // the group's staged allocation counts
  staged.Merge(std::move(second.changes()));
  this->Commit(staged);
  EXPECT_EQ(*this->store().incidents().LastSequence(), 44u);
}

// Two jobs of one group commit: each sees the other's allocation before anything is on disk.
TYPED_TEST(TransactionTest, TwoJobsOfOneGroupGetConsecutiveSequences) {
  ChangeSet c;
  c.SetIncidentSequence(10);
  this->Commit(c);

  ChangeSet staged;
  Transaction job1(this->store(), staged);
  auto n1 = job1.AllocateIncidentSequence();
  ASSERT_TRUE(n1.ok());
  job1.PutIncident(MakeIncident(FormatIncidentNum(*n1, 0), S::kTriggered, "g"));
  staged.Merge(std::move(job1.changes()));

  Transaction job2(this->store(), staged);
  auto n2 = job2.AllocateIncidentSequence();
  ASSERT_TRUE(n2.ok());
  EXPECT_EQ(*n1, 11u);
  EXPECT_EQ(*n2, 12u);
  // And job2 sees job1's incident as the group's open one.
  EXPECT_EQ(*job2.FindOpenIncidentByGroup("g"), FormatIncidentNum(11, 0));
}

TYPED_TEST(TransactionTest, AllocateIncidentSequenceRefusesPastTheLargestNumber) {
  ChangeSet c;
  c.SetIncidentSequence(kMaxIncidentSequence - 1);
  this->Commit(c);
  ChangeSet staged;
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*txn.AllocateIncidentSequence(), kMaxIncidentSequence);
  auto refused = txn.AllocateIncidentSequence();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(txn.changes().incident_sequence(), kMaxIncidentSequence);  // nothing more staged
}

TYPED_TEST(TransactionTest, GetGroupPrefersOwnThenGroupThenStore) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  const std::string g3 = R"(["r","3"])";
  ChangeSet c;
  c.PutGroup(FullGroup(g1));
  c.PutGroup(FullGroup(g2));
  this->Commit(c);

  ChangeSet staged;
  GroupState grouped = FullGroup(g1);
  grouped.transitions_ms = {1};
  staged.PutGroup(grouped);
  staged.DeleteGroup(g2);
  staged.PutGroup(BareGroup(g3));  // not in the store at all
  Transaction txn(this->store(), staged);
  EXPECT_EQ((*txn.GetGroup(g1))->transitions_ms, std::vector<int64_t>{1});
  EXPECT_EQ(*txn.GetGroup(g2), std::nullopt);
  EXPECT_TRUE(txn.GetGroup(g3)->has_value());
  EXPECT_EQ(*txn.GetGroup(R"(["r","4"])"), std::nullopt);

  GroupState own = FullGroup(g1);
  own.transitions_ms = {1, 2};
  txn.PutGroup(own);
  txn.PutGroup(FullGroup(g2));  // re-created after the group deleted it
  EXPECT_EQ((*txn.GetGroup(g1))->transitions_ms, (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(txn.GetGroup(g2)->has_value());
  txn.DeleteGroup(g3);
  EXPECT_EQ(*txn.GetGroup(g3), std::nullopt);
  // The group's staged version is untouched until the job succeeds.
  EXPECT_EQ(staged.groups().at(g1)->transitions_ms, std::vector<int64_t>{1});
  // The store still holds its own until the commit.
  EXPECT_EQ((*this->store().groups().Get(g1))->transitions_ms, FullGroup(g1).transitions_ms);
}

TYPED_TEST(TransactionTest, GetGroupMemberPrefersOwnThenGroupThenStore) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  ChangeSet c;
  c.PutGroupMember(g1, "stored", AlarmStatus::kAlarm);
  c.PutGroupMember(g1, "grouped", AlarmStatus::kAlarm);
  c.PutGroupMember(g1, "own", AlarmStatus::kAlarm);
  c.PutGroupMember(g2, "stored", AlarmStatus::kAlarm);
  this->Commit(c);

  ChangeSet staged;
  staged.PutGroupMember(g1, "grouped", AlarmStatus::kOk);
  staged.PutGroupMember(g1, "new", AlarmStatus::kAlarm);  // not in the store at all
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*txn.GetGroupMember(g1, "stored"), AlarmStatus::kAlarm);
  EXPECT_EQ(*txn.GetGroupMember(g1, "grouped"), AlarmStatus::kOk);
  EXPECT_EQ(*txn.GetGroupMember(g1, "new"), AlarmStatus::kAlarm);
  EXPECT_EQ(*txn.GetGroupMember(g1, "unknown"), std::nullopt);
  EXPECT_EQ(*txn.GetGroupMember(g2, "grouped"), std::nullopt);  // members are per group

  txn.PutGroupMember(g1, "own", AlarmStatus::kOk);
  txn.PutGroupMember(g1, "grouped", AlarmStatus::kAlarm);
  EXPECT_EQ(*txn.GetGroupMember(g1, "own"), AlarmStatus::kOk);
  EXPECT_EQ(*txn.GetGroupMember(g1, "grouped"), AlarmStatus::kAlarm);
  // The group's staged version and the store are untouched until the job succeeds.
  EXPECT_EQ(staged.group_members().at({g1, "grouped"}), AlarmStatus::kOk);
  EXPECT_EQ(*this->store().groups().GetMember(g1, "own"), AlarmStatus::kAlarm);

  staged.Merge(std::move(txn.changes()));
  this->Commit(staged);
  EXPECT_EQ(*this->store().groups().GetMember(g1, "own"), AlarmStatus::kOk);
  EXPECT_EQ(*this->store().groups().GetMember(g1, "grouped"), AlarmStatus::kAlarm);
  EXPECT_EQ(*this->store().groups().GetMember(g1, "new"), AlarmStatus::kAlarm);
}

// A deleted group has no members, in the store or staged, until some are put after the deletion.
TYPED_TEST(TransactionTest, GetGroupMemberSeesGroupDeletions) {
  const std::string g1 = R"(["r","1"])";
  const std::string g2 = R"(["r","2"])";
  ChangeSet c;
  c.PutGroupMember(g1, "a", AlarmStatus::kAlarm);
  c.PutGroupMember(g2, "a", AlarmStatus::kAlarm);
  c.PutGroupMember(g2, "b", AlarmStatus::kAlarm);
  this->Commit(c);

  ChangeSet staged;
  staged.DeleteGroup(g1);
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*txn.GetGroupMember(g1, "a"), std::nullopt);
  EXPECT_EQ(*txn.GetGroupMember(g2, "a"), AlarmStatus::kAlarm);
  txn.PutGroupMember(g1, "a", AlarmStatus::kOk);  // re-joins the re-created group
  EXPECT_EQ(*txn.GetGroupMember(g1, "a"), AlarmStatus::kOk);
  txn.DeleteGroup(g2);
  txn.PutGroupMember(g2, "b", AlarmStatus::kOk);
  EXPECT_EQ(*txn.GetGroupMember(g2, "a"), std::nullopt);
  EXPECT_EQ(*txn.GetGroupMember(g2, "b"), AlarmStatus::kOk);

  staged.Merge(std::move(txn.changes()));
  this->Commit(staged);
  EXPECT_EQ(*this->store().groups().GetMember(g1, "a"), AlarmStatus::kOk);
  EXPECT_EQ(*this->store().groups().GetMember(g2, "a"), std::nullopt);
  EXPECT_EQ(*this->store().groups().GetMember(g2, "b"), AlarmStatus::kOk);
}

TYPED_TEST(TransactionTest, AllocateSilenceIdContinuesAfterEverySource) {
  {
    ChangeSet empty;
    Transaction txn(this->store(), empty);
    EXPECT_EQ(*txn.AllocateSilenceId(), "S000000000001");  // an empty store starts at 1
  }
  ChangeSet c;
  c.SetSilenceSequence(41);
  this->Commit(c);

  ChangeSet staged;
  Transaction first(this->store(), staged);
  EXPECT_EQ(*first.AllocateSilenceId(), "S000000000042");
  EXPECT_EQ(*first.AllocateSilenceId(), "S000000000043");  // its own staged allocation counts
  EXPECT_EQ(first.changes().silence_sequence(), 43u);
  first.PutSilence(MakeSilence("S000000000043"));
  staged.Merge(std::move(first.changes()));

  Transaction second(this->store(), staged);
  EXPECT_EQ(*second.AllocateSilenceId(), "S000000000044");  // the group's staged one counts
  staged.Merge(std::move(second.changes()));
  this->Commit(staged);
  EXPECT_EQ(*this->store().silences().LastSequence(), 44u);
  EXPECT_TRUE((*this->store().silences().Get("S000000000043")).has_value());

  // The incident sequence is a different counter.
  ChangeSet none;
  Transaction third(this->store(), none);
  EXPECT_EQ(*third.AllocateIncidentSequence(), 1u);
  EXPECT_EQ(*third.AllocateSilenceId(), "S000000000045");
}

TYPED_TEST(TransactionTest, AllocateSilenceIdRefusesPastTheLargestId) {
  ChangeSet c;
  c.SetSilenceSequence(kMaxSilenceSequence - 1);
  this->Commit(c);
  ChangeSet staged;
  Transaction txn(this->store(), staged);
  EXPECT_EQ(*txn.AllocateSilenceId(), "S999999999999");
  auto refused = txn.AllocateSilenceId();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(txn.changes().silence_sequence(), kMaxSilenceSequence);  // nothing more staged
}

}  // namespace
}  // namespace alarmgate
