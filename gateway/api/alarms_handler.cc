#include "gateway/api/alarms_handler.h"

#include <charconv>

#include "core/json_writer.h"
#include "gateway/api/envelope.h"

namespace alarmgate {
namespace {

constexpr size_t kMaxLimit = 1000;
constexpr size_t kDefaultLimit = 100;

void WriteAlarm(const AlarmRecord& r, JsonWriter& w) {
  w.BeginObject()
      .Key("fingerprint").String(r.fingerprint)
      .Key("integration").String(r.integration)
      .Key("alarm_id").String(r.alarm_id)
      .Key("status").String(ToString(r.status))
      .Key("level").String(ToString(r.level))
      .Key("first_seen").Int(r.first_seen_ms)
      .Key("last_seen").Int(r.last_seen_ms)
      .Key("count").Int(r.count)
      .Key("last_transition_time").Int(r.transition_time_ms)
      .Key("last_event").Raw(r.last_event_json.empty() ? "null" : r.last_event_json)
      .Key("incident_num");
  if (r.incident_num) {
    w.String(*r.incident_num);
  } else {
    w.Null();
  }
  w.EndObject();
}

// Reads the query into an AlarmQuery; every problem is reported at once.
Result<AlarmQuery> ParseQuery(const HttpRequest& request) {
  AlarmQuery q;
  q.limit = kDefaultLimit;
  std::string problems;
  auto add = [&problems](const std::string& p) {
    if (!problems.empty()) problems += " | ";
    problems += p;
  };
  if (auto status = request.QueryParam("status")) {
    if (auto s = ParseAlarmStatus(*status)) {
      q.status = *s;
    } else {
      add("status must be one of alarm, ok");
    }
  }
  if (auto integration = request.QueryParam("integration"); integration && !integration->empty()) {
    q.integration = *integration;
  }
  if (auto limit = request.QueryParam("limit")) {
    size_t n = 0;
    auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || ptr != limit->data() + limit->size() || n < 1 || n > kMaxLimit) {
      add("limit must be an integer between 1 and " + std::to_string(kMaxLimit));
    } else {
      q.limit = n;
    }
  }
  if (auto marker = request.QueryParam("marker")) q.marker = *marker;
  if (!problems.empty()) return Status::InvalidArgument(problems);
  return q;
}

}  // namespace

void AlarmsHandler::List(HttpRequest& request, Reply reply) {
  auto query = ParseQuery(request);
  if (!query.ok()) {
    reply(CocError(query.status()));
    return;
  }
  auto alarms = alarms_.List(*query);
  if (!alarms.ok()) {
    reply(CocError(alarms.status()));
    return;
  }
  JsonWriter w;
  w.BeginObject().Key("alarms").BeginArray();
  for (const auto& a : *alarms) WriteAlarm(a, w);
  w.EndArray().Key("next_marker");
  // A full page may have a successor; an empty next page is cheaper than a count.
  if (alarms->size() == query->limit) {
    w.String(alarms->back().fingerprint);
  } else {
    w.Null();
  }
  w.EndObject();
  reply(CocEnvelope(200, kCocSuccess, "success", w.str()));
}

void AlarmsHandler::Get(HttpRequest& request, Reply reply) {
  const std::string& fingerprint = request.path_params["fingerprint"];
  auto alarm = alarms_.Get(fingerprint);
  if (!alarm.ok()) {
    reply(CocError(alarm.status()));
    return;
  }
  if (!*alarm) {
    reply(CocError(Status::NotFound("no alarm with fingerprint " + fingerprint)));
    return;
  }
  JsonWriter w;
  WriteAlarm(**alarm, w);
  reply(CocEnvelope(200, kCocSuccess, "success", w.str()));
}

}  // namespace alarmgate
