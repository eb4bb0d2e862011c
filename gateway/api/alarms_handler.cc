#include "gateway/api/alarms_handler.h"

#include "core/json_writer.h"
#include "gateway/api/envelope.h"
#include "gateway/api/query_reader.h"

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
      .Key("last_decision").Raw(r.last_decision_json.empty() ? "null" : r.last_decision_json)
      .Key("incident_num");
  if (r.incident_num) {
    w.String(*r.incident_num);
  } else {
    w.Null();
  }
  w.EndObject();
}

Result<AlarmQuery> ParseQuery(const HttpRequest& request) {
  QueryReader reader(request);
  AlarmQuery q;
  q.status = reader.Enum("status", ParseAlarmStatus, "alarm, ok");
  q.integration = reader.String("integration");
  q.limit = reader.Limit(kDefaultLimit, kMaxLimit);
  q.marker = reader.String("marker").value_or("");
  RETURN_IF_ERROR(reader.status());
  return q;
}

}  // namespace

void AlarmsHandler::RegisterRoutes(Router& router, const ManagementAuth& auth) {
  router.Add("GET", "/v1/alarms", "alarms_list",
             auth.Protect(BindHandler(this, &AlarmsHandler::List)));
  router.Add("GET", "/v1/alarms/{fingerprint}", "alarms_get",
             auth.Protect(BindHandler(this, &AlarmsHandler::Get)));
}

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
