#include "alarms/dedup_decider.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

constexpr int64_t kNow = 5'000'000;

Alarm Event(AlarmStatus status, int64_t time_ms, AlarmLevel level = AlarmLevel::kMajor) {
  Alarm a;
  a.integration = "mon";
  a.alarm_id = "a1";
  a.status = status;
  a.time_ms = time_ms;
  a.level = level;
  a.body_json = R"({"t":)" + std::to_string(time_ms) + "}";
  return a;
}

// The state after: alarm at t=100 (transition), then a duplicate at t=200.
AlarmRecord Stored() {
  AlarmRecord r;
  r.fingerprint = "fp";
  r.integration = "mon";
  r.alarm_id = "a1";
  r.status = AlarmStatus::kAlarm;
  r.level = AlarmLevel::kMajor;
  r.first_seen_ms = 1000;
  r.last_seen_ms = 2000;
  r.count = 2;
  r.transition_time_ms = 100;
  r.last_event_time_ms = 200;
  r.last_transition_at_ms = 1000;
  r.last_event_json = R"({"t":200})";
  return r;
}

TEST(DedupDeciderTest, FirstEventIsNewAndStartsTheRecord) {
  DedupDecision d = DecideDedup(std::nullopt, Event(AlarmStatus::kAlarm, 100), "fp", kNow);
  EXPECT_EQ(d.verdict, DedupVerdict::kNew);
  ASSERT_TRUE(d.write);
  EXPECT_EQ(d.write->count, 1);
  EXPECT_EQ(d.write->first_seen_ms, kNow);
  EXPECT_EQ(d.write->transition_time_ms, 100);
  EXPECT_EQ(d.write->status, AlarmStatus::kAlarm);
  EXPECT_TRUE(IsTransition(d.verdict));
}

struct Case {
  const char* name;
  AlarmStatus status;
  int64_t time_ms;
  DedupVerdict verdict;
  bool writes;
  int64_t count_after;
  AlarmStatus status_after;
  int64_t transition_time_after;
};

class DedupTableTest : public testing::TestWithParam<Case> {};

TEST_P(DedupTableTest, Decides) {
  const Case& c = GetParam();
  DedupDecision d = DecideDedup(Stored(), Event(c.status, c.time_ms), "fp", kNow);
  EXPECT_EQ(d.verdict, c.verdict);
  ASSERT_EQ(d.write.has_value(), c.writes);
  if (!c.writes) return;
  EXPECT_EQ(d.write->count, c.count_after);
  EXPECT_EQ(d.write->status, c.status_after);
  EXPECT_EQ(d.write->transition_time_ms, c.transition_time_after);
  EXPECT_EQ(d.write->last_seen_ms, kNow);
  EXPECT_EQ(d.write->first_seen_ms, 1000);
}

INSTANTIATE_TEST_SUITE_P(
    AllVerdicts, DedupTableTest,
    testing::Values(
        Case{"duplicate_newer", AlarmStatus::kAlarm, 300, DedupVerdict::kDuplicate, true, 3,
             AlarmStatus::kAlarm, 100},
        Case{"duplicate_between", AlarmStatus::kAlarm, 150, DedupVerdict::kDuplicate, true, 3,
             AlarmStatus::kAlarm, 100},
        Case{"retry_of_last_event", AlarmStatus::kAlarm, 200, DedupVerdict::kRetry, false, 0,
             AlarmStatus::kAlarm, 0},
        Case{"retry_of_transition", AlarmStatus::kAlarm, 100, DedupVerdict::kRetry, false, 0,
             AlarmStatus::kAlarm, 0},
        Case{"stale_alarm", AlarmStatus::kAlarm, 99, DedupVerdict::kStale, false, 0,
             AlarmStatus::kAlarm, 0},
        Case{"stale_ok_never_resolves", AlarmStatus::kOk, 50, DedupVerdict::kStale, false, 0,
             AlarmStatus::kAlarm, 0},
        Case{"ok_is_transition", AlarmStatus::kOk, 300, DedupVerdict::kTransition, true, 3,
             AlarmStatus::kOk, 300},
        Case{"ok_between_events_is_transition", AlarmStatus::kOk, 150, DedupVerdict::kTransition,
             true, 3, AlarmStatus::kOk, 150}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(DedupDeciderTest, AlarmOkAlarmRunsThreeTransitionsAndLateAlarmCannotReopen) {
  std::optional<AlarmRecord> r;
  auto apply = [&](AlarmStatus s, int64_t t) {
    DedupDecision d = DecideDedup(r, Event(s, t), "fp", kNow);
    if (d.write) r = d.write;
    return d.verdict;
  };
  EXPECT_EQ(apply(AlarmStatus::kAlarm, 100), DedupVerdict::kNew);
  EXPECT_EQ(apply(AlarmStatus::kOk, 200), DedupVerdict::kTransition);
  EXPECT_EQ(apply(AlarmStatus::kAlarm, 150), DedupVerdict::kStale);  // late alarm
  EXPECT_EQ(r->status, AlarmStatus::kOk);
  EXPECT_EQ(apply(AlarmStatus::kAlarm, 300), DedupVerdict::kTransition);
  EXPECT_EQ(r->status, AlarmStatus::kAlarm);
  EXPECT_EQ(r->count, 3);
}

TEST(DedupDeciderTest, OlderDuplicateDoesNotReplaceTheLatestEvent) {
  DedupDecision d = DecideDedup(Stored(), Event(AlarmStatus::kAlarm, 150, AlarmLevel::kInfo), "fp", kNow);
  ASSERT_TRUE(d.write);
  EXPECT_EQ(d.write->last_event_json, R"({"t":200})");
  EXPECT_EQ(d.write->level, AlarmLevel::kMajor);
  d = DecideDedup(Stored(), Event(AlarmStatus::kAlarm, 250, AlarmLevel::kCritical), "fp", kNow);
  EXPECT_EQ(d.write->last_event_json, R"({"t":250})");
  EXPECT_EQ(d.write->level, AlarmLevel::kCritical);
}

}  // namespace
}  // namespace alarmgate
