#pragma once
// One HTTP/1.1 connection: reads one request at a time (header, route, body), hands it to its
// handler, writes the reply, repeats. Owns the limits, timeouts and framing checks of the edge.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "gateway/http/server_state.h"

namespace alarmgate {

// The HttpRequest a handler receives stays valid until the handler calls its Reply.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `socket` must use a strand executor: every member below runs on it.
  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> server);
  ~HttpSession();

  void Start();
  // Thread-safe. Closes the connection now if it waits for a request; otherwise the request in
  // flight is answered with `Connection: close` and the connection closes after it.
  void NotifyShutdown();
  // Thread-safe. Closes the connection whatever it is doing (end of the shutdown grace).
  void ForceClose();

 private:
  enum class Phase { kIdle, kReading, kHandling, kWriting, kClosing };

  void WaitForRequest();
  void OnFirstBytes(boost::beast::error_code ec, std::size_t n);
  void ReadHeader();
  void OnHeader(boost::beast::error_code ec, std::size_t n);
  void ReadBody();
  void OnBody(boost::beast::error_code ec, std::size_t n);
  void Dispatch();
  Reply MakeReply();
  void WriteResponse(HttpResponse res);
  void OnWrite(bool close, boost::beast::error_code ec, std::size_t n);
  // Answers an error the connection cannot recover from, then closes.
  void Reject(std::string_view route_label, HttpResponse res);
  void LingerThenClose();
  void DrainUntilEof();
  void Close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> server_;
  std::shared_ptr<const ServerOptions> options_;  // snapshot for the request being read

  std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>> header_parser_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> body_parser_;
  RouteMatch match_;
  std::string_view route_label_;  // route name, "unmatched" or "edge"
  std::string raw_path_;
  HttpRequest request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  int status_ = 0;
  uint64_t body_limit_ = 0;  // of the request being read: the route's, else the server's

  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool is_head_ = false;
  bool close_after_response_ = false;
  Phase phase_ = Phase::kIdle;
  bool closed_ = false;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace alarmgate
