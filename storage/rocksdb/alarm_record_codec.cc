// AlarmRecordCodec: written with JsonWriter, read back with simdjson's DOM parser (exception-free,
// one parser per thread).

#include "storage/rocksdb/alarm_record_codec.h"

#include <simdjson.h>

#include <cstdint>
#include <optional>

#include "core/json_writer.h"
#include "storage/rocksdb/json_field_reader.h"

namespace alarmgate {
namespace {

// Field names on disk; short but readable.
constexpr std::string_view kIntegration = "integration";
constexpr std::string_view kAlarmId = "alarm_id";
constexpr std::string_view kStatus = "status";
constexpr std::string_view kLevel = "level";
constexpr std::string_view kFirstSeen = "first_seen_ms";
constexpr std::string_view kLastSeen = "last_seen_ms";
constexpr std::string_view kCount = "count";
constexpr std::string_view kTransitionTime = "transition_time_ms";
constexpr std::string_view kLastEventTime = "last_event_time_ms";
constexpr std::string_view kLastTransitionAt = "last_transition_at_ms";
constexpr std::string_view kIncidentNum = "incident_num";
constexpr std::string_view kLastEvent = "last_event";
constexpr std::string_view kLastDecision = "last_decision";  // absent in records written before it

}  // namespace

std::string AlarmRecordCodec::Encode(const AlarmRecord& r) {
  JsonWriter w;
  constexpr size_t kFieldsBytes = 320;  // the field names and the short values
  w.Reserve(kFieldsBytes + r.integration.size() + r.alarm_id.size() + r.last_event_json.size() +
            r.last_decision_json.size());
  w.BeginObject();
  w.Key(JsonFieldReader::kVersionField).Int(kVersion);
  w.Key(kIntegration).String(r.integration);
  w.Key(kAlarmId).String(r.alarm_id);
  w.Key(kStatus).String(ToString(r.status));
  w.Key(kLevel).String(ToString(r.level));
  w.Key(kFirstSeen).Int(r.first_seen_ms);
  w.Key(kLastSeen).Int(r.last_seen_ms);
  w.Key(kCount).Int(r.count);
  w.Key(kTransitionTime).Int(r.transition_time_ms);
  w.Key(kLastEventTime).Int(r.last_event_time_ms);
  w.Key(kLastTransitionAt).Int(r.last_transition_at_ms);
  w.Key(kIncidentNum);
  if (r.incident_num) {
    w.String(*r.incident_num);
  } else {
    w.Null();
  }
  w.Key(kLastEvent);
  if (r.last_event_json.empty()) {
    w.Null();
  } else {
    w.Raw(r.last_event_json);
  }
  w.Key(kLastDecision);
  if (r.last_decision_json.empty()) {
    w.Null();
  } else {
    w.Raw(r.last_decision_json);
  }
  w.EndObject();
  return w.Take();
}

Result<AlarmRecord> AlarmRecordCodec::Decode(std::string_view key, std::string_view value) {
  // One parser per thread: records are decoded on the writer thread and on the I/O threads.
  thread_local simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(JsonFieldReader f,
                   JsonFieldReader::Open(parser, "alarm record", key, value, kVersion));

  AlarmRecord r;
  r.fingerprint = std::string(key);
  r.integration = f.String(kIntegration);
  r.alarm_id = f.String(kAlarmId);
  const std::string status = f.String(kStatus);
  const std::string level = f.String(kLevel);
  r.first_seen_ms = f.Int(kFirstSeen);
  r.last_seen_ms = f.Int(kLastSeen);
  r.count = f.Int(kCount);
  r.transition_time_ms = f.Int(kTransitionTime);
  r.last_event_time_ms = f.Int(kLastEventTime);
  r.last_transition_at_ms = f.Int(kLastTransitionAt);
  r.incident_num = f.NullableString(kIncidentNum);
  r.last_event_json = f.RawJson(kLastEvent);
  r.last_decision_json = f.OptionalRawJson(kLastDecision);
  if (!f.status().ok()) return f.status();

  if (auto s = ParseAlarmStatus(status)) {
    r.status = *s;
  } else {
    f.Invalid(kStatus, "unknown status '" + status + "'");
  }
  if (auto l = ParseAlarmLevel(level)) {
    r.level = *l;
  } else {
    f.Invalid(kLevel, "unknown level '" + level + "'");
  }
  if (!f.status().ok()) return f.status();
  return r;
}

}  // namespace alarmgate
