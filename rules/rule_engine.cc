// The rule engine's decisions (contract §5): grouping, hysteresis (for_s, resolve_delay_s),
// flapping and silences, as pure functions of (rule, group state, alarm, time).
//
// Semantics (where contract §5 leaves room, this is what alarmgate does):
// - GroupKey: JSON array text ["<rule>", value of each group_by field in order (absent → "")];
//   empty group_by → ["<rule>", fingerprint]; a group_by field named "fingerprint" is the
//   fingerprint.
// - A group "has an incident" while state.incident_num is set; the caller sets it after applying
//   kOpen and clears it once the incident is no longer open (operator close, or after applying
//   kResolve: next.incident_num still names the incident to resolve).
// - Members: the group keeps only counters (member_count, alarming_count); each member's own status
//   is stored by the caller and passed in as `member_before` (nullopt: new to the group). New
//   member → member_count + 1 (and alarming_count + 1 if it alarms); alarm→ok → alarming − 1;
//   ok→alarm → alarming + 1; the same status again (possible after a rule reload put the alarm in
//   a group that already saw it) changes nothing. So a transition costs O(1) whatever the size.
// - Transition `alarm` (not silenced): counters updated, flap window updated, a pending resolve
//   is cancelled. With an incident → kAttach. Without: for_s > 0 starts a hold (the first alarm
//   of the group holds; later alarms join it) → kNone; a hold already due opens at once; for_s = 0
//   → kOpen.
// - Transition `ok` (not silenced): with an incident → kAttach, or kResolve when the group is
//   resolvable (all_ok: member_count > 0 and alarming_count = 0; any_ok: this one ok — and from a
//   timer: member_count − alarming_count > 0; never: no) and not flapping;
//   resolve_delay_s > 0 turns the resolve into a pending resolve_due_ms (kAttach). Without an
//   incident, a for_s hold is cancelled once nothing in the group is alarming.
// - Silenced transition: only the counters change; no action, no notes, no flap count.
// - Flap (only when the rule has flap with window_s > 0 and max_transitions > 0): transition times
//   within the last window_s are kept (at most max_transitions + 1 of them); more than
//   max_transitions → flapping. Calm when now - last transition ≥ window_s, checked by OnTimer
//   and before a transition is counted; at calm a resolvable group resolves (or starts its
//   resolve_delay_s). While flapping nothing resolves.
// - OnTimer, in order: calm; a due for_s hold opens from hold_alarm when the group is still
//   alarming and not silenced, else it is dropped (a silence that ends retro-opens nothing); a due
//   resolve resolves when the group is still resolvable and not flapping, else it is dropped. A
//   silence does not stop a resolve that was decided while unsilenced: otherwise the incident of
//   an all-ok group could stay open for ever.
// - Notes (timeline lines) are produced only when the group has, or is opening, an incident; the
//   caller writes them to next.incident_num (or to the incident it opened) whatever the action.
//   kOpen carries an "alarm" note for the opening alarm (or "held" when opened by the for_s timer)
//   and a "flapping" note if the group already flaps.
// - Resolve texts: cause "Cleared: <alarmName> (<fingerprint>) at <time UTC>" (all_ok adds ", the
//   last of the group's N alarm(s) to report ok"); a timer has no clearing alarm at hand, so the
//   group keeps the latest clearing alarm's cause (last_clear_cause) and the
//   timer uses it (any_ok adds "M of N alarm(s) of the group ok"); a group with no clearing alarm
//   on record counts instead: "Cleared: all N alarm(s) of the group reported ok; ok since
//   <time UTC>" (all_ok) or "Cleared: M of N alarm(s) of the group ok; ok since <time UTC>"
//   (any_ok).

#include "rules/rule_engine.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/json_writer.h"
#include "rules/field_value.h"
#include "rules/template_expander.h"

