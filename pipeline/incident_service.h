#pragma once
// Applies incident changes through storage: the API's create and handle, and (for the rule
// engine) staging functions that join the alarm transition's atomic write. Keeps the incident
// metrics in step with what was committed.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "core/clock.h"
#include "core/status.h"
#include "incidents/incident.h"
#include "incidents/incident_commands.h"
#include "storage/group_committer.h"
#include "storage/store.h"
#include "storage/transaction.h"

namespace alarmgate {

// What a staged change did, for the metrics once it is committed.
struct IncidentChange {
  std::optional<Incident> before;  // nullopt: opened by this change
  Incident after;
  bool automatic = false;  // resolved by the rule engine rather than by an operator
};

class IncidentService {
 public:
  using Done = std::function<void(Result<Incident>)>;

  IncidentService(Store& store, GroupCommitter& committer, const Clock& clock,
                  prometheus::Registry& registry);

  // Sets alarmgate_incidents_open from what is stored (once, at startup).
  Status LoadGauges();

  // The API (seed 003 §4.4.1): each is one atomic write; `done` runs on the writer thread.
  void Create(CreateIncidentCommand command, Done done);
  void Handle(HandleIncidentCommand command, Done done);

  // Staging for the rule engine, on the writer thread inside a CommitJob. Call Observe with the
  // returned changes once the job's write is committed.
  Result<IncidentChange> StageOpen(Transaction& txn, const CreateIncidentCommand& command,
                                   int64_t now_ms);
  Result<IncidentChange> StageAutoResolve(Transaction& txn, const std::string& incident_num,
                                          std::string cause, std::string solution, int64_t now_ms);
  // Adds a line that changes no status (an alarm attached, a refused remediation, …).
  Status StageNote(Transaction& txn, const std::string& incident_num, TimelineEntry entry);

  void Observe(const IncidentChange& change);

 private:
  // The `done` of a Create or Handle job: counts the committed change, then answers with it.
  std::function<void(Status)> Answer(std::shared_ptr<IncidentChange> change, Done done);

  void AdjustOpen(const Incident& incident, double delta);

  Store& store_;
  GroupCommitter& committer_;
  const Clock& clock_;
  prometheus::Family<prometheus::Counter>& opened_;
  prometheus::Family<prometheus::Counter>& resolved_;
  prometheus::Family<prometheus::Gauge>& open_;
  prometheus::Histogram& ack_seconds_;
  prometheus::Histogram& resolve_seconds_;
};

}  // namespace alarmgate
