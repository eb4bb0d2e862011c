#include "gateway/api/ingest_handler.h"

#include "core/json_writer.h"
#include "core/logger.h"
#include "gateway/api/envelope.h"
#include "sources/alertmanager_payload_parser.h"
#include "sources/coc_alarm_parser.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

void WriteOutcome(const IngestOutcome& o, JsonWriter& w) {
  w.BeginObject().Key("fingerprint").String(o.fingerprint);
  w.Key("duplicate").Bool(!IsTransition(o.verdict));
  w.Key("incident_num");
  if (o.incident_num) {
    w.String(*o.incident_num);
  } else {
    w.Null();
  }
  w.Key("actions").BeginArray();
  for (const auto& a : o.actions) w.String(a);
  w.EndArray().EndObject();
}

}  // namespace

void IngestHandler::RegisterRoutes(Router& router) {
  router.Add("POST", "/v1/event/huawei/custom/{integration_key}", "ingest_coc",
             BindHandler(this, &IngestHandler::HandleCoc));
  router.Add("POST", "/v1/event/alertmanager/{integration_key}", "ingest_alertmanager",
             BindHandler(this, &IngestHandler::HandleAlertmanager));
}

void IngestHandler::HandleCoc(HttpRequest& request, Reply reply) {
  static const Source kCoc{IntegrationFormat::kCoc, 429,
                           [](simdjson::dom::element root, const IntegrationConfig& integration) {
                             return ParseCocAlarms(root, integration.name);
                           }};
  Handle(request, std::move(reply), kCoc);
}

void IngestHandler::HandleAlertmanager(HttpRequest& request, Reply reply) {
  // Alertmanager retries 5xx only: a 429 would drop the notification, a 503 gets it re-sent.
  static const Source kAlertmanager{
      IntegrationFormat::kAlertmanager, 503,
      [](simdjson::dom::element root, const IntegrationConfig& integration) {
        return ParseAlertmanagerPayload(root, integration.name, integration.severity_map);
      }};
  Handle(request, std::move(reply), kAlertmanager);
}

void IngestHandler::Handle(HttpRequest& request, Reply reply, const Source& source) {
  const auto config = config_.Get();
  const std::string& key = request.path_params["integration_key"];
  const IntegrationConfig* integration = config->FindIntegrationByKey(key);
  if (integration == nullptr || !integration->enabled || integration->format != source.format) {
    ingest_.CountRefused(integration ? integration->name : "unknown", "unauthorized");
    LogWarn("ingest_unauthorized", {{"key", Redact(key)}, {"route", request.route}});
    reply(CocError(Status::Unauthenticated("")));
    return;
  }
  heartbeats_.Touch(integration->name);

  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) {
    ingest_.CountRefused(integration->name, "invalid");
    reply(CocError(root.status()));
    return;
  }
  const bool batch = root->is_array() || source.format == IntegrationFormat::kAlertmanager;
  auto alarms = source.parse(*root, *integration);
  if (!alarms.ok()) {
    ingest_.CountRefused(integration->name, "invalid");
    reply(CocError(alarms.status()));
    return;
  }
  if (alarms->empty()) {  // an Alertmanager group with no alerts left: nothing to do
    reply(CocEnvelope(200, kCocSuccess, "success", "[]"));
    return;
  }

  const auto n = static_cast<int64_t>(alarms->size());
  RateLimiter::Decision rate = limiter_.Acquire(integration->name, integration->rate_limit_per_s, n);
  if (!rate.allowed) {
    ingest_.CountRefused(integration->name, "rate_limited", n);
    const std::string message = "rate limit of " +
                                std::to_string(integration->rate_limit_per_s) +
                                " alarms/s exceeded for integration " + integration->name;
    HttpResponse r = source.rate_limited_status == 429
                         ? CocError(Status::ResourceExhausted(message))
                         : CocError(Status::Unavailable(message + ": retry later"));
    r.headers.emplace_back("Retry-After", std::to_string(rate.retry_after_s));
    reply(std::move(r));
    return;
  }

  ingest_.Ingest(std::move(*alarms), [reply = std::move(reply), batch](
                                         Result<std::vector<IngestOutcome>> outcomes) {
    if (!outcomes.ok()) {
      reply(CocError(outcomes.status()));
      return;
    }
    JsonWriter data;
    data.Reserve(128 * outcomes->size());  // one outcome is ~100 bytes
    if (batch) data.BeginArray();
    for (const auto& o : *outcomes) WriteOutcome(o, data);
    if (batch) data.EndArray();
    reply(CocEnvelope(200, kCocSuccess, "success", data.str()));
  });
}

}  // namespace alarmgate
