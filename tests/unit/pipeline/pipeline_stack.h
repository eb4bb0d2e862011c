#pragma once
// The ingest pipeline over a MemoryStore and a FakeClock, as the gateway wires it, for tests of the
// jobs that feed it (timers, heartbeats, reconciliation): rules from YAML, a blocking Ingest, and
// Flush, which waits until everything submitted to the writer so far has answered.

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include "core/clock.h"
#include "pipeline/incident_service.h"
#include "pipeline/ingest_service.h"
#include "pipeline/rule_applier.h"
#include "rules/rule_loader.h"
#include "storage/group_committer.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {

struct PipelineStack {
  void LoadRules(const std::string& yaml) {
    LoadedRules loaded = RuleLoader::LoadString(yaml, "rules.yaml");
    ASSERT_TRUE(loaded.rules) << loaded.problems.front().message;
    rules.Set(loaded.rules);
  }

  Result<std::vector<IngestOutcome>> Ingest(std::vector<Alarm> alarms) {
    std::promise<Result<std::vector<IngestOutcome>>> p;
    ingest.Ingest(std::move(alarms),
                  [&p](Result<std::vector<IngestOutcome>> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  // Waits until every job submitted to the writer before this call has answered: the writer
  // answers in submission order, so a no-op job answers last. (A job that an answer submits in
  // turn needs a second Flush.)
  void Flush() {
    std::promise<void> p;
    committer.Submit(
        CommitJob{[](Transaction&) { return Status::Ok(); }, [&p](Status) { p.set_value(); }});
    p.get_future().wait();
  }

  MemoryStore store;
  prometheus::Registry registry;
  FakeClock clock;
  GroupCommitter committer{store, Durability::kProcess, registry};
  RulesHolder rules{std::make_shared<const RuleSet>()};
  SilencesHolder silences{std::make_shared<const std::vector<Silence>>()};
  IncidentService incidents{store, committer, clock, registry};
  RuleApplier applier{incidents, rules, silences, registry};
  IngestService ingest{store, committer, applier, clock, registry};
};

}  // namespace alarmgate
