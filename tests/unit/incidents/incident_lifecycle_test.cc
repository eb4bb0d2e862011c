// Tests for the incident state machine: every (status, operate_key) pair against the table of
// contract §6, what each transition records, and the rule engine's open and auto-resolve.

#include "incidents/incident_lifecycle.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace alarmgate {
namespace {

using S = IncidentStatus;

constexpr int64_t kNow = 1'710'739'323'172;
constexpr std::string_view kNum = "IM000000000720240318052203";

Incident AnIncident(IncidentStatus status) {
  Incident i;
  i.incident_num = std::string(kNum);
  i.status = status;
  i.type = IncidentType::kFunction;
  i.create_time_ms = kNow - 1000;
  i.update_time_ms = kNow - 1000;
  return i;
}

HandleIncidentCommand Command(OperateKey key, bool confirm_result = true) {
  HandleIncidentCommand c;
  c.incident_num = std::string(kNum);
  c.operator_id = "op";
  c.operate_key = key;
  c.virtual_confirm_result = confirm_result;
  return c;
}

// The expected lifecycle, written out pair by pair: nullopt = 409.
struct PairCase {
  S from;
  OperateKey key;
  bool confirm_result;
  std::optional<S> to;
  std::string conflict;  // the 409 message when `to` is nullopt
};

std::string Conflict(std::string_view status, std::string_view key, std::string_view needs) {
  return "incident " + std::string(kNum) + " is " + std::string(status) + "; " + std::string(key) +
         " needs " + std::string(needs);
}

std::vector<PairCase> AllPairs() {
  const std::vector<std::pair<S, std::string_view>> statuses = {
      {S::kDraft, "DRAFT"},       {S::kTriggered, "TRIGGERED"}, {S::kAcknowledged, "ACKNOWLEDGED"},
      {S::kRejected, "REJECTED"}, {S::kResolved, "RESOLVED"},   {S::kCompleted, "COMPLETED"}};
  std::vector<PairCase> cases;
  for (const auto& [from, name] : statuses) {
    // acceptedIncident1: TRIGGERED → ACKNOWLEDGED.
    cases.push_back({from, OperateKey::kAcceptedIncident, true,
                     from == S::kTriggered ? std::optional(S::kAcknowledged) : std::nullopt,
                     Conflict(name, "acceptedIncident1", "TRIGGERED")});
    // commitSolution1: ACKNOWLEDGED | REJECTED → RESOLVED.
    cases.push_back({from, OperateKey::kCommitSolution, true,
                     from == S::kAcknowledged || from == S::kRejected ? std::optional(S::kResolved)
                                                                      : std::nullopt,
                     Conflict(name, "commitSolution1", "ACKNOWLEDGED or REJECTED")});
    // confirm: RESOLVED → COMPLETED (true) | REJECTED (false).
    cases.push_back({from, OperateKey::kConfirm, true,
                     from == S::kResolved ? std::optional(S::kCompleted) : std::nullopt,
                     Conflict(name, "confirm", "RESOLVED")});
    cases.push_back({from, OperateKey::kConfirm, false,
                     from == S::kResolved ? std::optional(S::kRejected) : std::nullopt,
                     Conflict(name, "confirm", "RESOLVED")});
  }
  return cases;
}

void PrintTo(const PairCase& c, std::ostream* os) {
  *os << Info(c.from).name_en << " + " << ToString(c.key);
}

class LifecyclePairTest : public testing::TestWithParam<PairCase> {};

TEST_P(LifecyclePairTest, NextStatusOrConflict) {
  const PairCase& c = GetParam();
  EXPECT_EQ(NextStatus(c.from, c.key, c.confirm_result), c.to);

  Incident before = AnIncident(c.from);
  Result<Transition> r = Apply(before, Command(c.key, c.confirm_result), kNow, "op");
  if (c.to) {
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->incident.status, *c.to);
    EXPECT_EQ(r->incident.update_time_ms, kNow);
    EXPECT_EQ(r->entry.from_status, c.from);
    EXPECT_EQ(r->entry.to_status, *c.to);
    EXPECT_EQ(r->entry.action, ToString(c.key));
    EXPECT_EQ(r->entry.actor, "op");
    EXPECT_EQ(r->entry.time_ms, kNow);
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kConflict);
    EXPECT_EQ(r.status().message(), c.conflict);
  }
}

std::string PairName(const testing::TestParamInfo<PairCase>& info) {
  std::string name =
      std::string(Info(info.param.from).name_en) + "_" + std::string(ToString(info.param.key));
  if (info.param.key == OperateKey::kConfirm)
    name += info.param.confirm_result ? "_true" : "_false";
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllPairs, LifecyclePairTest, testing::ValuesIn(AllPairs()), PairName);

