#pragma once
// The ingest pipeline after parsing: dedup verdict, rules and storage in one atomic write per
// alarm batch, decided on the single writer thread so identical concurrent alarms are seen in order.
// Only transitions run the rules; their decision is kept on the alarm for explanation.

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "alarms/alarm.h"
#include "alarms/dedup_decider.h"
#include "core/clock.h"
#include "core/status.h"
#include "pipeline/rule_applier.h"
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

  IngestService(Store& store, GroupCommitter& committer, RuleApplier& rules, const Clock& clock,
                prometheus::Registry& registry);

  // Sets alarmgate_alarms_active from what is stored (once, at startup).
  Status LoadGauges();

  // All alarms of one request commit together or not at all. `done` runs on the writer thread.
  void Ingest(std::vector<Alarm> alarms, Done done);

  // Counts alarms refused before ingestion (invalid, unauthorized, rate_limited).
  void CountRefused(std::string_view integration, std::string_view result, int64_t n = 1);

 private:
  // What alarmgate_alarms_active needs of a stored record: the record itself goes to storage.
  struct ActiveKey {
    AlarmStatus status;
    AlarmLevel level;
  };
  struct Staged {
    std::optional<ActiveKey> before;
    std::optional<ActiveKey> after;       // set when a record is written
    std::optional<AppliedRules> applied;  // set on transitions: what the rules did
  };
  // Children of the metric families for one integration, indexed by enum value. Family::Add
  // builds and hashes a label map under a lock on every call; the label sets are few, so each
  // child is looked up once.
  struct IntegrationMetrics {
    std::array<std::array<prometheus::Counter*, 3>, 4> received{};  // [level][CommittedResult]
    std::array<prometheus::Counter*, 2> transitions{};              // [to status]
    std::array<prometheus::Gauge*, 4> active{};                     // [level]
  };
  enum CommittedResult { kAccepted, kStale, kDuplicate };

  Status Stage(Transaction& txn, const std::vector<Alarm>& alarms,
               std::vector<IngestOutcome>& outcomes, std::vector<Staged>& staged);
  void CountCommitted(const std::vector<Alarm>& alarms, const std::vector<IngestOutcome>& outcomes,
                      const std::vector<Staged>& staged);
  void AdjustActive(IntegrationMetrics& m, const std::string& integration, ActiveKey key,
                    double delta);
  IntegrationMetrics& MetricsFor(const std::string& integration);

  Store& store_;
  GroupCommitter& committer_;
  RuleApplier& rules_;
  const Clock& clock_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& transitions_;
  prometheus::Family<prometheus::Gauge>& active_;
  // Counted on the writer thread, and by LoadGauges at startup: the lock is never contended.
  std::mutex metrics_mu_;
  std::unordered_map<std::string, IntegrationMetrics> metrics_;
};

}  // namespace alarmgate
