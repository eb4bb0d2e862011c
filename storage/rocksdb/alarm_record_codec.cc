// AlarmRecordCodec: written with JsonWriter, read back with simdjson's DOM parser (exception-free,
// one parser per thread).

#include "storage/rocksdb/alarm_record_codec.h"

#include <simdjson.h>

#include <cstdint>
#include <optional>

#include "core/json_writer.h"

namespace alarmgate {
namespace {

// Field names on disk; short but readable.
constexpr std::string_view kVersionKey = "v";
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

// Reads the fields of one decoded object and keeps the first error, naming the key and field.
class FieldReader {
 public:
  FieldReader(std::string_view key, simdjson::dom::object obj) : key_(key), obj_(obj) {}

  std::string String(std::string_view field) {
    std::string_view v;
    if (Fail(obj_[field].get_string().get(v), field)) return {};
    return std::string(v);
  }
  int64_t Int(std::string_view field) {
    int64_t v = 0;
    if (Fail(obj_[field].get_int64().get(v), field)) return 0;
    return v;
  }
  std::optional<std::string> NullableString(std::string_view field) {
    simdjson::dom::element e;
    if (Fail(obj_[field].get(e), field)) return std::nullopt;
    if (e.is_null()) return std::nullopt;
    std::string_view v;
    if (Fail(e.get_string().get(v), field)) return std::nullopt;
    return std::string(v);
  }
  // The embedded event, re-serialized minified; null reads as "".
  std::string RawJson(std::string_view field) {
    simdjson::dom::element e;
    if (Fail(obj_[field].get(e), field)) return {};
    if (e.is_null()) return {};
    return simdjson::minify(e);
  }
  void Invalid(std::string_view field, std::string_view why) {
    if (status_.ok()) status_ = Error(field, why);
  }

  const Status& status() const { return status_; }

 private:
  bool Fail(simdjson::error_code err, std::string_view field) {
    if (err == simdjson::SUCCESS) return false;
    if (status_.ok()) status_ = Error(field, simdjson::error_message(err));
    return true;
  }
  Status Error(std::string_view field, std::string_view why) const {
    return Status::Internal("alarm record '" + std::string(key_) + "': field " +
                            std::string(field) + ": " + std::string(why));
  }

  std::string_view key_;
  simdjson::dom::object obj_;
  Status status_;
};

}  // namespace

std::string AlarmRecordCodec::Encode(const AlarmRecord& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key(kVersionKey).Int(kVersion);
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
  w.EndObject();
  return w.Take();
}

Result<AlarmRecord> AlarmRecordCodec::Decode(std::string_view key, std::string_view value) {
  // One parser per thread: records are decoded on the writer thread and on the I/O threads.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(value.data(), value.size()).get(doc); err != simdjson::SUCCESS) {
    return Status::Internal("alarm record '" + std::string(key) +
                            "' is not valid JSON: " + simdjson::error_message(err));
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::Internal("alarm record '" + std::string(key) + "' is not a JSON object");
  }

  FieldReader f(key, obj);
  const int64_t version = f.Int(kVersionKey);
  if (!f.status().ok()) return f.status();
  if (version != kVersion) {
    return Status::Internal("alarm record '" + std::string(key) + "' has unsupported version " +
                            std::to_string(version));
  }

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
