#pragma once
// GET /v1/alarms and GET /v1/alarms/{fingerprint} (contract §4.4): the tracked alarms.

#include "gateway/api/management_auth.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "storage/alarm_store.h"

namespace alarmgate {

class AlarmsHandler {
 public:
  explicit AlarmsHandler(AlarmStore& alarms) : alarms_(alarms) {}

  // Every route needs a management token.
  void RegisterRoutes(Router& router, const ManagementAuth& auth);

  void List(HttpRequest& request, Reply reply);
  void Get(HttpRequest& request, Reply reply);

 private:
  AlarmStore& alarms_;
};

}  // namespace alarmgate
