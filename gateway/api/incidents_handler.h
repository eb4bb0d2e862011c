#pragma once
// The incident center (seed 003 §4.4.1, contract §6): thin adapters from HTTP to IncidentService
// and the incident store.

#include "gateway/api/management_auth.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "pipeline/incident_service.h"
#include "storage/incident_store.h"

namespace alarmgate {

class IncidentsHandler {
 public:
  IncidentsHandler(IncidentService& service, IncidentStore& incidents)
      : service_(service), incidents_(incidents) {}

  // Every route needs a management token.
  void RegisterRoutes(Router& router, const ManagementAuth& auth);

  void Create(HttpRequest& request, Reply reply);
  void Handle(HttpRequest& request, Reply reply);
  void Get(HttpRequest& request, Reply reply);
  void List(HttpRequest& request, Reply reply);
  void Timeline(HttpRequest& request, Reply reply);

 private:
  IncidentService& service_;
  IncidentStore& incidents_;
};

}  // namespace alarmgate
