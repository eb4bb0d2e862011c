#include "pipeline/rule_applier.h"

#include "alarms/fingerprint.h"
#include "incidents/incident_lifecycle.h"
#include "storage/alarm_view.h"
#include "storage/group_view.h"
#include "storage/incident_view.h"

namespace alarmgate {

RuleApplier::RuleApplier(IncidentService& incidents, const RulesHolder& rules,
                         const SilencesHolder& silences, prometheus::Registry& registry)
    : incidents_(incidents),
      rules_(rules),
      silences_(silences),
      matches_(prometheus::BuildCounter()
                   .Name("alarmgate_rule_matches_total")
                   .Help("Alarm transitions matched, by rule")
                   .Register(registry)),
      silenced_(prometheus::BuildCounter()
                    .Name("alarmgate_alarms_silenced_total")
                    .Help("Alarm transitions a silence kept from opening or resolving anything")
                    .Register(registry)
                    .Add({})),
      dropped_(prometheus::BuildCounter()
                   .Name("alarmgate_alarms_dropped_total")
                   .Help("Alarm transitions dropped by a rule with action: drop")
                   .Register(registry)
                   .Add({})) {}

void RuleApplier::Committed(const AppliedRules& applied) {
  for (const auto& rule : applied.explanation.matched_rules) {
    matches_.Add({{"rule", rule}}).Increment();
  }
  if (applied.explanation.silenced_by) silenced_.Increment();
  if (applied.explanation.dropped) dropped_.Increment();
  for (const auto& change : applied.incident_changes) incidents_.Observe(change);
  if (arm_timer_) {
    for (const auto& [key, due] : applied.timers) arm_timer_(key, due);
  }
}

Result<GroupState> RuleApplier::LoadGroup(Transaction& txn, const Rule& rule,
                                          const std::string& key) const {
  ASSIGN_OR_RETURN(std::optional<GroupState> stored, GroupView(txn).Get(key));
  GroupState state;
  if (stored) {
    state = std::move(*stored);
  } else {
    state.key = key;
    state.rule = rule.name;
  }
  if (state.incident_num) {
    // An operator may have resolved the incident: then the group has none, and its next alarm
    // opens a new one.
    ASSIGN_OR_RETURN(std::optional<Incident> incident, IncidentView(txn).Get(*state.incident_num));
    if (!incident || !IsOpen(incident->status)) state.incident_num.reset();
  }
  return state;
}

Status RuleApplier::Apply(Transaction& txn, GroupDecision decision, int64_t now_ms,
                          AppliedRules& out) const {
  using Action = GroupDecision::IncidentAction;
  GroupState& next = decision.next;
  out.explanation.steps.push_back(decision.explanation);
  switch (decision.action) {
    case Action::kNone:
      break;
    case Action::kOpen: {
      ASSIGN_OR_RETURN(IncidentChange change, incidents_.StageOpen(txn, decision.open, now_ms));
      next.incident_num = change.after.incident_num;
      out.actions.push_back("opened " + change.after.incident_num);
      out.incident_num = next.incident_num;
      out.incident_changes.push_back(std::move(change));
      break;
    }
    case Action::kAttach:
      out.actions.push_back("attached to " + next.incident_num.value_or(""));
      out.incident_num = next.incident_num;
      break;
    case Action::kResolve: {
      if (!next.incident_num) break;
      const std::string num = *next.incident_num;
      // Notes first, so the timeline reads: alarm cleared, then resolved.
      for (auto& note : decision.notes) RETURN_IF_ERROR(incidents_.StageNote(txn, num, note));
      decision.notes.clear();
      ASSIGN_OR_RETURN(IncidentChange change,
                       incidents_.StageAutoResolve(txn, num, decision.resolve_cause,
                                                   decision.resolve_solution, now_ms));
      out.actions.push_back("resolved " + num);
      out.incident_num = num;
      out.incident_changes.push_back(std::move(change));
      next.incident_num.reset();
      break;
    }
  }
  if (next.incident_num) {
    for (auto& note : decision.notes) {
      RETURN_IF_ERROR(incidents_.StageNote(txn, *next.incident_num, std::move(note)));
    }
  }
  if (auto due = RuleEngine::NextDueMs(*decision.rule, next)) out.timers.emplace_back(next.key, *due);
  GroupView(txn).Put(std::move(next));
  return Status::Ok();
}

Result<AppliedRules> RuleApplier::OnTransition(Transaction& txn, const Alarm& event,
                                               const std::string& fingerprint,
                                               int64_t now_ms) const {
  const auto rules = rules_.Get();
  const auto silences = silences_.Get();
  AppliedRules out;
  RuleEngine::Match match = RuleEngine::MatchAlarm(*rules, *silences, event, now_ms);
  if (match.silenced_by) out.explanation.silenced_by = match.silenced_by->id;
  if (match.rules.empty()) out.explanation.steps.push_back("no rule matched: recorded only");
  for (const Rule* rule : match.rules) {
    out.explanation.matched_rules.push_back(rule->name);
    if (rule->action == Rule::Action::kDrop) {
      out.explanation.dropped = true;
      out.explanation.steps.push_back("dropped by rule " + rule->name);
      break;
    }
    const std::string key = GroupKey(*rule, event, fingerprint);
    out.explanation.group_keys.push_back(key);
    ASSIGN_OR_RETURN(GroupState state, LoadGroup(txn, *rule, key));
    // The member's own status is stored apart from the group's state: one small read and write
    // per transition, whatever the group's size.
    ASSIGN_OR_RETURN(std::optional<AlarmStatus> member_before,
                     GroupView(txn).GetMember(key, fingerprint));
    RETURN_IF_ERROR(
        Apply(txn,
              RuleEngine::OnTransition(*rule, std::move(state), event, fingerprint, member_before,
                                       match.silenced_by != nullptr, now_ms),
              now_ms, out));
    // Also when silenced: the counters moved.
    GroupView(txn).PutMember(key, fingerprint, event.status);
  }
  return out;
}

Result<AppliedRules> RuleApplier::OnTimer(Transaction& txn, const std::string& group_key,
                                          int64_t now_ms) const {
  AppliedRules out;
  ASSIGN_OR_RETURN(std::optional<GroupState> stored, GroupView(txn).Get(group_key));
  if (!stored) return out;
  const auto rules = rules_.Get();
  const Rule* rule = rules->Find(stored->rule);
  if (rule == nullptr) return out;
  ASSIGN_OR_RETURN(GroupState state, LoadGroup(txn, *rule, group_key));
  // A for_s hold opens from its held alarm, so that alarm decides whether a silence applies.
  bool silenced = false;
  std::optional<Alarm> held = state.hold_alarm;
  if (held) {
    silenced = RuleEngine::MatchAlarm(*rules, *silences_.Get(), *held, now_ms).silenced_by !=
               nullptr;
  }
  RETURN_IF_ERROR(Apply(txn, RuleEngine::OnTimer(*rule, std::move(state), silenced, now_ms),
                        now_ms, out));
  // An incident opened by the hold belongs to the alarm that started it: link its record, as a
  // transition that opens an incident does.
  const bool opened = !out.incident_changes.empty() && !out.incident_changes.front().before;
  if (opened && held) {
    const std::string fingerprint = Fingerprint(held->integration, held->alarm_id);
    AlarmView alarms(txn);
    ASSIGN_OR_RETURN(std::optional<AlarmRecord> record, alarms.Get(fingerprint));
    if (record && record->status == AlarmStatus::kAlarm) {
      record->incident_num = out.incident_num;
      alarms.Put(std::move(*record));
    }
  }
  return out;
}

}  // namespace alarmgate
