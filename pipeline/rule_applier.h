#pragma once
// Applies the rule engine's decisions inside the writer's transaction: for one alarm transition,
// or for one group's due timers. Group state, incident changes and timeline notes join the same
// atomic write as the alarm transition, so a crash never leaves one without the other.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include "alarms/alarm.h"
#include "core/status.h"
#include "pipeline/incident_service.h"
#include "rules/rule_engine.h"
#include "rules/rule_set.h"
#include "rules/rules_holder.h"
#include "rules/silences_holder.h"
#include "storage/transaction.h"

namespace alarmgate {

// What applying did: for the reply, the alarm record, the metrics and the timers, once committed.
struct AppliedRules {
  Explanation explanation;
  std::optional<std::string> incident_num;  // the alarm's incident after this transition
  std::vector<std::string> actions;         // "opened IM…", "attached to IM…", "resolved IM…"
  std::vector<IncidentChange> incident_changes;
  std::vector<std::pair<std::string, int64_t>> timers;  // (group key, due ms) to arm
};

class RuleApplier {
 public:
  using ArmTimer = std::function<void(const std::string& group_key, int64_t due_ms)>;

  RuleApplier(IncidentService& incidents, const RulesHolder& rules, const SilencesHolder& silences,
              prometheus::Registry& registry);

  // Where Committed() sends the groups' next due times (the GroupTimers); set once at startup.
  void SetArmTimer(ArmTimer arm) { arm_timer_ = std::move(arm); }

  Result<AppliedRules> OnTransition(Transaction& txn, const Alarm& event,
                                    const std::string& fingerprint, int64_t now_ms) const;
  // Runs a group's timers; a group whose rule is gone keeps its state but does nothing.
  Result<AppliedRules> OnTimer(Transaction& txn, const std::string& group_key,
                               int64_t now_ms) const;

  // Once the write is durable: metrics, and the timers of the groups it changed.
  void Committed(const AppliedRules& applied);

 private:
  // The stored state of a group, with its incident forgotten when that incident was closed.
  Result<GroupState> LoadGroup(Transaction& txn, const Rule& rule, const std::string& key) const;
  Status Apply(Transaction& txn, GroupDecision decision, int64_t now_ms, AppliedRules& out) const;

  IncidentService& incidents_;
  const RulesHolder& rules_;
  const SilencesHolder& silences_;
  ArmTimer arm_timer_;
  prometheus::Family<prometheus::Counter>& matches_;
  prometheus::Counter& silenced_;
  prometheus::Counter& dropped_;
};

}  // namespace alarmgate
