// GroupStateCodec: written with JsonWriter, read back with simdjson's DOM parser (exception-free,
// one parser per thread).

#include "storage/rocksdb/group_state_codec.h"

#include <simdjson.h>

#include <optional>
#include <utility>

#include "core/json_writer.h"
#include "storage/rocksdb/json_field_reader.h"

namespace alarmgate {
namespace {

// Field names on disk: the GroupState members'.
constexpr std::string_view kRule = "rule";
constexpr std::string_view kMemberCount = "member_count";
constexpr std::string_view kAlarmingCount = "alarming_count";
constexpr std::string_view kIncidentNum = "incident_num";
constexpr std::string_view kOpenDue = "open_due_ms";
constexpr std::string_view kHoldAlarm = "hold_alarm";
constexpr std::string_view kResolveDue = "resolve_due_ms";
constexpr std::string_view kTransitions = "transitions_ms";
constexpr std::string_view kFlapping = "flapping";
constexpr std::string_view kLastClearCause = "last_clear_cause";

// The held alarm's fields: the Alarm members'. `additional` and `body` are kept as strings, not
// embedded JSON, so that they come back byte for byte and a bad one cannot spoil the group.
constexpr std::string_view kIntegration = "integration";
constexpr std::string_view kAlarmId = "alarm_id";
constexpr std::string_view kAlarmName = "alarm_name";
constexpr std::string_view kLevel = "level";
constexpr std::string_view kTime = "time_ms";
constexpr std::string_view kNameSpace = "name_space";
constexpr std::string_view kRegionId = "region_id";
constexpr std::string_view kApplicationId = "application_id";
constexpr std::string_view kResourceName = "resource_name";
constexpr std::string_view kResourceId = "resource_id";
constexpr std::string_view kAlarmDesc = "alarm_desc";
constexpr std::string_view kUrl = "url";
constexpr std::string_view kStatus = "status";
constexpr std::string_view kAlarmSource = "alarm_source";
constexpr std::string_view kAdditional = "additional_json";
constexpr std::string_view kBody = "body_json";

void WriteNullableInt(JsonWriter& w, std::string_view key, const std::optional<int64_t>& v) {
  w.Key(key);
  if (v) {
    w.Int(*v);
  } else {
    w.Null();
  }
}

void WriteAlarm(JsonWriter& w, const Alarm& a) {
  w.BeginObject();
  w.Key(kIntegration).String(a.integration);
  w.Key(kAlarmId).String(a.alarm_id);
  w.Key(kAlarmName).String(a.alarm_name);
  w.Key(kLevel).String(ToString(a.level));
  w.Key(kTime).Int(a.time_ms);
  w.Key(kNameSpace).String(a.name_space);
  w.Key(kRegionId).String(a.region_id);
  w.Key(kApplicationId).String(a.application_id);
  w.Key(kResourceName).String(a.resource_name);
  w.Key(kResourceId).String(a.resource_id);
  w.Key(kAlarmDesc).String(a.alarm_desc);
  w.Key(kUrl).String(a.url);
  w.Key(kStatus).String(ToString(a.status));
  w.Key(kAlarmSource).String(a.alarm_source);
  w.Key(kAdditional).String(a.additional_json);
  w.Key(kBody).String(a.body_json);
  w.EndObject();
}

Alarm ReadAlarm(JsonFieldReader& f) {
  Alarm a;
  a.integration = f.String(kIntegration);
  a.alarm_id = f.String(kAlarmId);
  a.alarm_name = f.String(kAlarmName);
  a.level = f.Enum<AlarmLevel>(kLevel, ParseAlarmLevel, "level");
  a.time_ms = f.Int(kTime);
  a.name_space = f.String(kNameSpace);
  a.region_id = f.String(kRegionId);
  a.application_id = f.String(kApplicationId);
  a.resource_name = f.String(kResourceName);
  a.resource_id = f.String(kResourceId);
  a.alarm_desc = f.String(kAlarmDesc);
  a.url = f.String(kUrl);
  a.status = f.Enum<AlarmStatus>(kStatus, ParseAlarmStatus, "status");
  a.alarm_source = f.String(kAlarmSource);
  a.additional_json = f.String(kAdditional);
  a.body_json = f.String(kBody);
  return a;
}

}  // namespace

std::string GroupStateCodec::Encode(const GroupState& g) {
  JsonWriter w;
  w.BeginObject();
  w.Key(JsonFieldReader::kVersionField).Int(kVersion);
  w.Key(kRule).String(g.rule);
  w.Key(kMemberCount).Int(g.member_count);
  w.Key(kAlarmingCount).Int(g.alarming_count);
  w.Key(kIncidentNum);
  if (g.incident_num) {
    w.String(*g.incident_num);
  } else {
    w.Null();
  }
  WriteNullableInt(w, kOpenDue, g.open_due_ms);
  w.Key(kHoldAlarm);
  if (g.hold_alarm) {
    WriteAlarm(w, *g.hold_alarm);
  } else {
    w.Null();
  }
  WriteNullableInt(w, kResolveDue, g.resolve_due_ms);
  w.Key(kTransitions).BeginArray();
  for (int64_t t : g.transitions_ms) w.Int(t);
  w.EndArray();
  w.Key(kFlapping).Bool(g.flapping);
  w.Key(kLastClearCause).String(g.last_clear_cause);
  w.EndObject();
  return w.Take();
}

Result<GroupState> GroupStateCodec::Decode(std::string_view key, std::string_view value) {
  // One parser per thread: groups are decoded on the writer thread and at startup.
  thread_local simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(JsonFieldReader f,
                   JsonFieldReader::Open(parser, "rule group", key, value, kVersion));

  GroupState g;
  g.key = std::string(key);
  g.rule = f.String(kRule);
  g.member_count = f.Int(kMemberCount);
  g.alarming_count = f.Int(kAlarmingCount);
  // The engine keeps 0 ≤ alarming ≤ members; anything else was not written by it.
  if (g.member_count < 0 || g.alarming_count < 0 || g.alarming_count > g.member_count) {
    f.Invalid(kAlarmingCount, "counts out of range: " + std::to_string(g.alarming_count) +
                                  " alarming of " + std::to_string(g.member_count));
  }
  g.incident_num = f.NullableString(kIncidentNum);
  g.open_due_ms = f.NullableInt(kOpenDue);
  if (std::optional<JsonFieldReader> hold = f.NullableObject(kHoldAlarm)) {
    g.hold_alarm = ReadAlarm(*hold);
    f.Absorb(hold->status());
  }
  g.resolve_due_ms = f.NullableInt(kResolveDue);
  g.transitions_ms = f.IntArray(kTransitions);
  g.flapping = f.Bool(kFlapping);
  g.last_clear_cause = f.String(kLastClearCause);
  if (!f.status().ok()) return f.status();
  return g;
}

}  // namespace alarmgate
