#include "pipeline/incident_service.h"

#include <memory>
#include <string>
#include <utility>

#include "incidents/incident_lifecycle.h"
#include "incidents/incident_number.h"
#include "storage/incident_view.h"

namespace alarmgate {
namespace {

// From a minute to a week: acknowledgement and resolution times of on-call work.
prometheus::Histogram::BucketBoundaries DurationBuckets() {
  return {60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200, 604800};
}

// Stages the incident after a change, with whether it is still open (storage keeps each group's
// open incident from that), and the timeline line that records the change.
void StageTransition(IncidentView& incidents, Transition t) {
  const bool open = IsOpen(t.incident.status);
  std::string incident_num = t.incident.incident_num;
  incidents.Put(std::move(t.incident), open);
  incidents.AppendTimeline(std::move(incident_num), std::move(t.entry));
}

}  // namespace

IncidentService::IncidentService(Store& store, GroupCommitter& committer, const Clock& clock,
                                 prometheus::Registry& registry)
    : store_(store),
      committer_(committer),
      clock_(clock),
      opened_(prometheus::BuildCounter()
                  .Name("alarmgate_incidents_opened_total")
                  .Help("Incidents opened, by level and source")
                  .Register(registry)),
      resolved_(prometheus::BuildCounter()
                    .Name("alarmgate_incidents_resolved_total")
                    .Help("Incidents resolved, by how (auto: the rule engine; manual: an operator)")
                    .Register(registry)),
      open_(prometheus::BuildGauge()
                .Name("alarmgate_incidents_open")
                .Help("Incidents still to be resolved (TRIGGERED, ACKNOWLEDGED, REJECTED)")
                .Register(registry)),
      ack_seconds_(prometheus::BuildHistogram()
                       .Name("alarmgate_incident_ack_seconds")
                       .Help("Time from opening to acknowledgement")
                       .Register(registry)
                       .Add({}, DurationBuckets())),
      resolve_seconds_(prometheus::BuildHistogram()
                           .Name("alarmgate_incident_resolve_seconds")
                           .Help("Time from opening to resolution")
                           .Register(registry)
                           .Add({}, DurationBuckets())) {}

Status IncidentService::LoadGauges() {
  for (IncidentStatus status : OpenStatuses()) {
    RETURN_IF_ERROR(store_.Get<IncidentStore>().ForEachWithStatus(
        status, [this](const Incident& i) { AdjustOpen(i, +1); }));
  }
  return Status::Ok();
}

void IncidentService::AdjustOpen(const Incident& incident, double delta) {
  if (!IsOpen(incident.status)) return;
  open_.Add({{"level", std::string(ToString(incident.level))},
             {"status", std::string(ToString(incident.status))}})
      .Increment(delta);
}

void IncidentService::Observe(const IncidentChange& change) {
  const Incident& after = change.after;
  if (!change.before) {
    opened_.Add({{"level", std::string(ToString(after.level))},
                 {"source", std::string(ToString(after.source))}})
        .Increment();
  } else {
    AdjustOpen(*change.before, -1);
  }
  AdjustOpen(after, +1);
  if (!change.before) return;
  const IncidentStatus from = change.before->status;
  const double age_s = static_cast<double>(after.update_time_ms - after.create_time_ms) / 1000;
  if (from == IncidentStatus::kTriggered && after.status == IncidentStatus::kAcknowledged) {
    ack_seconds_.Observe(age_s);
  }
  if (from != IncidentStatus::kResolved && after.status == IncidentStatus::kResolved) {
    resolved_.Add({{"how", change.automatic ? "auto" : "manual"}}).Increment();
    resolve_seconds_.Observe(age_s);
  }
}

Result<IncidentChange> IncidentService::StageOpen(Transaction& txn,
                                                  const CreateIncidentCommand& command,
                                                  int64_t now_ms) {
  IncidentView incidents(txn);
  ASSIGN_OR_RETURN(uint64_t sequence, incidents.AllocateSequence());
  if (sequence > kMaxIncidentSequence) {
    // The job fails, so the allocation staged with it is dropped too.
    return Status::ResourceExhausted(
        "incident sequence exhausted: " + std::to_string(sequence - 1) +
        " is the last number incident numbers can hold");
  }
  ASSIGN_OR_RETURN(Transition t, OpenIncident(command, FormatIncidentNum(sequence, now_ms), now_ms));
  Incident opened = t.incident;
  StageTransition(incidents, std::move(t));
  return IncidentChange{std::nullopt, std::move(opened), false};
}

Result<IncidentChange> IncidentService::StageAutoResolve(Transaction& txn,
                                                         const std::string& incident_num,
                                                         std::string cause, std::string solution,
                                                         int64_t now_ms) {
  IncidentView incidents(txn);
  ASSIGN_OR_RETURN(std::optional<Incident> current, incidents.Get(incident_num));
  if (!current) return Status::NotFound("no incident " + incident_num);
  ASSIGN_OR_RETURN(Transition t, AutoResolve(*current, std::move(cause), std::move(solution),
                                             now_ms, "alarmgate"));
  Incident resolved = t.incident;
  StageTransition(incidents, std::move(t));
  return IncidentChange{std::move(current), std::move(resolved), true};
}

Status IncidentService::StageNote(Transaction& txn, const std::string& incident_num,
                                  TimelineEntry entry) {
  IncidentView incidents(txn);
  ASSIGN_OR_RETURN(std::optional<Incident> current, incidents.Get(incident_num));
  if (!current) return Status::NotFound("no incident " + incident_num);
  incidents.AppendTimeline(incident_num, std::move(entry));
  return Status::Ok();
}

std::function<void(Status)> IncidentService::Answer(std::shared_ptr<IncidentChange> change,
                                                    Done done) {
  return [this, change = std::move(change), done = std::move(done)](Status status) {
    if (!status.ok()) {
      done(std::move(status));
      return;
    }
    Observe(*change);
    done(change->after);
  };
}

void IncidentService::Create(CreateIncidentCommand command, Done done) {
  auto change = std::make_shared<IncidentChange>();
  auto cmd = std::make_shared<CreateIncidentCommand>(std::move(command));
  committer_.Submit(CommitJob{
      [this, change, cmd](Transaction& txn) -> Status {
        ASSIGN_OR_RETURN(*change, StageOpen(txn, *cmd, clock_.NowMs()));
        return Status::Ok();
      },
      Answer(change, std::move(done))});
}

void IncidentService::Handle(HandleIncidentCommand command, Done done) {
  auto change = std::make_shared<IncidentChange>();
  auto cmd = std::make_shared<HandleIncidentCommand>(std::move(command));
  committer_.Submit(CommitJob{
      [this, change, cmd](Transaction& txn) -> Status {
        // Read and changed on the writer thread, so two operators racing on one incident are
        // applied one after the other and the second sees the first's status.
        IncidentView incidents(txn);
        ASSIGN_OR_RETURN(std::optional<Incident> current, incidents.Get(cmd->incident_num));
        if (!current) return Status::NotFound("incident " + cmd->incident_num + " does not exist");
        ASSIGN_OR_RETURN(Transition t,
                         Apply(*current, *cmd, clock_.NowMs(), cmd->operator_id));
        *change = IncidentChange{std::move(current), t.incident, false};
        StageTransition(incidents, std::move(t));
        return Status::Ok();
      },
      Answer(change, std::move(done))});
}

}  // namespace alarmgate
