#include "pipeline/ingest_service.h"

#include <memory>

#include "alarms/fingerprint.h"
#include "rules/explanation_json.h"
#include "storage/alarm_view.h"

namespace alarmgate {

IngestService::IngestService(Store& store, GroupCommitter& committer, RuleApplier& rules,
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
  return store_.Get<AlarmStore>().ForEach([this](const AlarmRecord& r) {
    std::lock_guard<std::mutex> lock(metrics_mu_);
    AdjustActive(MetricsFor(r.integration), r.integration, {r.status, r.level}, +1);
  });
}

IngestService::IntegrationMetrics& IngestService::MetricsFor(const std::string& integration) {
  auto it = metrics_.find(integration);
  if (it == metrics_.end()) it = metrics_.emplace(integration, IntegrationMetrics{}).first;
  return it->second;
}

void IngestService::AdjustActive(IntegrationMetrics& m, const std::string& integration,
                                 ActiveKey key, double delta) {
  if (key.status != AlarmStatus::kAlarm) return;
  prometheus::Gauge*& gauge = m.active[static_cast<size_t>(key.level)];
  if (gauge == nullptr) {
    gauge =
        &active_.Add({{"integration", integration}, {"level", std::string(ToString(key.level))}});
  }
  gauge->Increment(delta);
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
  outcomes.reserve(alarms.size());
  staged.reserve(alarms.size());
  AlarmView records(txn);
  for (const Alarm& event : alarms) {
    IngestOutcome outcome;
    outcome.fingerprint = Fingerprint(event.integration, event.alarm_id);
    ASSIGN_OR_RETURN(std::optional<AlarmRecord> current, records.Get(outcome.fingerprint));
    DedupDecision decision = DecideDedup(current, event, outcome.fingerprint, now);
    outcome.verdict = decision.verdict;
    Staged& keys = staged.emplace_back();
    if (decision.write) {
      if (IsTransition(decision.verdict)) {
        ASSIGN_OR_RETURN(AppliedRules applied,
                         rules_.OnTransition(txn, event, outcome.fingerprint, now));
        // A resolved alarm keeps pointing at the incident it belonged to.
        if (applied.incident_num) decision.write->incident_num = applied.incident_num;
        decision.write->last_decision_json = ExplanationJson(applied.explanation);
        outcome.actions = applied.actions;
        keys.applied = std::move(applied);
      }
      outcome.incident_num = decision.write->incident_num;
    } else if (current) {
      outcome.incident_num = current->incident_num;
    }
    if (decision.write) {
      if (current) keys.before = ActiveKey{current->status, current->level};
      keys.after = ActiveKey{decision.write->status, decision.write->level};
      records.Put(std::move(*decision.write));  // the only copy of the record goes to storage
    }
    outcomes.push_back(std::move(outcome));
  }
  return Status::Ok();
}

void IngestService::CountCommitted(const std::vector<Alarm>& alarms,
                                   const std::vector<IngestOutcome>& outcomes,
                                   const std::vector<Staged>& staged) {
  static constexpr std::array<const char*, 3> kResults = {"accepted", "stale", "duplicate"};
  std::lock_guard<std::mutex> lock(metrics_mu_);
  for (size_t i = 0; i < alarms.size(); ++i) {
    const Alarm& event = alarms[i];
    IntegrationMetrics& m = MetricsFor(event.integration);
    const DedupVerdict verdict = outcomes[i].verdict;
    const CommittedResult result = IsTransition(verdict)             ? kAccepted
                                   : verdict == DedupVerdict::kStale ? kStale
                                                                     : kDuplicate;
    prometheus::Counter*& received = m.received[static_cast<size_t>(event.level)][result];
    if (received == nullptr) {
      received = &received_.Add({{"integration", event.integration},
                                 {"level", std::string(ToString(event.level))},
                                 {"result", kResults[result]}});
    }
    received->Increment();
    if (IsTransition(verdict)) {
      prometheus::Counter*& to = m.transitions[static_cast<size_t>(event.status)];
      if (to == nullptr) {
        to = &transitions_.Add(
            {{"integration", event.integration}, {"to", std::string(ToString(event.status))}});
      }
      to->Increment();
    }
    if (staged[i].after) {
      if (staged[i].before) AdjustActive(m, event.integration, *staged[i].before, -1);
      AdjustActive(m, event.integration, *staged[i].after, +1);
    }
  }
}

void IngestService::Ingest(std::vector<Alarm> alarms, Done done) {
  struct State {
    IngestService* service;
    std::vector<Alarm> alarms;
    std::vector<IngestOutcome> outcomes;
    std::vector<Staged> staged;
    Done done;
  };
  auto state = std::make_shared<State>(State{this, std::move(alarms), {}, {}, std::move(done)});
  // The lambdas capture only the shared_ptr: small enough for std::function to hold it without
  // an allocation of its own (this runs once per request).
  committer_.Submit(CommitJob{
      [state](Transaction& txn) {
        return state->service->Stage(txn, state->alarms, state->outcomes, state->staged);
      },
      [state](Status status) {
        if (!status.ok()) {
          state->done(std::move(status));
          return;
        }
        IngestService& self = *state->service;
        self.CountCommitted(state->alarms, state->outcomes, state->staged);
        for (const Staged& s : state->staged) {
          if (s.applied) self.rules_.Committed(*s.applied);
        }
        state->done(std::move(state->outcomes));
      }});
}

}  // namespace alarmgate
