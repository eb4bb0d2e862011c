// Versions and reviews of scripts: which changes make a new version, who may review it, and the
// history line each step leaves.

#include "remediation/script_review.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/problem_list.h"

namespace alarmgate {
namespace {

// A version without reviewers needs no approval (seed 003 §4.2.1: 不填写不需要审批).
ScriptStatus InitialStatus(const ScriptProperties& properties) {
  return properties.reviewers.empty() ? ScriptStatus::kApproved : ScriptStatus::kPendingApprove;
}

void SortByOrder(std::vector<ScriptParam>& params) {
  std::stable_sort(params.begin(), params.end(),
                   [](const ScriptParam& a, const ScriptParam& b) { return a.order < b.order; });
}

const ScriptParam* FindParam(const std::vector<ScriptParam>& params, std::string_view name) {
  for (const ScriptParam& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// The command's params with every kMaskedValue of a sensitive param replaced by the stored value,
// sorted. Problems name the param by its request index and name, never by a value.
Result<std::vector<ScriptParam>> ResolveParams(const Script& script,
                                               std::vector<ScriptParam> params) {
  ProblemList problems;
  for (size_t i = 0; i < params.size(); ++i) {
    ScriptParam& p = params[i];
    if (!p.sensitive || p.value != kMaskedValue) continue;
    const ScriptParam* stored = FindParam(script.current.params, p.name);
    if (stored != nullptr && stored->sensitive) {
      p.value = stored->value;
      continue;
    }
    problems.Add("script_params[" + std::to_string(i) + "].param_value",
                 std::string(kMaskedValue) + " keeps a stored value, but script " + script.uuid +
                     " has no sensitive parameter " + p.name);
  }
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  SortByOrder(params);
  return params;
}

// The names of the metadata fields `next` changes against `before`.
std::vector<std::string> MetadataChanges(const Script& before, const Script& next) {
  std::vector<std::string> changes;
  auto note = [&](bool changed, const char* field) {
    if (changed) changes.emplace_back(field);
  };
  const ScriptProperties& a = before.properties;
  const ScriptProperties& b = next.properties;
  note(before.name != next.name, "name");
  note(before.description != next.description, "description");
  note(a.risk_level != b.risk_level, "properties.risk_level");
  note(a.version != b.version, "properties.version");
  note(a.reviewers != b.reviewers, "properties.reviewers");
  note(a.protocol != b.protocol, "properties.protocol");
  return changes;
}

HistoryEntry Entry(int64_t at_ms, std::string_view actor_id, std::string_view actor,
                   HistoryAction action, int64_t version) {
  HistoryEntry e;
  e.at_ms = at_ms;
  e.actor_id = actor_id;
  e.actor = actor;
  e.action = action;
  e.version = version;
  return e;
}

std::string VersionText(const Script& script) {
  return "script " + script.uuid + " version " + std::to_string(script.current.number) + " is " +
         std::string(ToString(script.current.status));
}

}  // namespace

Script CreateScript(const CreateScriptCommand& command, const ScriptActor& actor, int64_t now_ms,
                    std::string uuid) {
  Script s;
  s.uuid = std::move(uuid);
  s.name = command.name;
  s.description = command.description;
  s.properties = command.properties;
  s.current.number = 1;
  s.current.type = command.type;
  s.current.content = command.content;
  s.current.params = command.params;
  SortByOrder(s.current.params);
  s.current.status = InitialStatus(command.properties);
  s.current.created_ms = now_ms;
  s.creator = actor.name;
  s.creator_id = actor.id;
  s.operator_name = actor.name;
  s.gmt_created_ms = now_ms;
  s.gmt_modified_ms = now_ms;
  HistoryEntry& created =
      s.history.emplace_back(Entry(now_ms, actor.id, actor.name, HistoryAction::kCreated, 1));
  created.new_version = true;
  return s;
}

Result<Script> ModifyScript(const Script& script, const ModifyScriptCommand& command,
                            const ScriptActor& actor, int64_t now_ms) {
  std::vector<ScriptParam> params = script.current.params;
  if (command.params) {
    ASSIGN_OR_RETURN(params, ResolveParams(script, *command.params));
  }
  const ScriptType type = command.type.value_or(script.current.type);
  Script next = script;
  next.name = command.name.value_or(script.name);
  next.description = command.description;
  if (command.properties) next.properties = *command.properties;
  const bool type_changed = type != script.current.type;
  const bool content_changed = command.content != script.current.content;
  const bool params_changed = params != script.current.params;
  const bool new_version = type_changed || content_changed || params_changed;
  std::vector<std::string> changes = MetadataChanges(script, next);
  if (type_changed) changes.emplace_back("type");
  if (content_changed) changes.emplace_back("content");
  if (params_changed) changes.emplace_back("script_params");
  if (new_version) {
    next.current = {.number = script.current.number + 1,
                    .type = type,
                    .content = command.content,
                    .params = std::move(params),
                    .status = InitialStatus(next.properties),
                    .created_ms = now_ms};
  } else if (script.current.status == ScriptStatus::kPendingApprove &&
             next.properties.reviewers.empty()) {
    return Status::Conflict(VersionText(script) +
                            "; properties.reviewers must keep a reviewer until it is reviewed, "
                            "or the modify must change content, type or script_params");
  }
  next.operator_name = actor.name;
  next.gmt_modified_ms = now_ms;
  HistoryEntry& modified = next.history.emplace_back(
      Entry(now_ms, actor.id, actor.name, HistoryAction::kModified, next.current.number));
  modified.new_version = new_version;
  modified.changes = std::move(changes);
  return next;
}

Result<Script> ReviewScript(const Script& script, std::string_view reviewer_id, bool approved,
                            std::string_view comment, int64_t now_ms) {
  const std::vector<Reviewer>& reviewers = script.properties.reviewers;
  auto reviewer = std::find_if(reviewers.begin(), reviewers.end(),
                               [&](const Reviewer& r) { return r.id == reviewer_id; });
  if (reviewer == reviewers.end()) {
    return Status::InvalidArgument("reviewer_id " + std::string(reviewer_id) +
                                   " is not a reviewer of script " + script.uuid);
  }
  if (script.current.status != ScriptStatus::kPendingApprove) {
    return Status::Conflict(VersionText(script) + "; " + (approved ? "approve" : "reject") +
                            " needs PENDING_APPROVE");
  }
  Script next = script;
  next.current.status = approved ? ScriptStatus::kApproved : ScriptStatus::kRejected;
  HistoryEntry& review = next.history.emplace_back(
      Entry(now_ms, reviewer->id, reviewer->name,
            approved ? HistoryAction::kApproved : HistoryAction::kRejected, script.current.number));
  review.comment = comment;
  return next;
}

bool CanExecute(const Script& script) { return script.current.status == ScriptStatus::kApproved; }

Status CheckCanExecute(const Script& script) {
  if (CanExecute(script)) return Status::Ok();
  return Status::Conflict(VersionText(script) + "; only APPROVED scripts run");
}

}  // namespace alarmgate
