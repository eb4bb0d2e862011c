#include "gateway/api/admin_handler.h"

#include "gateway/api/envelope.h"

namespace alarmgate {
namespace {

HttpResponse JsonOk(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

}  // namespace

void AdminHandler::RegisterRoutes(Router& router, const ManagementAuth& auth) {
  router.Add("GET", "/-/healthy", "healthy", BindHandler(this, &AdminHandler::Healthy));
  router.Add("HEAD", "/-/healthy", "healthy", BindHandler(this, &AdminHandler::Healthy));
  router.Add("POST", "/-/healthy", "healthy", BindHandler(this, &AdminHandler::Healthy));
  router.Add("GET", "/-/ready", "ready", BindHandler(this, &AdminHandler::Ready));
  router.Add("HEAD", "/-/ready", "ready", BindHandler(this, &AdminHandler::Ready));
  router.Add("GET", "/metrics", "metrics", BindHandler(this, &AdminHandler::Metrics));
  router.Add("POST", "/-/reload", "reload", auth.Protect(BindHandler(this, &AdminHandler::Reload)));
}

void AdminHandler::Healthy(HttpRequest& request, Reply reply) {
  reply(JsonOk(R"({"status":"healthy"})"));
}

void AdminHandler::Ready(HttpRequest& request, Reply reply) {
  if (!ready_.load()) {
    reply(JsonError(503, "COC.00000503", "not ready: storage or config not loaded, or shutting down"));
    return;
  }
  if (Status refusal = write_refusal_(); !refusal.ok()) {
    reply(JsonError(503, "COC.00000503", "not ready: " + refusal.message()));
    return;
  }
  reply(JsonOk(R"({"status":"ready"})"));
}

void AdminHandler::Metrics(HttpRequest& request, Reply reply) {
  HttpResponse r;
  r.body = metrics_.Serialize();
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  reply(std::move(r));
}

void AdminHandler::Reload(HttpRequest& request, Reply reply) {
  Status status = reload_();
  if (!status.ok()) {
    reply(JsonError(400, kCocBadRequest, status.message()));
    return;
  }
  reply(JsonOk(R"({"data":"reloaded"})"));
}

}  // namespace alarmgate
