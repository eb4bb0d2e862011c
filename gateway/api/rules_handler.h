#pragma once
// POST /v1/rules/test (contract §5): what the rules would do with an alarm — the matching rules,
// the silence that applies, the expanded incident fields and the remediation — changing nothing.

#include "pipeline/rule_applier.h"
#include "core/clock.h"
#include "gateway/config/config_holder.h"
#include "gateway/api/management_auth.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"

namespace alarmgate {

class RulesHandler {
 public:
  RulesHandler(const RulesHolder& rules, const SilencesHolder& silences, const Clock& clock)
      : rules_(rules), silences_(silences), clock_(clock) {}

  // Needs a management token.
  void RegisterRoutes(Router& router, const ManagementAuth& auth);

  // Body: one COC alarm (seed table 4-84). `?integration=<name>` sets the integration the
  // alarm is tested as coming from (default "test").
  void Test(HttpRequest& request, Reply reply);

 private:
  const RulesHolder& rules_;
  const SilencesHolder& silences_;
  const Clock& clock_;
};

}  // namespace alarmgate