TEST(IncidentLifecycleTest, StatusesAllowingComeFromTheTable) {
  EXPECT_EQ(StatusesAllowing(OperateKey::kAcceptedIncident), std::vector<S>{S::kTriggered});
  EXPECT_EQ(StatusesAllowing(OperateKey::kCommitSolution),
            (std::vector<S>{S::kAcknowledged, S::kRejected}));
  EXPECT_EQ(StatusesAllowing(OperateKey::kConfirm), std::vector<S>{S::kResolved});
}

TEST(IncidentLifecycleTest, AcceptChangesOnlyStatusAndUpdateTime) {
  Incident before = AnIncident(S::kTriggered);
  HandleIncidentCommand c = Command(OperateKey::kAcceptedIncident);
  c.parameter_json = "{}";
  Result<Transition> r = Apply(before, c, kNow, "op");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->incident.status, S::kAcknowledged);
  EXPECT_FALSE(r->incident.handle_time_ms);
  EXPECT_EQ(r->incident.type, before.type);
  EXPECT_EQ(r->incident.create_time_ms, before.create_time_ms);
  EXPECT_EQ(r->entry.parameters, "{}");
}

TEST(IncidentLifecycleTest, CommitSolutionRecordsTheSolutionAndHandleTime) {
  HandleIncidentCommand c = Command(OperateKey::kCommitSolution);
  c.mtm_type = IncidentType::kConfig;
  c.is_service_interrupt = true;
  c.cause = "100001";
  c.solution = "20001";
  c.parameter_json = R"({"cause":"100001"})";
  Result<Transition> r = Apply(AnIncident(S::kAcknowledged), c, kNow, "op");
  ASSERT_TRUE(r.ok());
  const Incident& i = r->incident;
  EXPECT_EQ(i.status, S::kResolved);
  EXPECT_EQ(i.handle_time_ms, kNow);
  EXPECT_EQ(i.type, IncidentType::kConfig);
  EXPECT_EQ(i.mtm_type, IncidentType::kConfig);
  EXPECT_TRUE(i.is_service_interrupt);
  EXPECT_EQ(i.cause, "100001");
  EXPECT_EQ(i.solution, "20001");
  EXPECT_EQ(r->entry.parameters, R"({"cause":"100001"})");
}

TEST(IncidentLifecycleTest, RejectedThenResolvedAgainThenCompleted) {
  Incident i = AnIncident(S::kTriggered);
  auto step = [&](HandleIncidentCommand c, int64_t at) {
    Result<Transition> r = Apply(i, c, at, "op");
    ASSERT_TRUE(r.ok()) << r.status().message();
    i = r->incident;
  };
  step(Command(OperateKey::kAcceptedIncident), kNow + 1);
  HandleIncidentCommand commit = Command(OperateKey::kCommitSolution);
  commit.cause = "first";
  step(commit, kNow + 2);
  EXPECT_EQ(i.handle_time_ms, kNow + 2);
  HandleIncidentCommand reject = Command(OperateKey::kConfirm, false);
  reject.virtual_confirm_comment = "still broken";
  step(reject, kNow + 3);
  EXPECT_EQ(i.status, S::kRejected);
  EXPECT_EQ(i.virtual_confirm_result, false);
  EXPECT_EQ(i.virtual_confirm_comment, "still broken");
  commit.cause = "second";
  step(commit, kNow + 4);
  EXPECT_EQ(i.status, S::kResolved);
  EXPECT_EQ(i.handle_time_ms, kNow + 4);  // the last solution's time
  EXPECT_EQ(i.cause, "second");
  step(Command(OperateKey::kConfirm, true), kNow + 5);
  EXPECT_EQ(i.status, S::kCompleted);
  EXPECT_EQ(i.virtual_confirm_result, true);
  EXPECT_EQ(i.update_time_ms, kNow + 5);
}

