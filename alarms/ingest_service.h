#pragma once
// The ingest pipeline after parsing: dedup verdict, rules and storage in one atomic write per
// alarm batch, decided on the single writer thread so identical concurrent alarms are seen in order.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "alarms/alarm.h"
#include "alarms/dedup_decider.h"
#include "core/clock.h"
#include "core/status.h"
#include "rules/rule_engine.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

struct IngestOutcome {
  std::string fingerprint;
  DedupVerdict verdict = DedupVerdict::kNew;
  std::optional<std::string> incident_num;
  std::vector<std::string> actions;
};

class IngestService {
 public:
  using Done = std::function<void(Result<std::vector<IngestOutcome>>)>;

  IngestService(Store& store, GroupCommitter& committer, const RuleEngine& rules,
                const Clock& clock, prometheus::Registry& registry);

  // Sets alarmgate_alarms_active from what is stored (once, at startup).
  Status LoadGauges();

  // All alarms of one request commit together or not at all. `done` runs on the writer thread.
  void Ingest(std::vector<Alarm> alarms, Done done);

  // Counts alarms refused before ingestion (invalid, unauthorized, rate_limited).
  void CountRefused(std::string_view integration, std::string_view result, int64_t n = 1);

 private:
  struct Staged {
    std::optional<AlarmRecord> before;
    std::optional<AlarmRecord> after;
  };

  Status Stage(Transaction& txn, const std::vector<Alarm>& alarms,
               std::vector<IngestOutcome>& outcomes, std::vector<Staged>& staged);
  void CountCommitted(const std::vector<Alarm>& alarms, const std::vector<IngestOutcome>& outcomes,
                      const std::vector<Staged>& staged);
  void AdjustActive(const AlarmRecord& record, double delta);

  Store& store_;
  GroupCommitter& committer_;
  const RuleEngine& rules_;
  const Clock& clock_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& transitions_;
  prometheus::Family<prometheus::Gauge>& active_;
};

}  // namespace alarmgate
