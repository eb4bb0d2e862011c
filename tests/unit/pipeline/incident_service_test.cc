// IncidentService over a MemoryStore: what the domain decides before storage stores it — the limit
// of incident numbers, each incident's open verdict, the open-incident gauge read back at startup.

#include "pipeline/incident_service.h"

#include <gtest/gtest.h>

#include <future>
#include <string>

#include "incidents/incident_number.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

CreateIncidentCommand Command(std::string group_key = "") {
  CreateIncidentCommand c;
  c.title = "disk full";
  c.creator = "alice";
  c.assignee = {"oncall"};
  c.rule_name = group_key.empty() ? "" : "rule";
  c.group_key = std::move(group_key);
  return c;
}

class IncidentServiceTest : public testing::Test {
 protected:
  Result<Incident> Create(CreateIncidentCommand command) {
    std::promise<Result<Incident>> done;
    service_.Create(std::move(command), [&](Result<Incident> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  Result<Incident> Handle(const std::string& num, OperateKey key) {
    HandleIncidentCommand c;
    c.incident_num = num;
    c.operator_id = "bob";
    c.operate_key = key;
    std::promise<Result<Incident>> done;
    service_.Handle(std::move(c), [&](Result<Incident> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  double OpenGauge(prometheus::Registry& registry) {
    double total = 0;
    for (const auto& family : registry.Collect()) {
      if (family.name != "alarmgate_incidents_open") continue;
      for (const auto& m : family.metric) total += m.gauge.value;
    }
    return total;
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  FakeClock clock_;
  GroupCommitter committer_{store_, Durability::kProcess, registry_};
  IncidentService service_{store_, committer_, clock_, registry_};
};

TEST_F(IncidentServiceTest, RefusesPastTheLargestIncidentNumberAndStagesNothing) {
  ChangeSet c;
  c.Get<IncidentChanges>().SetSequence(kMaxIncidentSequence - 1);
  ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());

  auto last = Create(Command());
  ASSERT_TRUE(last.ok()) << last.status().message();
  EXPECT_EQ(IncidentSequenceOf(last->incident_num), kMaxIncidentSequence);
  auto refused = Create(Command());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(*store_.Get<IncidentStore>().LastSequence(), kMaxIncidentSequence);
}

// Storage keeps a group's open incident from the verdict the service stages with it.
TEST_F(IncidentServiceTest, AGroupsIncidentIsItsOpenOneUntilResolved) {
  auto opened = Create(Command("g"));
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_EQ(*store_.Get<IncidentStore>().FindOpenByGroup("g"), opened->incident_num);
  ASSERT_TRUE(Handle(opened->incident_num, OperateKey::kAcceptedIncident).ok());
  EXPECT_EQ(*store_.Get<IncidentStore>().FindOpenByGroup("g"), opened->incident_num);
  ASSERT_TRUE(Handle(opened->incident_num, OperateKey::kCommitSolution).ok());
  EXPECT_EQ(*store_.Get<IncidentStore>().FindOpenByGroup("g"), std::nullopt);
}

TEST_F(IncidentServiceTest, LoadGaugesCountsTheOpenIncidentsOfEveryOpenStatus) {
  auto triggered = Create(Command());
  auto acknowledged = Create(Command());
  ASSERT_TRUE(triggered.ok() && acknowledged.ok());
  ASSERT_TRUE(Handle(acknowledged->incident_num, OperateKey::kAcceptedIncident).ok());

  prometheus::Registry fresh;
  IncidentService restarted(store_, committer_, clock_, fresh);
  ASSERT_TRUE(restarted.LoadGauges().ok());
  EXPECT_EQ(OpenGauge(fresh), 2);
}

}  // namespace
}  // namespace alarmgate