namespace alarmgate {
namespace {

constexpr std::string_view kActor = "alarmgate";

// Seed table 4-62 limits.
constexpr size_t kTitleMax = 200;
constexpr size_t kDescriptionMax = 600;
constexpr size_t kShortFieldMax = 255;

std::string FormatUtc(int64_t ms) {
  int64_t secs_i = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t rem = ms - secs_i * 1000;
  std::time_t secs = static_cast<std::time_t>(secs_i);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  if (rem == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(rem));
  }
  return buf;
}

bool FlapEnabled(const Rule& rule) {
  return rule.flap && rule.flap->window_s > 0 && rule.flap->max_transitions > 0;
}

int64_t FlapWindowMs(const Rule& rule) {
  return FlapEnabled(rule) ? rule.flap->window_s * 1000 : 0;
}

std::string_view ResolveModeName(ResolveMode mode) {
  switch (mode) {
    case ResolveMode::kAllOk:
      return "all_ok";
    case ResolveMode::kAnyOk:
      return "any_ok";
    case ResolveMode::kNever:
      return "never";
  }
  return "never";
}

int64_t OkCount(const GroupState& s) { return s.member_count - s.alarming_count; }

// Whether the group's members, as they are now, allow its incident to resolve. `ok_transition`:
// decided on an alarm's `ok` transition, which alone satisfies any_ok.
bool Resolvable(const Rule& rule, const GroupState& s, bool ok_transition) {
  switch (rule.resolve) {
    case ResolveMode::kAllOk:
      return s.member_count > 0 && s.alarming_count == 0;
    case ResolveMode::kAnyOk:
      return ok_transition || OkCount(s) > 0;
    case ResolveMode::kNever:
      return false;
  }
  return false;
}

// Keeps the counters exact for one member going from `before` (nullopt: new to the group) to `now`.
void CountMember(GroupState& s, std::optional<AlarmStatus> before, AlarmStatus now) {
  if (!before) {
    ++s.member_count;
    if (now == AlarmStatus::kAlarm) ++s.alarming_count;
    return;
  }
  if (*before == now) return;  // the same status again: already counted
  if (now == AlarmStatus::kAlarm) {
    ++s.alarming_count;
  } else if (s.alarming_count > 0) {  // never below 0, even from a state written inconsistently
    --s.alarming_count;
  }
}

TimelineEntry Note(int64_t now_ms, std::string_view action, std::string parameters) {
  TimelineEntry e;
  e.time_ms = now_ms;
  e.actor = std::string(kActor);
  e.action = std::string(action);
  e.parameters = std::move(parameters);
  return e;
}

TimelineEntry AlarmNote(int64_t now_ms, const std::string& fp, const Alarm& alarm) {
  JsonWriter w;
  w.BeginObject();
  w.Key("fingerprint").String(fp);
  w.Key("alarmName").String(alarm.alarm_name);
  w.Key("alarmId").String(alarm.alarm_id);
  w.Key("status").String(ToString(alarm.status));
  w.Key("message").String("alarm " + alarm.alarm_name +
                          (alarm.status == AlarmStatus::kAlarm ? " fired" : " cleared"));
  w.EndObject();
  return Note(now_ms, "alarm", w.Take());
}

TimelineEntry FlappingNote(const Rule& rule, const GroupState& s, int64_t now_ms) {
  JsonWriter w;
  w.BeginObject();
  w.Key("transitions").Int(static_cast<int64_t>(s.transitions_ms.size()));
  w.Key("window_s").Int(rule.flap ? rule.flap->window_s : 0);
  w.Key("message").String("flapping: " + std::to_string(s.transitions_ms.size()) +
                          " transitions in " + std::to_string(rule.flap ? rule.flap->window_s : 0) +
                          " s; auto-resolve and remediation paused");
  w.EndObject();
  return Note(now_ms, "flapping", w.Take());
}

TimelineEntry CalmNote(const Rule& rule, int64_t now_ms) {
  JsonWriter w;
  w.BeginObject();
  w.Key("window_s").Int(rule.flap ? rule.flap->window_s : 0);
  w.Key("message").String("calm again");
  w.EndObject();
  return Note(now_ms, "calm", w.Take());
}

// The flapping calm check: true (and flapping cleared) when the group has been quiet for
// window_s, or when the rule no longer configures flap detection (reloaded rules).
bool ApplyCalm(const Rule& rule, GroupState& s, int64_t now_ms, std::vector<TimelineEntry>& notes) {
  if (!s.flapping) return false;
  bool calm = !FlapEnabled(rule) || s.transitions_ms.empty() ||
              now_ms - s.transitions_ms.back() >= FlapWindowMs(rule);
  if (!calm) return false;
  s.flapping = false;
  notes.push_back(CalmNote(rule, now_ms));
  return true;
}

// Counts one member transition in the flap window; may start flapping.
void CountTransition(const Rule& rule, GroupState& s, int64_t now_ms,
                     std::vector<TimelineEntry>& notes) {
  if (!FlapEnabled(rule)) {
    s.transitions_ms.clear();
    return;
  }
  const int64_t window_ms = FlapWindowMs(rule);
  std::erase_if(s.transitions_ms, [&](int64_t t) { return now_ms - t >= window_ms; });
  s.transitions_ms.push_back(now_ms);
  // Only "more than max" and the last time matter: keep the state bounded.
  const size_t keep = static_cast<size_t>(rule.flap->max_transitions) + 1;
  if (s.transitions_ms.size() > keep) {
    s.transitions_ms.erase(s.transitions_ms.begin(),
                           s.transitions_ms.end() - static_cast<std::ptrdiff_t>(keep));
  }
  if (!s.flapping && static_cast<int64_t>(s.transitions_ms.size()) > rule.flap->max_transitions) {
    s.flapping = true;
    notes.push_back(FlappingNote(rule, s, now_ms));
  }
}

std::string Solution(const Rule& rule) {
  return "Auto-resolved by alarmgate rule " + rule.name +
         (rule.resolve == ResolveMode::kAnyOk ? ": an alarm of the group reported ok"
                                              : ": every alarm of the group reported ok");
}

// Cause when the clearing alarm is at hand (a transition).
std::string CauseFor(const Rule& rule, const GroupState& s, const Alarm& alarm,
                     const std::string& fp, int64_t now_ms) {
  std::string cause = "Cleared: " + alarm.alarm_name + " (" + fp + ") at " + FormatUtc(now_ms);
  if (rule.resolve == ResolveMode::kAllOk) {
    cause +=
        ", the last of the group's " + std::to_string(s.member_count) + " alarm(s) to report ok";
  }
  return cause;
}

// Cause when resolving from a timer: the latest clearing alarm kept with the group, with counts
// of the ok members for any_ok (naming all of them would need every member's status: O(n)).
std::string CauseFromCounts(const Rule& rule, const GroupState& s, int64_t ok_since_ms) {
  const std::string n = std::to_string(s.member_count);
  std::string what = rule.resolve == ResolveMode::kAllOk
                         ? "all " + n + " alarm(s) of the group reported ok"
                         : std::to_string(OkCount(s)) + " of " + n + " alarm(s) of the group ok";
  // The latest clearing alarm, kept with the group, names who cleared and when (for all_ok it
  // already says it was the last of the group's alarms).
  if (!s.last_clear_cause.empty()) {
    return rule.resolve == ResolveMode::kAllOk ? s.last_clear_cause
                                               : s.last_clear_cause + "; " + what;
  }
  return "Cleared: " + what + "; ok since " + FormatUtc(ok_since_ms);
}

std::string Prefix(const Rule& rule) { return "matched " + rule.name + "; "; }

// Resolves now, or starts resolve_delay_s. Returns the action taken (kResolve or kNone).
GroupDecision::IncidentAction ResolveOrDelay(const Rule& rule, GroupDecision& d, int64_t now_ms,
                                             const std::string& cause) {
  GroupState& s = d.next;
  if (rule.resolve_delay_s > 0) {
    if (!s.resolve_due_ms) s.resolve_due_ms = now_ms + rule.resolve_delay_s * 1000;
    JsonWriter w;
    w.BeginObject();
    w.Key("resolve_delay_s").Int(rule.resolve_delay_s);
    w.Key("resolve_at").String(FormatUtc(*s.resolve_due_ms));
    w.Key("message").String("resolve held by resolve_delay_s");
    w.EndObject();
    d.notes.push_back(Note(now_ms, "held", w.Take()));
    d.explanation += "resolves at " + FormatUtc(*s.resolve_due_ms) + " unless an alarm fires again";
    return GroupDecision::IncidentAction::kNone;
  }
  s.resolve_due_ms.reset();
  d.resolve_cause = cause;
  d.resolve_solution = Solution(rule);
  d.explanation +=
      "resolved " + *s.incident_num + " (" + std::string(ResolveModeName(rule.resolve)) + ")";
  return GroupDecision::IncidentAction::kResolve;
}

// Notes are for an incident: without one (and none opening) there is nowhere to write them.
void DropOrphanNotes(GroupDecision& d) {
  if (!d.next.incident_num && d.action != GroupDecision::IncidentAction::kOpen) d.notes.clear();
}

}  // namespace

