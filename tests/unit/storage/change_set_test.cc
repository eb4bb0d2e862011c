// The ChangeSet and each aggregate's part of it: merging applies later writes on top (timeline
// entries accumulate, a group's deletion takes its earlier members with it), emptiness counts every
// part, and ChangeSetOf reaches every aggregate it holds.

#include "storage/change_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "tests/unit/storage/rule_state_test_util.h"
#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::BareGroup;
using ::alarmgate::testing::FullGroup;
using ::alarmgate::testing::MakeEntry;
using ::alarmgate::testing::MakeIncident;
using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::MakeSilence;
using ::alarmgate::testing::Num;
using ::alarmgate::testing::PutIncident;
using ::alarmgate::testing::Values;
using ::testing::ElementsAre;

using S = IncidentStatus;

const std::string kG1 = R"(["disk-full","web-1"])";
const std::string kG2 = R"(["disk-full","web-2"])";

// Two made-up aggregates: what ChangeSetOf asks of a change struct, and nothing more.
struct CountChanges {
  int count = 0;
  void Merge(CountChanges&& other) { count += other.count; }
  bool empty() const { return count == 0; }
};
struct NameChanges {
  std::string name;
  void Merge(NameChanges&& other) {
    if (!other.name.empty()) name = std::move(other.name);
  }
  bool empty() const { return name.empty(); }
};

TEST(ChangeSetOfTest, MergeAndEmptyReachEveryAggregate) {
  using Set = ChangeSetOf<CountChanges, NameChanges>;
  Set a;
  EXPECT_TRUE(a.empty());
  a.Get<CountChanges>().count = 1;
  EXPECT_FALSE(a.empty());
  Set b;
  b.Get<NameChanges>().name = "b";
  EXPECT_FALSE(b.empty());
  b.Get<CountChanges>().count = 2;
  a.Merge(std::move(b));
  EXPECT_EQ(a.Get<CountChanges>().count, 3);
  EXPECT_EQ(a.Get<NameChanges>().name, "b");
  a.clear();
  EXPECT_TRUE(a.empty());
}

TEST(AlarmChangesTest, MergeKeepsTheLaterRecordOrDeletion) {
  ChangeSet a;
  AlarmRecord first = MakeRecord("fp1");
  first.count = 1;
  a.Get<AlarmChanges>().Put(first);
  a.Get<AlarmChanges>().Put(MakeRecord("fp2"));
  ChangeSet b;
  AlarmRecord later = MakeRecord("fp1");
  later.count = 2;
  b.Get<AlarmChanges>().Put(later);
  b.Get<AlarmChanges>().Delete("fp2");
  a.Merge(std::move(b));
  ASSERT_NE(a.Get<AlarmChanges>().Find("fp1"), nullptr);
  EXPECT_EQ((*a.Get<AlarmChanges>().Find("fp1"))->count, 2);
  ASSERT_NE(a.Get<AlarmChanges>().Find("fp2"), nullptr);
  EXPECT_EQ(*a.Get<AlarmChanges>().Find("fp2"), std::nullopt);
  EXPECT_EQ(a.Get<AlarmChanges>().Find("fp3"), nullptr);

  ChangeSet only_delete;
  only_delete.Get<AlarmChanges>().Delete("fp");
  EXPECT_FALSE(only_delete.empty());
}

TEST(GroupChangesTest, MergeOfMembersKeepsTheLaterAndHonoursDeletes) {
  ChangeSet a;
  a.Get<GroupChanges>().PutMember(kG1, "fp-a", AlarmStatus::kAlarm);
  a.Get<GroupChanges>().PutMember(kG1, "fp-b", AlarmStatus::kAlarm);
  a.Get<GroupChanges>().PutMember(kG2, "fp-a", AlarmStatus::kAlarm);
  ChangeSet b;
  b.Get<GroupChanges>().PutMember(kG2, "fp-a", AlarmStatus::kOk);
  b.Get<GroupChanges>().Delete(kG1);
  b.Get<GroupChanges>().PutMember(kG1, "fp-b", AlarmStatus::kOk);
  a.Merge(std::move(b));
  using Key = GroupChanges::MemberKey;
  EXPECT_THAT(a.Get<GroupChanges>().members(),
              ElementsAre(::testing::Pair(Key(kG1, "fp-b"), AlarmStatus::kOk),
                          ::testing::Pair(Key(kG2, "fp-a"), AlarmStatus::kOk)));
  EXPECT_THAT(a.Get<GroupChanges>().member_groups_deleted(), ElementsAre(kG1));

  ChangeSet only_member;
  EXPECT_TRUE(only_member.empty());
  only_member.Get<GroupChanges>().PutMember(kG1, "fp", AlarmStatus::kOk);
  EXPECT_FALSE(only_member.empty());
  only_member.clear();
  EXPECT_TRUE(only_member.empty());
}

