#include "gateway/api/incidents_handler.h"

#include "core/json_writer.h"
#include "gateway/api/envelope.h"
#include "gateway/api/query_reader.h"
#include "incidents/incident_json.h"
#include "incidents/incident_request_parser.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

constexpr size_t kDefaultLimit = 20;
constexpr size_t kMaxLimit = 100;

// The incident number of the path, checked as table 4-75 says.
Result<std::string> PathIncidentNum(HttpRequest& request) {
  std::string num = request.path_params["incident_num"];
  RETURN_IF_ERROR(CheckIncidentNum(num));
  return num;
}

Result<IncidentQuery> ParseQuery(const HttpRequest& request) {
  QueryReader reader(request);
  IncidentQuery q;
  q.status = reader.Enum("status", ParseIncidentStatus, JoinKeys(IncidentStatusTable()));
  q.level = reader.Enum("level", ParseIncidentLevel, JoinKeys(IncidentLevelTable()));
  q.source = reader.Enum("source", ParseIncidentSource, JoinKeys(IncidentSourceTable()));
  q.creator = reader.String("creator");
  q.limit = reader.Limit(kDefaultLimit, kMaxLimit);
  q.marker = reader.String("marker").value_or("");
  RETURN_IF_ERROR(reader.status());
  return q;
}

}  // namespace

void IncidentsHandler::RegisterRoutes(Router& router, const ManagementAuth& auth) {
  router.Add("POST", "/v1/external/incident/create", "incident_create",
             auth.Protect(BindHandler(this, &IncidentsHandler::Create)));
  router.Add("POST", "/v1/external/incident/handle", "incident_handle",
             auth.Protect(BindHandler(this, &IncidentsHandler::Handle)));
  router.Add("GET", "/v1/external/incident/{incident_num}", "incident_get",
             auth.Protect(BindHandler(this, &IncidentsHandler::Get)));
  router.Add("GET", "/v1/external/incident/{incident_num}/timeline", "incident_timeline",
             auth.Protect(BindHandler(this, &IncidentsHandler::Timeline)));
  router.Add("GET", "/v1/external/incidents", "incidents_list",
             auth.Protect(BindHandler(this, &IncidentsHandler::List)));
}

void IncidentsHandler::Create(HttpRequest& request, Reply reply) {
  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) return reply(GomError(root.status()));
  auto command = ParseCreateIncident(*root);
  if (!command.ok()) return reply(GomError(command.status()));
  service_.Create(std::move(*command), [reply = std::move(reply)](Result<Incident> incident) {
    if (!incident.ok()) return reply(GomError(incident.status()));
    reply(GomSuccess(CreateIncidentDataJson(incident->incident_num)));
  });
}

void IncidentsHandler::Handle(HttpRequest& request, Reply reply) {
  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) return reply(GomError(root.status()));
  auto command = ParseHandleIncident(*root);
  if (!command.ok()) return reply(GomError(command.status()));
  service_.Handle(std::move(*command), [reply = std::move(reply)](Result<Incident> incident) {
    if (!incident.ok()) return reply(GomError(incident.status()));
    JsonWriter w;
    WriteHandleIncidentData(w);
    reply(GomSuccess(w.str()));
  });
}

void IncidentsHandler::Get(HttpRequest& request, Reply reply) {
  auto num = PathIncidentNum(request);
  if (!num.ok()) return reply(GomError(num.status()));
  auto incident = incidents_.Get(*num);
  if (!incident.ok()) return reply(GomError(incident.status()));
  if (!*incident) return reply(GomError(Status::NotFound("incident " + *num + " does not exist")));
  reply(GomSuccess(IncidentDetailDataJson(**incident)));
}

void IncidentsHandler::List(HttpRequest& request, Reply reply) {
  auto query = ParseQuery(request);
  if (!query.ok()) return reply(GomError(query.status()));
  auto incidents = incidents_.List(*query);
  if (!incidents.ok()) return reply(GomError(incidents.status()));
  std::optional<std::string_view> next;
  // A full page may have a successor; an empty next page is cheaper than a count.
  if (incidents->size() == query->limit) next = incidents->back().incident_num;
  JsonWriter w;
  WriteIncidentListData(w, *incidents, next);
  reply(GomSuccess(w.str()));
}

void IncidentsHandler::Timeline(HttpRequest& request, Reply reply) {
  auto num = PathIncidentNum(request);
  if (!num.ok()) return reply(GomError(num.status()));
  auto incident = incidents_.Get(*num);
  if (!incident.ok()) return reply(GomError(incident.status()));
  if (!*incident) return reply(GomError(Status::NotFound("incident " + *num + " does not exist")));
  auto entries = incidents_.Timeline(*num);
  if (!entries.ok()) return reply(GomError(entries.status()));
  JsonWriter w;
  WriteTimelineData(w, *num, *entries);
  reply(GomSuccess(w.str()));
}

}  // namespace alarmgate
