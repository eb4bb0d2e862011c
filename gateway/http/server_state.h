#pragma once
// What the listener and its sessions share: router, options, metrics, the set of open sessions and
// the drain bookkeeping of Shutdown(). Held by shared_ptr so a session may outlive HttpServer.

#include <prometheus/registry.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "gateway/http/http_metrics.h"
#include "gateway/http/router.h"
#include "gateway/http/server_options.h"

namespace alarmgate {

class HttpSession;

class ServerState {
 public:
  ServerState(boost::asio::io_context& ioc, const Router& router, ServerOptions options,
              prometheus::Registry& registry);

  const Router& router() const { return router_; }
  HttpMetrics& metrics() { return metrics_; }

  // A snapshot; sessions take one per request so a reload applies from the next request on.
  std::shared_ptr<const ServerOptions> options() const;
  void set_options(ServerOptions options);

  bool shutting_down() const { return shutting_down_.load(std::memory_order_acquire); }
  size_t open_connections() const { return open_.load(std::memory_order_relaxed); }

  void Register(const std::shared_ptr<HttpSession>& session);
  // From the session's destructor; the last one during shutdown completes the drain.
  void Unregister(HttpSession* session);
  std::vector<std::shared_ptr<HttpSession>> LiveSessions() const;

  // Marks the server as shutting down and returns the sessions open at this moment.
  // `on_drained` runs (posted to the io_context) once no session is left or Drained() is called.
  std::vector<std::shared_ptr<HttpSession>> BeginShutdown(std::function<void()> on_drained);
  // Runs the drain callbacks now, at most once (also used when the grace period ends).
  void Drained();

 private:
  boost::asio::io_context& ioc_;
  const Router& router_;
  HttpMetrics metrics_;

  mutable std::mutex mu_;
  std::shared_ptr<const ServerOptions> options_;
  std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> sessions_;
  std::vector<std::function<void()>> on_drained_;
  bool drained_ = false;

  std::atomic<bool> shutting_down_{false};
  std::atomic<size_t> open_{0};
};

}  // namespace alarmgate