TEST(IncidentLifecycleTest, ApplyRefusesAnotherIncidentsCommand) {
  HandleIncidentCommand c = Command(OperateKey::kAcceptedIncident);
  c.incident_num = "IM000000000820240318052203";
  Result<Transition> r = Apply(AnIncident(S::kTriggered), c, kNow, "op");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

CreateIncidentCommand RuleCommand() {
  CreateIncidentCommand c;
  c.current_cloud_service = {"app-1"};
  c.level = IncidentLevel::kLevel10;
  c.type = IncidentType::kReliability;
  c.title = "CpuHigh on machine-1";
  c.description = "cpu > 90%";
  c.source = IncidentSource::kAlarm;
  c.assignee = {"oncall-user-id"};
  c.creator = "alarmgate";
  c.start_time_ms = kNow - 60'000;
  c.rule_name = "cpu-critical";
  c.group_key =
      "app-1\x1f"
      "CpuHigh";
  return c;
}

TEST(IncidentLifecycleTest, OpenIncidentFromARule) {
  Result<Transition> r = OpenIncident(RuleCommand(), std::string(kNum), kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Incident& i = r->incident;
  EXPECT_EQ(i.incident_num, kNum);
  EXPECT_EQ(i.status, S::kTriggered);
  EXPECT_EQ(i.source, IncidentSource::kAlarm);
  EXPECT_EQ(i.creator, "alarmgate");
  EXPECT_EQ(i.level, IncidentLevel::kLevel10);
  EXPECT_EQ(i.type, IncidentType::kReliability);
  EXPECT_EQ(i.title, "CpuHigh on machine-1");
  EXPECT_EQ(i.current_cloud_service, std::vector<std::string>{"app-1"});
  EXPECT_EQ(i.assignee, std::vector<std::string>{"oncall-user-id"});
  EXPECT_EQ(i.start_time_ms, kNow - 60'000);
  EXPECT_EQ(i.create_time_ms, kNow);
  EXPECT_EQ(i.update_time_ms, kNow);
  EXPECT_FALSE(i.handle_time_ms);
  EXPECT_EQ(i.rule_name, "cpu-critical");
  EXPECT_EQ(i.group_key,
            "app-1\x1f"
            "CpuHigh");
  EXPECT_TRUE(IsOpen(i.status));

  EXPECT_EQ(r->entry.action, kTimelineCreate);
  EXPECT_EQ(r->entry.actor, "alarmgate");
  EXPECT_FALSE(r->entry.from_status);
  EXPECT_EQ(r->entry.to_status, S::kTriggered);
  EXPECT_EQ(r->entry.parameters,
            R"({"incident_level":"level_10","incident_type":"inc_type_p_reliability_issues",)"
            R"("incident_source":"incident_source_alarm","rule":"cpu-critical"})");
}

TEST(IncidentLifecycleTest, OpenIncidentWithoutStartTimeStartsNow) {
  CreateIncidentCommand c = RuleCommand();
  c.start_time_ms = 0;
  Result<Transition> r = OpenIncident(c, std::string(kNum), kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->incident.start_time_ms, kNow);
}

TEST(IncidentLifecycleTest, OpenIncidentEnforcesTheApiLimits) {
  CreateIncidentCommand c = RuleCommand();
  c.title = std::string(201, 't');
  Result<Transition> r = OpenIncident(c, std::string(kNum), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "incident_title size must be between 0 and 200");
}

TEST(IncidentLifecycleTest, AutoResolveFromEveryOpenStatus) {
  for (S from : {S::kTriggered, S::kAcknowledged, S::kRejected}) {
    Result<Transition> r = AutoResolve(AnIncident(from), "alarm CpuHigh cleared",
                                       "recovered at 12:00", kNow, "alarmgate");
    ASSERT_TRUE(r.ok()) << Info(from).name_en;
    EXPECT_EQ(r->incident.status, S::kResolved);
    EXPECT_EQ(r->incident.cause, "alarm CpuHigh cleared");
    EXPECT_EQ(r->incident.solution, "recovered at 12:00");
    EXPECT_EQ(r->incident.handle_time_ms, kNow);
    EXPECT_EQ(r->entry.action, kTimelineAutoResolve);
    EXPECT_EQ(r->entry.actor, "alarmgate");
    EXPECT_EQ(r->entry.from_status, from);
    EXPECT_EQ(r->entry.to_status, S::kResolved);
    EXPECT_EQ(r->entry.parameters,
              R"({"cause":"alarm CpuHigh cleared","solution":"recovered at 12:00"})");
  }
}

TEST(IncidentLifecycleTest, AutoResolveRefusesClosedIncidents) {
  for (S from : {S::kDraft, S::kResolved, S::kCompleted}) {
    EXPECT_FALSE(IsOpen(from));
    Result<Transition> r = AutoResolve(AnIncident(from), "c", "s", kNow, "alarmgate");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kConflict);
    EXPECT_EQ(r.status().message(),
              Conflict(Info(from).name_en, "autoResolve", "TRIGGERED, ACKNOWLEDGED or REJECTED"));
  }
}

}  // namespace
}  // namespace alarmgate
