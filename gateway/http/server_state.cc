// Session registry and drain bookkeeping for HttpServer::Shutdown().
#include "gateway/http/server_state.h"

#include <boost/asio/post.hpp>

namespace alarmgate {

ServerState::ServerState(boost::asio::io_context& ioc, const Router& router, ServerOptions options,
                         prometheus::Registry& registry)
    : ioc_(ioc),
      router_(router),
      metrics_(registry),
      options_(std::make_shared<const ServerOptions>(options)) {}

std::shared_ptr<const ServerOptions> ServerState::options() const {
  std::lock_guard<std::mutex> lock(mu_);
  return options_;
}

void ServerState::set_options(ServerOptions options) {
  auto next = std::make_shared<const ServerOptions>(options);
  std::lock_guard<std::mutex> lock(mu_);
  options_ = std::move(next);
}

void ServerState::Register(const std::shared_ptr<HttpSession>& session) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.emplace(session.get(), session);
    open_.store(sessions_.size(), std::memory_order_relaxed);
  }
  metrics_.ConnectionOpened();
}

void ServerState::Unregister(HttpSession* session) {
  bool last = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sessions_.erase(session) == 0) return;
    open_.store(sessions_.size(), std::memory_order_relaxed);
    last = sessions_.empty() && shutting_down_.load();
  }
  metrics_.ConnectionClosed();
  if (last) Drained();
}

std::vector<std::shared_ptr<HttpSession>> ServerState::LiveSessions() const {
  std::vector<std::shared_ptr<HttpSession>> out;
  std::lock_guard<std::mutex> lock(mu_);
  out.reserve(sessions_.size());
  for (const auto& [ptr, weak] : sessions_) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::shared_ptr<HttpSession>> ServerState::BeginShutdown(
    std::function<void()> on_drained) {
  bool already_drained;
  bool none_left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutting_down_.store(true, std::memory_order_release);
    already_drained = drained_;
    none_left = sessions_.empty();
    if (!already_drained && on_drained) on_drained_.push_back(std::move(on_drained));
  }
  if (already_drained) {
    if (on_drained) boost::asio::post(ioc_, std::move(on_drained));
    return {};
  }
  if (none_left) {
    Drained();
    return {};
  }
  return LiveSessions();
}

void ServerState::Drained() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (drained_) return;
    drained_ = true;
    callbacks.swap(on_drained_);
  }
  // Posted, never run inline: Drained() may be called from a session's destructor.
  for (auto& cb : callbacks) boost::asio::post(ioc_, std::move(cb));
}

}  // namespace alarmgate
