#include "gateway/api/rules_handler.h"

#include "alarms/fingerprint.h"
#include "core/json_writer.h"
#include "gateway/api/envelope.h"
#include "rules/template_expander.h"
#include "sources/coc_alarm_parser.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

void WriteStrings(JsonWriter& w, const std::vector<std::string>& values) {
  w.BeginArray();
  for (const auto& v : values) w.String(v);
  w.EndArray();
}

void WriteIncident(JsonWriter& w, const CreateIncidentCommand& c) {
  w.BeginObject()
      .Key("incident_title").String(c.title)
      .Key("incident_description").String(c.description)
      .Key("incident_level").String(ToString(c.level))
      .Key("incident_type").String(ToString(c.type))
      .Key("incident_source").String(ToString(c.source))
      .Key("is_service_interrupt").Bool(c.is_service_interrupt)
      .Key("current_cloud_service");
  WriteStrings(w, c.current_cloud_service);
  w.Key("incident_assignee");
  WriteStrings(w, c.assignee);
  w.Key("assignee_scene").String(c.assignee_scene)
      .Key("assignee_role").String(c.assignee_role)
      .Key("creator").String(c.creator)
      .EndObject();
}

void WriteRemediation(JsonWriter& w, const RemediationTemplate& r, const Alarm& alarm) {
  w.BeginObject().Key("script").String(r.script).Key("params").BeginObject();
  for (const auto& [name, value] : r.params) w.Key(name).String(Expand(value, alarm));
  w.EndObject().Key("targets").BeginArray();
  for (const auto& t : r.targets) w.String(Expand(t, alarm));
  w.EndArray()
      .Key("execute_user").String(r.execute_user)
      .Key("timeout_s").Int(r.timeout_s)
      .Key("success_rate").Double(r.success_rate)
      .Key("batch_size").Int(r.batch_size)
      .Key("cooldown_s").Int(r.cooldown_s)
      .Key("allow_high_risk").Bool(r.allow_high_risk)
      .Key("dry_run").Bool(r.dry_run)
      .EndObject();
}

}  // namespace

void RulesHandler::RegisterRoutes(Router& router, const ManagementAuth& auth) {
  router.Add("POST", "/v1/rules/test", "rules_test",
             auth.Protect(BindHandler(this, &RulesHandler::Test)));
}

void RulesHandler::Test(HttpRequest& request, Reply reply) {
  thread_local StrictJsonParser parser;
  auto root = parser.Parse(request.body);
  if (!root.ok()) return reply(DataError(root.status()));
  if (!root->is_object()) {
    return reply(DataError(Status::InvalidArgument("request body must be one alarm object")));
  }
  auto alarms = ParseCocAlarms(*root, request.QueryParam("integration").value_or("test"));
  if (!alarms.ok()) return reply(DataError(alarms.status()));
  const Alarm& alarm = alarms->front();
  const std::string fingerprint = Fingerprint(alarm.integration, alarm.alarm_id);
  const int64_t now = clock_.NowMs();

  const auto rules = rules_.Get();
  RuleEngine::Match match = RuleEngine::MatchAlarm(*rules, *silences_.Get(), alarm, now);
  JsonWriter w;
  w.BeginObject().Key("fingerprint").String(fingerprint).Key("silenced_by");
  if (match.silenced_by) {
    w.String(match.silenced_by->id);
  } else {
    w.Null();
  }
  w.Key("matched_rules").BeginArray();
  for (const Rule* rule : match.rules) {
    w.BeginObject()
        .Key("rule").String(rule->name)
        .Key("defined_at").String(rule->file + ":" + std::to_string(rule->line))
        .Key("action").String(rule->action == Rule::Action::kDrop ? "drop" : "incident");
    if (rule->action == Rule::Action::kIncident) {
      const std::string key = GroupKey(*rule, alarm, fingerprint);
      w.Key("group_key").String(key).Key("incident");
      WriteIncident(w, ExpandIncident(*rule, key, alarm, now));
      w.Key("remediation");
      if (rule->remediation) {
        WriteRemediation(w, *rule->remediation, alarm);
      } else {
        w.Null();
      }
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("outcome").String(match.rules.empty()          ? "no rule matched: the alarm is recorded only"
                          : match.rules.front()->action == Rule::Action::kDrop
                              ? "dropped: recorded, opens nothing"
                          : match.silenced_by ? "silenced: recorded, opens nothing"
                                              : "opens or joins the incident of each group");
  w.EndObject();
  reply(DataSuccess(w.str()));
}

}  // namespace alarmgate
