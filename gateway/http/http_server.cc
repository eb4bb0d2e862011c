// Accept loop, connection limit and graceful drain. The acceptor and timers live in a Listener
// shared with their completion handlers, so nothing dangles if HttpServer goes first.
#include "gateway/http/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "core/logger.h"
#include "gateway/http/http_session.h"
#include "gateway/http/server_state.h"

namespace alarmgate {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Everything here runs on the acceptor's strand.
struct Listener {
  explicit Listener(asio::io_context& ioc)
      : ioc(ioc),
        strand(asio::make_strand(ioc)),
        acceptor(strand),
        retry_timer(strand),
        grace_timer(strand) {}

  asio::io_context& ioc;
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;  // backs off after accept errors such as EMFILE
  asio::steady_timer grace_timer;
};

namespace {

void Accept(std::shared_ptr<Listener> listener, std::shared_ptr<ServerState> state);

void OnAccept(std::shared_ptr<Listener> listener, std::shared_ptr<ServerState> state,
              boost::system::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !listener->acceptor.is_open()) return;
  if (ec) {
    LogWarn("accept_failed", {{"error", ec.message()}});
    listener->retry_timer.expires_after(std::chrono::milliseconds(50));
    listener->retry_timer.async_wait([listener, state](boost::system::error_code ec) {
      if (!ec) Accept(listener, state);
    });
    return;
  }
  boost::system::error_code ignored;
  auto options = state->options();
  if (state->shutting_down() ||
      static_cast<int64_t>(state->open_connections()) >= options->max_connections) {
    if (!state->shutting_down()) state->metrics().ConnectionRejected();
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  } else {
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<HttpSession>(std::move(socket), state);
    state->Register(session);
    session->Start();
  }
  Accept(std::move(listener), std::move(state));
}

void Accept(std::shared_ptr<Listener> listener, std::shared_ptr<ServerState> state) {
  // Each connection gets its own strand: its handlers never run concurrently.
  // Taken before `listener` is moved into the handler (argument evaluation order is unspecified).
  auto& acceptor = listener->acceptor;
  auto strand = asio::make_strand(listener->ioc);
  acceptor.async_accept(strand, [listener = std::move(listener), state = std::move(state)](
                                    boost::system::error_code ec, tcp::socket socket) mutable {
    OnAccept(std::move(listener), std::move(state), ec, std::move(socket));
  });
}

}  // namespace

HttpServer::HttpServer(asio::io_context& ioc, const Router& router, ServerOptions options,
                       prometheus::Registry& registry)
    : state_(std::make_shared<ServerState>(ioc, router, options, registry)),
      listener_(std::make_shared<Listener>(ioc)) {}

HttpServer::~HttpServer() {
  // Stop accepting; sessions still open keep the shared state alive until they finish.
  asio::post(listener_->strand, [listener = listener_] {
    boost::system::error_code ignored;
    listener->acceptor.close(ignored);
    listener->retry_timer.cancel();
  });
}

Result<uint16_t> HttpServer::Listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  std::string bare_host = host;
  if (bare_host.size() >= 2 && bare_host.front() == '[' && bare_host.back() == ']') {
    bare_host = bare_host.substr(1, bare_host.size() - 2);  // "[::1]"
  }
  tcp::resolver resolver(listener_->ioc);
  auto results = resolver.resolve(bare_host, std::to_string(port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status::InvalidArgument("cannot resolve listen address " + host + ": " + ec.message());
  }
  tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = listener_->acceptor;
  if (acceptor.is_open()) return Status::Conflict("the server is already listening");
  auto fail = [&](const char* what) -> Status {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return Status::Unavailable(std::string("cannot listen on ") + host + ":" +
                               std::to_string(port) + ": " + what + ": " + ec.message());
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("setsockopt");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  uint16_t bound = acceptor.local_endpoint(ec).port();
  if (ec) return fail("local_endpoint");

  LogInfo("listening", {{"address", host}, {"port", bound}});
  asio::post(listener_->strand,
             [listener = listener_, state = state_] { Accept(listener, state); });
  return bound;
}

void HttpServer::UpdateOptions(ServerOptions options) { state_->set_options(options); }

size_t HttpServer::open_connections() const { return state_->open_connections(); }

void HttpServer::Shutdown(std::function<void()> on_drained) {
  auto listener = listener_;
  auto state = state_;
  int64_t grace_ms = state->options()->shutdown_grace_ms;
  // Ending the drain early also cancels the grace timer, so the io_context can run out of work.
  auto done = [listener, cb = std::move(on_drained)] {
    asio::post(listener->strand, [listener] { listener->grace_timer.cancel(); });
    if (cb) cb();
  };
  asio::post(listener->strand, [listener, state, grace_ms, done = std::move(done)]() mutable {
    bool first = !state->shutting_down();
    boost::system::error_code ignored;
    listener->acceptor.close(ignored);
    listener->retry_timer.cancel();
    std::vector<std::shared_ptr<HttpSession>> sessions = state->BeginShutdown(std::move(done));
    LogInfo("http_draining", {{"connections", sessions.size()}});
    for (auto& s : sessions) s->NotifyShutdown();
    if (!first) return;
    listener->grace_timer.expires_after(std::chrono::milliseconds(std::max<int64_t>(grace_ms, 0)));
    listener->grace_timer.async_wait([state](boost::system::error_code ec) {
      if (ec) return;  // drained in time
      auto left = state->LiveSessions();
      if (!left.empty()) LogWarn("http_drain_timeout", {{"closed_connections", left.size()}});
      for (auto& s : left) s->ForceClose();
      state->Drained();
    });
  });
}

}  // namespace alarmgate