TEST(GroupChangesTest, MergeKeepsTheLaterGroupAndDeletes) {
  ChangeSet a;
  a.Get<GroupChanges>().Put(FullGroup(kG1));
  a.Get<GroupChanges>().Put(FullGroup(kG2));
  ChangeSet b;
  GroupState later = BareGroup(kG1);
  b.Get<GroupChanges>().Put(later);
  b.Get<GroupChanges>().Delete(kG2);
  a.Merge(std::move(b));
  ASSERT_TRUE(a.Get<GroupChanges>().groups().at(kG1).has_value());
  EXPECT_EQ(Values(*a.Get<GroupChanges>().groups().at(kG1)), Values(later));
  EXPECT_EQ(a.Get<GroupChanges>().groups().at(kG2), std::nullopt);

  ChangeSet only_group;
  EXPECT_TRUE(only_group.empty());
  only_group.Get<GroupChanges>().Delete(kG1);
  EXPECT_FALSE(only_group.empty());
  only_group.clear();
  EXPECT_TRUE(only_group.empty());
}

TEST(IncidentChangesTest, MergeKeepsTheLaterIncidentAndAccumulatesTimeline) {
  ChangeSet a;
  PutIncident(a.Get<IncidentChanges>(), MakeIncident(Num(1), S::kTriggered));
  a.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("create"));
  a.Get<IncidentChanges>().SetSequence(1);
  ChangeSet b;
  PutIncident(b.Get<IncidentChanges>(), MakeIncident(Num(1), S::kAcknowledged));
  b.Get<IncidentChanges>().AppendTimeline(Num(1), MakeEntry("acceptedIncident1"));
  a.Merge(std::move(b));
  EXPECT_EQ(a.Get<IncidentChanges>().incidents().at(Num(1)).incident.status, S::kAcknowledged);
  ASSERT_EQ(a.Get<IncidentChanges>().timeline().size(), 2u);
  EXPECT_EQ(a.Get<IncidentChanges>().timeline()[1].second.action, "acceptedIncident1");
  EXPECT_EQ(a.Get<IncidentChanges>().sequence(), 1u);  // b allocated nothing

  ChangeSet only_sequence;
  EXPECT_TRUE(only_sequence.empty());
  only_sequence.Get<IncidentChanges>().SetSequence(3);
  EXPECT_FALSE(only_sequence.empty());
  only_sequence.clear();
  EXPECT_TRUE(only_sequence.empty());
}

TEST(SilenceChangesTest, MergeKeepsTheLaterSilenceAndSequence) {
  ChangeSet a;
  a.Get<SilenceChanges>().Put(MakeSilence("S1"));
  a.Get<SilenceChanges>().SetSequence(1);
  ChangeSet b;
  b.Get<SilenceChanges>().Delete("S1");
  b.Get<SilenceChanges>().Put(MakeSilence("S2"));
  b.Get<SilenceChanges>().SetSequence(2);
  a.Merge(std::move(b));
  EXPECT_EQ(a.Get<SilenceChanges>().silences().at("S1"), std::nullopt);
  EXPECT_TRUE(a.Get<SilenceChanges>().silences().at("S2").has_value());
  EXPECT_EQ(a.Get<SilenceChanges>().sequence(), 2u);
  ChangeSet c;
  a.Merge(std::move(c));  // allocated nothing
  EXPECT_EQ(a.Get<SilenceChanges>().sequence(), 2u);

  ChangeSet only_sequence;
  only_sequence.Get<SilenceChanges>().SetSequence(3);
  EXPECT_FALSE(only_sequence.empty());
  ChangeSet only_delete;
  only_delete.Get<SilenceChanges>().Delete("S1");
  EXPECT_FALSE(only_delete.empty());
}

// The open verdict travels with the incident: the later one wins with it.
TEST(IncidentChangesTest, MergeKeepsTheLaterVerdict) {
  ChangeSet a;
  a.Get<IncidentChanges>().Put(MakeIncident(Num(1), S::kTriggered, "g"), /*open=*/true);
  ChangeSet b;
  b.Get<IncidentChanges>().Put(MakeIncident(Num(1), S::kResolved, "g"), /*open=*/false);
  a.Merge(std::move(b));
  const StagedIncident* staged = a.Get<IncidentChanges>().Find(Num(1));
  ASSERT_NE(staged, nullptr);
  EXPECT_FALSE(staged->open);
  EXPECT_EQ(staged->incident.status, S::kResolved);
}

}  // namespace
}  // namespace alarmgate
