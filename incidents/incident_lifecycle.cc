// The lifecycle table and the transitions it allows; everything else is a 409.

#include "incidents/incident_lifecycle.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "incidents/incident_request_parser.h"

namespace alarmgate {
namespace {

using S = IncidentStatus;

// Which confirm verdict a row needs; other operations have none.
enum class Verdict { kAny, kConfirmed, kRejected };

struct TransitionRule {
  OperateKey key;
  IncidentStatus from;
  Verdict verdict;
  IncidentStatus to;
};

// The whole lifecycle (contract §6). A (status, operate_key) pair not listed here is a conflict.
// Sized by its rows: a forgotten count cannot add a zero-initialised (DRAFT → DRAFT) row.
constexpr TransitionRule kTransitions[] = {
    {OperateKey::kAcceptedIncident, S::kTriggered, Verdict::kAny, S::kAcknowledged},
    {OperateKey::kCommitSolution, S::kAcknowledged, Verdict::kAny, S::kResolved},
    {OperateKey::kCommitSolution, S::kRejected, Verdict::kAny, S::kResolved},
    {OperateKey::kConfirm, S::kResolved, Verdict::kConfirmed, S::kCompleted},
    {OperateKey::kConfirm, S::kResolved, Verdict::kRejected, S::kRejected},
};

// Statuses the rule engine may resolve from: whatever is still open.
constexpr std::array<IncidentStatus, 3> kAutoResolveFrom = {S::kTriggered, S::kAcknowledged,
                                                            S::kRejected};

std::string_view Name(IncidentStatus status) { return Info(status).name_en; }

// "TRIGGERED" / "ACKNOWLEDGED or REJECTED".
std::string Names(std::span<const IncidentStatus> statuses) {
  std::string out;
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (i > 0) out += i + 1 == statuses.size() ? " or " : ", ";
    out += Name(statuses[i]);
  }
  return out;
}

Status NotAllowed(const Incident& incident, std::string_view action,
                  std::span<const IncidentStatus> allowed) {
  return Status::Conflict("incident " + incident.incident_num + " is " +
                          std::string(Name(incident.status)) + "; " + std::string(action) +
                          " needs " + Names(allowed));
}

}  // namespace

std::optional<IncidentStatus> NextStatus(IncidentStatus from, OperateKey key, bool confirm_result) {
  Verdict verdict = confirm_result ? Verdict::kConfirmed : Verdict::kRejected;
  for (const TransitionRule& rule : kTransitions) {
    if (rule.key == key && rule.from == from &&
        (rule.verdict == Verdict::kAny || rule.verdict == verdict)) {
      return rule.to;
    }
  }
  return std::nullopt;
}

std::vector<IncidentStatus> StatusesAllowing(OperateKey key) {
  std::vector<IncidentStatus> out;
  for (const TransitionRule& rule : kTransitions) {
    if (rule.key == key && std::find(out.begin(), out.end(), rule.from) == out.end()) {
      out.push_back(rule.from);
    }
  }
  return out;
}

bool IsOpen(IncidentStatus status) {
  for (IncidentStatus s : kAutoResolveFrom) {
    if (s == status) return true;
  }
  return false;
}

std::span<const IncidentStatus> OpenStatuses() { return kAutoResolveFrom; }

Result<Transition> OpenIncident(const CreateIncidentCommand& command, std::string incident_num,
                                int64_t now_ms) {
  RETURN_IF_ERROR(CheckCreateIncident(command));
  Transition t;
  Incident& i = t.incident;
  i.incident_num = std::move(incident_num);
  i.region = command.region;
  i.enterprise_project = command.enterprise_project;
  i.current_cloud_service = command.current_cloud_service;
  i.level = command.level;
  i.is_service_interrupt = command.is_service_interrupt;
  i.type = command.type;
  i.title = command.title;
  i.description = command.description;
  i.source = command.source;
  i.assignee = command.assignee;
  i.assignee_scene = command.assignee_scene;
  i.assignee_role = command.assignee_role;
  i.creator = command.creator;
  i.status = S::kTriggered;
  i.start_time_ms = command.start_time_ms > 0 ? command.start_time_ms : now_ms;
  i.create_time_ms = now_ms;
  i.update_time_ms = now_ms;
  i.rule_name = command.rule_name;
  i.group_key = command.group_key;

  JsonWriter w;
  w.BeginObject()
      .Key("incident_level")
      .String(ToString(i.level))
      .Key("incident_type")
      .String(ToString(i.type))
      .Key("incident_source")
      .String(ToString(i.source));
  if (!i.rule_name.empty()) w.Key("rule").String(i.rule_name);
  w.EndObject();
  t.entry = TimelineEntry{.time_ms = now_ms,
                          .actor = i.creator,
                          .action = std::string(kTimelineCreate),
                          .from_status = std::nullopt,
                          .to_status = S::kTriggered,
                          .parameters = w.Take()};
  return t;
}

Result<Transition> Apply(const Incident& incident, const HandleIncidentCommand& command,
                         int64_t now_ms, std::string_view actor) {
  if (command.incident_num != incident.incident_num) {
    return Status::Internal("handle for " + command.incident_num + " applied to " +
                            incident.incident_num);
  }
  std::optional<IncidentStatus> next =
      NextStatus(incident.status, command.operate_key, command.virtual_confirm_result);
  if (!next) {
    return NotAllowed(incident, ToString(command.operate_key),
                      StatusesAllowing(command.operate_key));
  }
  Transition t{.incident = incident, .entry = {}};
  Incident& i = t.incident;
  switch (command.operate_key) {
    case OperateKey::kAcceptedIncident:
      break;
    case OperateKey::kCommitSolution:
      // mtm_type is the incident's type as judged at resolution (the detail's enum_data_list
      // files incident_type under "mtm_type"), so it replaces the type given at creation.
      i.type = command.mtm_type;
      i.mtm_type = command.mtm_type;
      i.is_service_interrupt = command.is_service_interrupt;
      i.cause = command.cause;
      i.solution = command.solution;
      i.handle_time_ms = now_ms;
      break;
    case OperateKey::kConfirm:
      i.virtual_confirm_result = command.virtual_confirm_result;
      i.virtual_confirm_comment = command.virtual_confirm_comment;
      break;
  }
  i.status = *next;
  i.update_time_ms = now_ms;
  t.entry = TimelineEntry{.time_ms = now_ms,
                          .actor = std::string(actor),
                          .action = std::string(ToString(command.operate_key)),
                          .from_status = incident.status,
                          .to_status = *next,
                          .parameters = command.parameter_json};
  return t;
}

Result<Transition> AutoResolve(const Incident& incident, std::string cause, std::string solution,
                               int64_t now_ms, std::string_view actor) {
  if (!IsOpen(incident.status)) {
    return NotAllowed(incident, kTimelineAutoResolve, kAutoResolveFrom);
  }
  Transition t{.incident = incident, .entry = {}};
  Incident& i = t.incident;
  i.status = S::kResolved;
  i.cause = std::move(cause);
  i.solution = std::move(solution);
  i.handle_time_ms = now_ms;
  i.update_time_ms = now_ms;
  JsonWriter w;
  w.BeginObject().Key("cause").String(i.cause).Key("solution").String(i.solution).EndObject();
  t.entry = TimelineEntry{.time_ms = now_ms,
                          .actor = std::string(actor),
                          .action = std::string(kTimelineAutoResolve),
                          .from_status = incident.status,
                          .to_status = S::kResolved,
                          .parameters = w.Take()};
  return t;
}

}  // namespace alarmgate
