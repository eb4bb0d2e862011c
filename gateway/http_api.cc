#include "gateway/http_api.h"

#include <utility>

namespace alarmgate {

HttpApi::HttpApi(const RuntimeConfigHolder& runtime, Store& store, Services& services,
                 HeartbeatMonitor& heartbeats, const Clock& clock, const MetricsExposer& metrics,
                 const std::atomic<bool>& ready, std::function<Status()> reload)
    : auth_(runtime.config()),
      admin_(
          metrics, ready, [&committer = *services.committer] { return committer.WriteRefusal(); },
          std::move(reload)),
      ingest_(runtime.config(), *services.ingest, *services.limiter, heartbeats),
      pagerduty_(runtime.config(), *services.ingest, *services.limiter, heartbeats,
                 *services.incidents, store.alarms(), clock),
      alarms_(store.alarms()),
      incidents_(*services.incidents, store.incidents()),
      silences_(*services.silence_service, *services.silences, runtime.rules(), clock),
      rules_(runtime.rules(), *services.silences, clock) {}

void HttpApi::RegisterRoutes(Router& router) {
  admin_.RegisterRoutes(router, auth_);
  ingest_.RegisterRoutes(router);
  pagerduty_.RegisterRoutes(router);
  alarms_.RegisterRoutes(router, auth_);
  incidents_.RegisterRoutes(router, auth_);
  silences_.RegisterRoutes(router, auth_);
  rules_.RegisterRoutes(router, auth_);
}

}  // namespace alarmgate
