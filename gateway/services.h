#pragma once
// The services on the request path, over one open store: the single writer, incidents, silences,
// rule application, ingestion and rate limits. Built and loaded from storage in one step at
// startup; the timer-driven jobs and the HTTP API use them by reference.

#include <prometheus/registry.h>

#include <memory>

#include "core/clock.h"
#include "core/status.h"
#include "gateway/config/config.h"
#include "pipeline/incident_service.h"
#include "pipeline/ingest_service.h"
#include "pipeline/rate_limiter.h"
#include "pipeline/rule_applier.h"
#include "pipeline/silence_service.h"
#include "rules/rules_holder.h"
#include "rules/silences_holder.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

struct Services {
  // Builds every service over `store` (which must outlive them) and loads what they keep in
  // memory (gauges, the API's silences); a storage read error is returned.
  static Result<std::unique_ptr<Services>> Open(Store& store, const Config& config,
                                                const RulesHolder& rules, const Clock& clock,
                                                prometheus::Registry& registry);

  // Declared in construction order: each uses only those above it.
  std::unique_ptr<GroupCommitter> committer;
  std::unique_ptr<IncidentService> incidents;
  std::unique_ptr<SilencesHolder> silences;  // the API's silences; the rules files' are in rules
  std::unique_ptr<SilenceService> silence_service;
  std::unique_ptr<RuleApplier> applier;
  std::unique_ptr<IngestService> ingest;
  std::unique_ptr<RateLimiter> limiter;
};

}  // namespace alarmgate
