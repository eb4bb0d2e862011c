#include "gateway/api/ingest_handler.h"

#include "core/json_writer.h"
#include "core/logger.h"
#include "gateway/api/envelope.h"
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

void IngestHandler::HandleCoc(HttpRequest& request, Reply reply) {
  const auto config = config_.Get();
  const std::string& key = request.path_params["integration_key"];
  const IntegrationConfig* integration = config->FindIntegrationByKey(key);
  if (integration == nullptr || !integration->enabled ||
      integration->format != IntegrationFormat::kCoc) {
    ingest_.CountRefused(integration ? integration->name : "unknown", "unauthorized");
    LogWarn("ingest_unauthorized", {{"key", Redact(key)}, {"route", request.route}});
    reply(CocError(Status::Unauthenticated("")));
    return;
  }

  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) {
    ingest_.CountRefused(integration->name, "invalid");
    reply(CocError(root.status()));
    return;
  }
  const bool batch = root->is_array();
  auto alarms = ParseCocAlarms(*root, integration->name);
  if (!alarms.ok()) {
    ingest_.CountRefused(integration->name, "invalid");
    reply(CocError(alarms.status()));
    return;
  }

  const auto n = static_cast<int64_t>(alarms->size());
  RateLimiter::Decision rate = limiter_.Acquire(integration->name, integration->rate_limit_per_s, n);
  if (!rate.allowed) {
    ingest_.CountRefused(integration->name, "rate_limited", n);
    HttpResponse r = CocError(Status::ResourceExhausted(
        "rate limit of " + std::to_string(integration->rate_limit_per_s) +
        " alarms/s exceeded for integration " + integration->name));
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
    if (batch) data.BeginArray();
    for (const auto& o : *outcomes) WriteOutcome(o, data);
    if (batch) data.EndArray();
    reply(CocEnvelope(200, kCocSuccess, "success", data.str()));
  });
}

}  // namespace alarmgate
