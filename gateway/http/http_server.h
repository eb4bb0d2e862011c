#pragma once
// The HTTP/1.1 listener: accepts connections (up to max_connections), starts one HttpSession per
// connection, applies reloaded options, and drains gracefully on Shutdown().

#include <prometheus/registry.h>

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "gateway/http/router.h"
#include "gateway/http/server_options.h"

namespace alarmgate {

class ServerState;
struct Listener;

class HttpServer {
 public:
  // `router` and `registry` must outlive the io_context (connections may outlive the server
  // until their last handler has run). The io_context may be run by any number of threads.
  HttpServer(boost::asio::io_context& ioc, const Router& router, ServerOptions options,
             prometheus::Registry& registry);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting. Port 0 picks a free port; returns the bound port.
  Result<uint16_t> Listen(const std::string& host, uint16_t port);
  // Applies to requests read from now on (config reload). Thread-safe.
  void UpdateOptions(ServerOptions options);
  // Stops accepting, closes idle connections, lets requests in flight finish (their responses carry
  // `Connection: close`), then calls `on_drained` on the io_context once no connection is left,
  // or after shutdown_grace_ms at the latest (closing whatever remains). Thread-safe.
  void Shutdown(std::function<void()> on_drained);
  size_t open_connections() const;

 private:
  std::shared_ptr<ServerState> state_;
  std::shared_ptr<Listener> listener_;
};

}  // namespace alarmgate
