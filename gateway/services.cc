#include "gateway/services.h"

#include <vector>

namespace alarmgate {

Result<std::unique_ptr<Services>> Services::Open(Store& store, const Config& config,
                                                 const RulesHolder& rules, const Clock& clock,
                                                 prometheus::Registry& registry) {
  auto s = std::make_unique<Services>();
  s->committer = std::make_unique<GroupCommitter>(store, config.storage.durability, registry);
  s->incidents = std::make_unique<IncidentService>(store, *s->committer, clock, registry);
  s->silences = std::make_unique<SilencesHolder>(std::make_shared<const std::vector<Silence>>());
  s->silence_service = std::make_unique<SilenceService>(store, *s->committer, clock, *s->silences);
  s->applier = std::make_unique<RuleApplier>(*s->incidents, rules, *s->silences, registry);
  s->ingest = std::make_unique<IngestService>(store, *s->committer, *s->applier, clock, registry);
  s->limiter = std::make_unique<RateLimiter>(clock);
  RETURN_IF_ERROR(s->incidents->LoadGauges());
  RETURN_IF_ERROR(s->silence_service->Load());
  RETURN_IF_ERROR(s->ingest->LoadGauges());
  return s;
}

}  // namespace alarmgate
