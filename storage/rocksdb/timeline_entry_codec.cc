// TimelineEntryCodec: written with JsonWriter, read back with simdjson's DOM parser
// (exception-free, one parser per thread).

#include "storage/rocksdb/timeline_entry_codec.h"

#include <simdjson.h>

#include <optional>

#include "core/json_writer.h"
#include "incidents/incident_enums.h"
#include "storage/rocksdb/json_field_reader.h"

namespace alarmgate {
namespace {

constexpr std::string_view kTime = "time_ms";
constexpr std::string_view kActor = "actor";
constexpr std::string_view kAction = "action";
constexpr std::string_view kFromStatus = "from_status";
constexpr std::string_view kToStatus = "to_status";
constexpr std::string_view kParameters = "parameters";

void WriteStatus(JsonWriter& w, std::string_view key, const std::optional<IncidentStatus>& s) {
  w.Key(key);
  if (s) {
    w.String(ToString(*s));
  } else {
    w.Null();
  }
}

}  // namespace

std::string TimelineEntryCodec::Encode(const TimelineEntry& e) {
  JsonWriter w;
  w.BeginObject();
  w.Key(JsonFieldReader::kVersionField).Int(kVersion);
  w.Key(kTime).Int(e.time_ms);
  w.Key(kActor).String(e.actor);
  w.Key(kAction).String(e.action);
  WriteStatus(w, kFromStatus, e.from_status);
  WriteStatus(w, kToStatus, e.to_status);
  // A string, not embedded JSON: the text comes back byte for byte, and an entry whose
  // parameters are not valid JSON cannot make the whole value unreadable.
  w.Key(kParameters).String(e.parameters);
  w.EndObject();
  return w.Take();
}

Result<TimelineEntry> TimelineEntryCodec::Decode(std::string_view key, std::string_view value) {
  thread_local simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(JsonFieldReader f,
                   JsonFieldReader::Open(parser, "timeline entry", key, value, kVersion));
  TimelineEntry e;
  e.time_ms = f.Int(kTime);
  e.actor = f.String(kActor);
  e.action = f.String(kAction);
  e.from_status = f.NullableEnum<IncidentStatus>(kFromStatus, ParseIncidentStatus, "status");
  e.to_status = f.NullableEnum<IncidentStatus>(kToStatus, ParseIncidentStatus, "status");
  e.parameters = f.String(kParameters);
  if (!f.status().ok()) return f.status();
  return e;
}

}  // namespace alarmgate