std::string GroupKey(const Rule& rule, const Alarm& alarm, const std::string& fingerprint) {
  JsonWriter w;
  w.BeginArray();
  w.String(rule.name);
  if (rule.group_by.empty()) {
    w.String(fingerprint);
  } else {
    for (const std::string& field : rule.group_by) {
      if (field == "fingerprint") {
        w.String(fingerprint);
      } else {
        w.String(FieldValue(alarm, field).value_or(""));
      }
    }
  }
  w.EndArray();
  return w.Take();
}

CreateIncidentCommand ExpandIncident(const Rule& rule, const std::string& group_key,
                                     const Alarm& alarm, int64_t now_ms) {
  const IncidentTemplate& t = rule.incident;
  CreateIncidentCommand c;
  if (t.fixed_level) {
    c.level = *t.fixed_level;
  } else {
    auto it = t.level_by_alarm_level.find(alarm.level);
    c.level = it != t.level_by_alarm_level.end() ? it->second : IncidentLevel::kLevel40;
  }
  c.type = t.type;
  c.title = Expand(t.title, alarm, kTitleMax);
  c.description = Expand(t.description, alarm, kDescriptionMax);
  if (std::string ccs = Expand(t.current_cloud_service, alarm, kShortFieldMax); !ccs.empty()) {
    c.current_cloud_service.push_back(std::move(ccs));
  }
  if (std::string a = Expand(t.assignee, alarm, kShortFieldMax); !a.empty()) {
    c.assignee.push_back(std::move(a));
  }
  c.assignee_scene = Expand(t.assignee_scene, alarm, kShortFieldMax);
  c.assignee_role = Expand(t.assignee_role, alarm, kShortFieldMax);
  // Scene and role are one bundle (table 4-62): half of it is invalid, so drop it.
  if (c.assignee_scene.empty() != c.assignee_role.empty()) {
    c.assignee_scene.clear();
    c.assignee_role.clear();
  }
  // An incident needs an assignee or a scene+role; when the templates expanded to nothing (a
  // missing alarm field), assign alarmgate itself rather than lose the incident.
  if (c.assignee.empty() && c.assignee_scene.empty()) c.assignee.push_back(std::string(kActor));
  c.is_service_interrupt = t.service_interrupt;
  c.source = IncidentSource::kAlarm;
  c.creator = std::string(kActor);
  c.start_time_ms = alarm.time_ms > 0 ? alarm.time_ms : now_ms;
  c.rule_name = rule.name;
  c.group_key = group_key;
  return c;
}

