#pragma once
// POST/GET/DELETE /v1/silences (contract §5): silences from the API, listed together with
// those of the rules files.

#include "pipeline/silence_service.h"
#include "rules/rules_holder.h"
#include "core/clock.h"
#include "gateway/api/management_auth.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"

namespace alarmgate {

class SilencesHandler {
 public:
  SilencesHandler(SilenceService& service, const SilencesHolder& api_silences,
                  const RulesHolder& rules, const Clock& clock)
      : service_(service), api_silences_(api_silences), rules_(rules), clock_(clock) {}

  // Every route needs a management token.
  void RegisterRoutes(Router& router, const ManagementAuth& auth);

  void Create(HttpRequest& request, Reply reply);
  void List(HttpRequest& request, Reply reply);
  void Get(HttpRequest& request, Reply reply);
  void Expire(HttpRequest& request, Reply reply);

 private:
  // File silences first, then the API's, in creation order.
  std::vector<Silence> All() const;

  SilenceService& service_;
  const SilencesHolder& api_silences_;
  const RulesHolder& rules_;
  const Clock& clock_;
};

}  // namespace alarmgate
