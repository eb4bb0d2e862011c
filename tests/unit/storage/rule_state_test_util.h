#pragma once
// Helpers for the storage tests of rule groups and silences: fully populated values and
// field-by-field comparison (regex conditions compare by pattern).

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "rules/group_state.h"
#include "rules/rule.h"
#include "rules/silence.h"

namespace alarmgate::testing {

// An alarm with every field set away from its default.
inline Alarm FullAlarm() {
  Alarm a;
  a.integration = "in-house";
  a.alarm_id = "告警-1 \"quoted\" \\ back\tslash\n";
  a.alarm_name = "CPU 高 🔥";
  a.level = AlarmLevel::kCritical;
  a.time_ms = 9'007'199'254'740'993;  // above 2^53: must not pass through a double
  a.name_space = "ns";
  a.region_id = "cn-north-4";
  a.application_id = "billing";
  a.resource_name = "web-1";
  a.resource_id = "res-1";
  a.alarm_desc = "line1\nline2\u0001";
  a.url = "https://example.invalid/a?b=c&d=e";
  a.status = AlarmStatus::kOk;
  a.alarm_source = "prometheus";
  // Kept byte for byte, escapes and spacing included.
  a.additional_json = R"({"k":[1,-2,true,null],"e":"\u00e9"})";
  a.body_json = R"({"alarmId":"1", "x":"\"q\""})";
  return a;
}

// A group with every field set, its hold alarm included.
inline GroupState FullGroup(std::string key) {
  GroupState g;
  g.key = std::move(key);
  g.rule = "disk-full";
  g.member_count = 9'007'199'254'740'993;  // above 2^53: must not pass through a double
  g.alarming_count = 3;
  g.incident_num = "IM20240322151506000007";
  g.open_due_ms = 1'700'000'060'000;
  g.hold_alarm = FullAlarm();
  g.resolve_due_ms = -1;
  g.transitions_ms = {1'700'000'000'000, 1'700'000'000'500, 9'007'199'254'740'993};
  g.flapping = true;
  g.last_clear_cause = "Cleared: Disk \"/\" full (fp) at 2023-11-14T22:13:20Z";
  return g;
}

// A group with every optional unset and every container empty.
inline GroupState BareGroup(std::string key) {
  GroupState g;
  g.key = std::move(key);
  g.rule = "r";
  return g;
}

inline std::shared_ptr<const re2::RE2> Regex(const std::string& pattern) {
  return std::make_shared<const re2::RE2>(pattern);
}

inline Condition Equals(std::string field, std::string value, bool negated = false) {
  Condition c;
  c.field = std::move(field);
  c.kind = Condition::Kind::kEquals;
  c.negated = negated;
  c.values = {std::move(value)};
  return c;
}

inline Condition RegexCondition(std::string field, const std::string& pattern,
                                bool negated = false) {
  Condition c;
  c.field = std::move(field);
  c.kind = Condition::Kind::kRegex;
  c.negated = negated;
  c.pattern = pattern;
  c.regex = Regex(pattern);
  return c;
}

inline Silence MakeSilence(std::string id, std::vector<Condition> matchers = {}) {
  Silence s;
  s.id = std::move(id);
  s.matchers = std::move(matchers);
  s.starts_at_ms = 1000;
  s.ends_at_ms = 2000;
  s.comment = "maintenance of " + s.id;
  s.creator = "alice";
  return s;
}

// A silence with one condition of each kind, negated and not, and every field set.
inline Silence FullSilence(std::string id) {
  Condition any_of;
  any_of.field = "alarmLevel";
  any_of.kind = Condition::Kind::kAnyOf;
  any_of.negated = true;
  any_of.values = {"Minor", "Info"};
  Silence s = MakeSilence(std::move(id), {Equals("applicationId", "billing"), any_of,
                                          RegexCondition("additional.host", R"(web-\d+\.(a|b))")});
  s.starts_at_ms = 1'700'000'000'000;
  s.ends_at_ms = 9'007'199'254'740'993;
  s.comment = "窗口 \"maint\"\n";
  s.creator = "bob";
  s.from_file = true;
  return s;
}

// Comparable, printable copies of the fields (Alarm, GroupState and Silence have no operator==).
inline auto Values(const Alarm& a) {
  return std::make_tuple(a.integration, a.alarm_id, a.alarm_name, a.level, a.time_ms, a.name_space,
                         a.region_id, a.application_id, a.resource_name, a.resource_id,
                         a.alarm_desc, a.url, a.status, a.alarm_source, a.additional_json,
                         a.body_json);
}

inline auto Values(const GroupState& g) {
  using AlarmValues = decltype(Values(Alarm()));
  std::optional<AlarmValues> hold;
  if (g.hold_alarm) hold = Values(*g.hold_alarm);
  return std::make_tuple(g.key, g.rule, g.member_count, g.alarming_count, g.incident_num,
                         g.open_due_ms, hold, g.resolve_due_ms, g.transitions_ms, g.flapping,
                         g.last_clear_cause);
}

inline auto Values(const Condition& c) {
  return std::make_tuple(c.field, c.kind, c.negated, c.values, c.pattern);
}

inline auto Values(const Silence& s) {
  std::vector<decltype(Values(Condition()))> matchers;
  for (const Condition& c : s.matchers) matchers.push_back(Values(c));
  return std::make_tuple(s.id, matchers, s.starts_at_ms, s.ends_at_ms, s.comment, s.creator,
                         s.from_file);
}

}  // namespace alarmgate::testing