RuleEngine::Match RuleEngine::MatchAlarm(const RuleSet& rules,
                                         const std::vector<Silence>& api_silences,
                                         const Alarm& alarm, int64_t now_ms) {
  Match m;
  m.rules = rules.Match(alarm);
  auto find = [&](const std::vector<Silence>& silences) -> const Silence* {
    for (const Silence& s : silences) {
      if (s.ActiveAt(now_ms) && Matches(s.matchers, alarm)) return &s;
    }
    return nullptr;
  };
  m.silenced_by = find(rules.silences());
  if (!m.silenced_by) m.silenced_by = find(api_silences);
  return m;
}

GroupDecision RuleEngine::OnTransition(const Rule& rule, GroupState state, const Alarm& alarm,
                                       const std::string& fingerprint,
                                       std::optional<AlarmStatus> member_before, bool silenced,
                                       int64_t now_ms) {
  GroupDecision d;
  d.rule = &rule;
  d.next = std::move(state);
  GroupState& s = d.next;
  if (s.key.empty()) s.key = GroupKey(rule, alarm, fingerprint);
  if (s.rule.empty()) s.rule = rule.name;
  CountMember(s, member_before, alarm.status);
  d.explanation = Prefix(rule);

  if (silenced) {
    d.explanation += "silenced: group members counted, nothing opened, attached or resolved";
    return d;
  }

  // A transition after window_s of quiet ends flapping before it is counted.
  ApplyCalm(rule, s, now_ms, d.notes);
  CountTransition(rule, s, now_ms, d.notes);

  if (alarm.status == AlarmStatus::kAlarm) {
    s.resolve_due_ms.reset();  // a new alarm keeps the incident open
    if (s.incident_num) {
      s.open_due_ms.reset();
      s.hold_alarm.reset();
      d.action = GroupDecision::IncidentAction::kAttach;
      d.notes.insert(d.notes.begin(), AlarmNote(now_ms, fingerprint, alarm));
      d.explanation += "attached to " + *s.incident_num;
    } else if (rule.for_s > 0 && !(s.open_due_ms && *s.open_due_ms <= now_ms && s.hold_alarm)) {
      if (!s.open_due_ms || !s.hold_alarm) {
        s.open_due_ms = now_ms + rule.for_s * 1000;
        s.hold_alarm = alarm;
      }
      d.explanation += "held by for_s until " + FormatUtc(*s.open_due_ms);
    } else {
      // for_s = 0, or a hold whose time has come before its timer ran: open now.
      const Alarm& from = s.hold_alarm ? *s.hold_alarm : alarm;
      d.action = GroupDecision::IncidentAction::kOpen;
      d.open = ExpandIncident(rule, s.key, from, now_ms);
      s.open_due_ms.reset();
      s.hold_alarm.reset();
      d.notes.insert(d.notes.begin(), AlarmNote(now_ms, fingerprint, alarm));
      if (s.flapping) d.notes.push_back(FlappingNote(rule, s, now_ms));
      d.explanation += "opened an incident for group " + s.key;
    }
    DropOrphanNotes(d);
    return d;
  }

  // status ok: remember who cleared, so a resolve from a timer can still name the alarm.
  s.last_clear_cause = CauseFor(rule, s, alarm, fingerprint, now_ms);
  if (s.incident_num) {
    d.notes.insert(d.notes.begin(), AlarmNote(now_ms, fingerprint, alarm));
    d.action = GroupDecision::IncidentAction::kAttach;
    if (s.flapping) {
      d.explanation += "flapping: auto-resolve paused on " + *s.incident_num;
    } else if (!Resolvable(rule, s, /*ok_transition=*/true)) {
      if (rule.resolve == ResolveMode::kNever) {
        d.explanation += "resolve: never; " + *s.incident_num + " stays open";
      } else {
        d.explanation += std::to_string(s.alarming_count) + " of " +
                         std::to_string(s.member_count) + " alarm(s) still alarming; " +
                         *s.incident_num + " stays open";
      }
    } else {
      d.explanation += "attached to " + *s.incident_num + "; ";
      auto action = ResolveOrDelay(rule, d, now_ms, s.last_clear_cause);
      if (action == GroupDecision::IncidentAction::kResolve) d.action = action;
    }
  } else if (s.open_due_ms && !s.AnyAlarming()) {
    s.open_due_ms.reset();
    s.hold_alarm.reset();
    d.explanation += "cleared before for_s: opens nothing";
  } else {
    d.explanation += "no open incident: nothing to resolve";
  }
  DropOrphanNotes(d);
  return d;
}

