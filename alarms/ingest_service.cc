#include "alarms/ingest_service.h"

#include <memory>

#include "alarms/fingerprint.h"

namespace alarmgate {

IngestService::IngestService(Store& store, GroupCommitter& committer, const RuleEngine& rules,
                             const Clock& clock, prometheus::Registry& registry)
    : store_(store),
      committer_(committer),
      rules_(rules),
      clock_(clock),
      received_(prometheus::BuildCounter()
                    .Name("alarmgate_alarms_received_total")
                    .Help("Alarms received, by integration, level and result")
                    .Register(registry)),
      transitions_(prometheus::BuildCounter()
                       .Name("alarmgate_alarm_transitions_total")
                       .Help("Alarm status transitions (new alarms included), by target status")
                       .Register(registry)),
      active_(prometheus::BuildGauge()
                  .Name("alarmgate_alarms_active")
                  .Help("Tracked alarms whose status is alarm")
                  .Register(registry)) {}

Status IngestService::LoadGauges() {
  return store_.alarms().ForEach([this](const AlarmRecord& r) { AdjustActive(r, +1); });
}

void IngestService::AdjustActive(const AlarmRecord& record, double delta) {
  if (record.status != AlarmStatus::kAlarm) return;
  active_.Add({{"integration", record.integration}, {"level", std::string(ToString(record.level))}})
      .Increment(delta);
}

void IngestService::CountRefused(std::string_view integration, std::string_view result,
                                 int64_t n) {
  received_
      .Add({{"integration", std::string(integration)}, {"level", ""}, {"result", std::string(result)}})
      .Increment(static_cast<double>(n));
}

Status IngestService::Stage(Transaction& txn, const std::vector<Alarm>& alarms,
                            std::vector<IngestOutcome>& outcomes, std::vector<Staged>& staged) {
  const int64_t now = clock_.NowMs();
  outcomes.clear();
  staged.clear();
  for (const Alarm& event : alarms) {
    IngestOutcome outcome;
    outcome.fingerprint = Fingerprint(event.integration, event.alarm_id);
    ASSIGN_OR_RETURN(std::optional<AlarmRecord> current, txn.GetAlarm(outcome.fingerprint));
    DedupDecision decision = DecideDedup(current, event, outcome.fingerprint, now);
    outcome.verdict = decision.verdict;
    if (decision.write) {
      if (IsTransition(decision.verdict)) {
        RuleDecision rule = rules_.Evaluate(event, *decision.write, now);
        if (rule.incident_num) decision.write->incident_num = rule.incident_num;
        outcome.actions = std::move(rule.actions);
      }
      outcome.incident_num = decision.write->incident_num;
      txn.PutAlarm(*decision.write);
    } else if (current) {
      outcome.incident_num = current->incident_num;
    }
    staged.push_back({std::move(current), std::move(decision.write)});
    outcomes.push_back(std::move(outcome));
  }
  return Status::Ok();
}

void IngestService::CountCommitted(const std::vector<Alarm>& alarms,
                                   const std::vector<IngestOutcome>& outcomes,
                                   const std::vector<Staged>& staged) {
  for (size_t i = 0; i < alarms.size(); ++i) {
    const Alarm& event = alarms[i];
    const DedupVerdict verdict = outcomes[i].verdict;
    const char* result = IsTransition(verdict)          ? "accepted"
                         : verdict == DedupVerdict::kStale ? "stale"
                                                           : "duplicate";
    received_
        .Add({{"integration", event.integration},
              {"level", std::string(ToString(event.level))},
              {"result", result}})
        .Increment();
    if (IsTransition(verdict)) {
      transitions_
          .Add({{"integration", event.integration}, {"to", std::string(ToString(event.status))}})
          .Increment();
    }
    if (staged[i].after) {
      if (staged[i].before) AdjustActive(*staged[i].before, -1);
      AdjustActive(*staged[i].after, +1);
    }
  }
}

void IngestService::Ingest(std::vector<Alarm> alarms, Done done) {
  struct State {
    std::vector<Alarm> alarms;
    std::vector<IngestOutcome> outcomes;
    std::vector<Staged> staged;
    Done done;
  };
  auto state = std::make_shared<State>();
  state->alarms = std::move(alarms);
  state->done = std::move(done);
  committer_.Submit(CommitJob{
      [this, state](Transaction& txn) {
        return Stage(txn, state->alarms, state->outcomes, state->staged);
      },
      [this, state](Status status) {
        if (!status.ok()) {
          state->done(std::move(status));
          return;
        }
        CountCommitted(state->alarms, state->outcomes, state->staged);
        state->done(std::move(state->outcomes));
      }});
}

}  // namespace alarmgate
