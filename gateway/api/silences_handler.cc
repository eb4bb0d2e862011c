#include "gateway/api/silences_handler.h"

#include "core/json_writer.h"
#include "gateway/api/envelope.h"
#include "gateway/api/query_reader.h"
#include "rules/rule_loader.h"
#include "rules/silence_json.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

std::optional<std::string> ParseState(std::string_view s) {
  if (s == "pending" || s == "active" || s == "expired") return std::string(s);
  return std::nullopt;
}

std::string SilenceData(const Silence& s, int64_t now_ms) {
  JsonWriter w;
  WriteSilence(w, s, now_ms);
  return w.Take();
}

}  // namespace

void SilencesHandler::RegisterRoutes(Router& router, const ManagementAuth& auth) {
  router.Add("POST", "/v1/silences", "silences_create",
             auth.Protect(BindHandler(this, &SilencesHandler::Create)));
  router.Add("GET", "/v1/silences", "silences_list",
             auth.Protect(BindHandler(this, &SilencesHandler::List)));
  router.Add("GET", "/v1/silences/{id}", "silences_get",
             auth.Protect(BindHandler(this, &SilencesHandler::Get)));
  router.Add("DELETE", "/v1/silences/{id}", "silences_expire",
             auth.Protect(BindHandler(this, &SilencesHandler::Expire)));
}

std::vector<Silence> SilencesHandler::All() const {
  std::vector<Silence> all = rules_.Get()->silences();
  for (const auto& s : *api_silences_.Get()) all.push_back(s);
  return all;
}

void SilencesHandler::Create(HttpRequest& request, Reply reply) {
  thread_local StrictJsonParser parser;
  // Strictness (duplicate keys, depth, UTF-8) first; then the rules loader's checks.
  const std::string text = request.body;
  auto root = parser.Parse(request.body);
  if (!root.ok()) return reply(DataError(root.status()));
  auto silence = RuleLoader::ParseApiSilence(text, clock_.NowMs());
  if (!silence.ok()) return reply(DataError(silence.status()));
  service_.Create(std::move(*silence),
                  [reply = std::move(reply), this](Result<Silence> created) {
                    if (!created.ok()) return reply(DataError(created.status()));
                    reply(DataSuccess(SilenceData(*created, clock_.NowMs())));
                  });
}

void SilencesHandler::List(HttpRequest& request, Reply reply) {
  QueryReader reader(request);
  auto state = reader.Enum("state", ParseState, "pending, active, expired");
  if (Status s = reader.status(); !s.ok()) return reply(DataError(s));
  const int64_t now = clock_.NowMs();
  JsonWriter w;
  w.BeginObject().Key("silences").BeginArray();
  for (const auto& s : All()) {
    if (state && SilenceState(s, now) != *state) continue;
    WriteSilence(w, s, now);
  }
  w.EndArray().EndObject();
  reply(DataSuccess(w.str()));
}

void SilencesHandler::Get(HttpRequest& request, Reply reply) {
  const std::string& id = request.path_params["id"];
  for (const auto& s : All()) {
    if (s.id == id) return reply(DataSuccess(SilenceData(s, clock_.NowMs())));
  }
  reply(DataError(Status::NotFound("no silence " + id)));
}

void SilencesHandler::Expire(HttpRequest& request, Reply reply) {
  const std::string& id = request.path_params["id"];
  for (const auto& s : rules_.Get()->silences()) {
    if (s.id == id) {
      return reply(DataError(Status::Conflict(
          "silence " + id + " comes from a rules file: remove it there and reload")));
    }
  }
  service_.Expire(id, [reply = std::move(reply), this](Result<Silence> expired) {
    if (!expired.ok()) return reply(DataError(expired.status()));
    reply(DataSuccess(SilenceData(*expired, clock_.NowMs())));
  });
}

}  // namespace alarmgate