GroupDecision RuleEngine::OnTimer(const Rule& rule, GroupState state, bool silenced,
                                  int64_t now_ms) {
  GroupDecision d;
  d.rule = &rule;
  d.next = std::move(state);
  GroupState& s = d.next;
  d.explanation = Prefix(rule);
  std::vector<std::string> steps;

  if (ApplyCalm(rule, s, now_ms, d.notes)) {
    steps.push_back("calm again");
    // At calm a resolvable group resolves, as it would have had it not been flapping.
    if (s.incident_num && !s.resolve_due_ms && Resolvable(rule, s, /*ok_transition=*/false)) {
      int64_t since = s.transitions_ms.empty() ? now_ms : s.transitions_ms.back();
      std::string saved = std::move(d.explanation);
      d.explanation.clear();
      d.action = ResolveOrDelay(rule, d, now_ms, CauseFromCounts(rule, s, since));
      steps.push_back(std::move(d.explanation));
      d.explanation = std::move(saved);
    }
  }

  if (s.open_due_ms && *s.open_due_ms <= now_ms) {
    if (s.incident_num) {
      steps.push_back("for_s hold dropped: the group already has " + *s.incident_num);
    } else if (!s.AnyAlarming() || !s.hold_alarm) {
      steps.push_back("for_s ended with nothing alarming: opens nothing");
    } else if (silenced) {
      steps.push_back("for_s ended while silenced: opens nothing");
    } else {
      d.action = GroupDecision::IncidentAction::kOpen;
      d.open = ExpandIncident(rule, s.key, *s.hold_alarm, now_ms);
      JsonWriter w;
      w.BeginObject();
      w.Key("alarmName").String(s.hold_alarm->alarm_name);
      w.Key("alarmId").String(s.hold_alarm->alarm_id);
      w.Key("for_s").Int(rule.for_s);
      w.Key("message").String("opened after the alarm held for for_s");
      w.EndObject();
      d.notes.insert(d.notes.begin(), Note(now_ms, "held", w.Take()));
      if (s.flapping) d.notes.push_back(FlappingNote(rule, s, now_ms));
      steps.push_back("for_s elapsed: opened an incident for group " + s.key);
    }
    s.open_due_ms.reset();
    s.hold_alarm.reset();
  }

  if (s.resolve_due_ms && *s.resolve_due_ms <= now_ms) {
    const int64_t ok_since = *s.resolve_due_ms - rule.resolve_delay_s * 1000;
    s.resolve_due_ms.reset();
    if (!s.incident_num) {
      steps.push_back("resolve_delay_s ended without an open incident");
    } else if (s.flapping) {
      steps.push_back("resolve_delay_s ended while flapping: stays open until calm");
    } else if (!Resolvable(rule, s, /*ok_transition=*/false)) {
      steps.push_back("resolve_delay_s ended but the group is no longer resolvable");
    } else {
      d.action = GroupDecision::IncidentAction::kResolve;
      d.resolve_cause = CauseFromCounts(rule, s, ok_since);
      d.resolve_solution = Solution(rule);
      steps.push_back("resolve_delay_s elapsed: resolved " + *s.incident_num);
    }
  }

  if (steps.empty()) steps.push_back("nothing due");
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) d.explanation += "; ";
    d.explanation += steps[i];
  }
  DropOrphanNotes(d);
  return d;
}

std::optional<int64_t> RuleEngine::NextDueMs(const Rule& rule, const GroupState& state) {
  std::optional<int64_t> due;
  auto consider = [&](int64_t t) { due = due ? std::min(*due, t) : t; };
  if (state.open_due_ms) consider(*state.open_due_ms);
  if (state.resolve_due_ms) consider(*state.resolve_due_ms);
  if (state.flapping) {
    // No window (rule reloaded without flap) or no transitions: calm is due at once.
    bool known = FlapEnabled(rule) && !state.transitions_ms.empty();
    consider(known ? state.transitions_ms.back() + FlapWindowMs(rule) : 0);
  }
  return due;
}

}  // namespace alarmgate
