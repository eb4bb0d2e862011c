#include "gateway/api/pagerduty_handler.h"

#include <random>
#include <sstream>

#include "alarms/fingerprint.h"
#include "core/json_writer.h"
#include "core/logger.h"
#include "sources/pagerduty_event_parser.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse Accepted(std::string_view dedup_key) {
  JsonWriter w;
  w.BeginObject()
      .Key("status").String("success")
      .Key("message").String("Event processed")
      .Key("dedup_key").String(dedup_key)
      .EndObject();
  return Json(202, w.Take());
}

// PagerDuty's 400: one entry of `errors` per problem (the parsers join them with '\n').
HttpResponse Invalid(std::string_view problems) {
  JsonWriter w;
  w.BeginObject()
      .Key("status").String("invalid event")
      .Key("message").String("Event object is invalid")
      .Key("errors").BeginArray();
  std::istringstream lines{std::string(problems)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) w.String(line);
  }
  w.EndArray().EndObject();
  return Json(400, w.Take());
}

HttpResponse Failed(const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument) return Invalid(status.message());
  JsonWriter w;
  w.BeginObject().Key("status").String("error").Key("message").String(status.message()).EndObject();
  return Json(status.code() == StatusCode::kUnavailable ? 503 : 500, w.Take());
}

// PagerDuty generates a dedup_key for a trigger without one and returns it.
std::string NewDedupKey() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(kHex[random() & 0xF]);
  return key;
}

}  // namespace

void PagerDutyHandler::RegisterRoutes(Router& router) {
  router.Add("POST", "/v2/enqueue", "ingest_pagerduty",
             BindHandler(this, &PagerDutyHandler::Enqueue), RouteOptions{kBodyLimitBytes});
}

void PagerDutyHandler::Enqueue(HttpRequest& request, Reply reply) {
  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) return reply(Invalid(root.status().message()));
  auto event = ParsePagerDutyEvent(*root);
  if (!event.ok()) return reply(Invalid(event.status().message()));

  const auto config = config_.Get();
  const IntegrationConfig* integration = config->FindIntegrationByKey(event->routing_key);
  if (integration == nullptr || !integration->enabled ||
      integration->format != IntegrationFormat::kPagerDuty) {
    ingest_.CountRefused(integration ? integration->name : "unknown", "unauthorized");
    LogWarn("ingest_unauthorized", {{"key", Redact(event->routing_key)}, {"route", request.route}});
    return reply(Invalid("routing_key is not the key of an enabled pagerduty integration"));
  }
  heartbeats_.Touch(integration->name);

  RateLimiter::Decision rate = limiter_.Acquire(integration->name, integration->rate_limit_per_s, 1);
  if (!rate.allowed) {
    ingest_.CountRefused(integration->name, "rate_limited");
    HttpResponse r = Json(429, R"({"status":"throttle event","message":"Requests for this service are arriving too quickly. Please retry later."})");
    r.headers.emplace_back("Retry-After", std::to_string(rate.retry_after_s));
    return reply(std::move(r));
  }

  if (event->action == PagerDutyEvent::Action::kAcknowledge) {
    return Acknowledge(integration->name, *event->dedup_key, std::move(reply));
  }
  std::string dedup_key = event->dedup_key.value_or(NewDedupKey());
  ingest_.Ingest({ToAlarm(*event, integration->name, dedup_key, clock_.NowMs())},
                 [reply = std::move(reply), dedup_key](Result<std::vector<IngestOutcome>> r) {
                   if (!r.ok()) return reply(Failed(r.status()));
                   reply(Accepted(dedup_key));
                 });
}

void PagerDutyHandler::Acknowledge(const std::string& integration, const std::string& dedup_key,
                                   Reply reply) {
  auto alarm = alarms_.Get(Fingerprint(integration, dedup_key));
  if (!alarm.ok()) return reply(Failed(alarm.status()));
  // Nothing to acknowledge (no such alarm, or no incident for it): PagerDuty accepts it as well.
  if (!*alarm || !(*alarm)->incident_num) return reply(Accepted(dedup_key));
  HandleIncidentCommand ack;
  ack.incident_num = *(*alarm)->incident_num;
  ack.operator_id = "pagerduty:" + integration;
  ack.operate_key = OperateKey::kAcceptedIncident;
  incidents_.Handle(std::move(ack), [reply = std::move(reply), dedup_key](Result<Incident> r) {
    // Already acknowledged or resolved is the same answer: the event is processed.
    if (!r.ok() && r.status().code() != StatusCode::kConflict) return reply(Failed(r.status()));
    reply(Accepted(dedup_key));
  });
}

}  // namespace alarmgate
