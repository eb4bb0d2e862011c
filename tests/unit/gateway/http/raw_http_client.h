#pragma once
// A blocking HTTP/1.1 test client over raw TCP: writes exactly the bytes a test gives it and parses
// responses with Beast. Every operation is bounded by a deadline.

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alarmgate::testing {

class RawHttpClient {
 public:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  explicit RawHttpClient(uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : stream_(ioc_) {
    boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
    stream_.expires_after(timeout);
    stream_.async_connect(ep, [this](boost::beast::error_code ec) { ec_ = ec; });
    Run();
    connected_ = !ec_;
  }

  bool connected() const { return connected_; }
  const boost::beast::error_code& last_error() const { return ec_; }

  bool Send(std::string_view data, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    stream_.expires_after(timeout);
    boost::asio::async_write(stream_, boost::asio::buffer(data.data(), data.size()),
                             [this](boost::beast::error_code ec, std::size_t) { ec_ = ec; });
    Run();
    return !ec_;
  }

  // One response, or nullopt on timeout, close or a parse error (see last_error()).
  // `head`: the response to a HEAD request, which has no body whatever its Content-Length says.
  std::optional<Response> ReadResponse(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                                       bool head = false) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head);
    stream_.expires_after(timeout);
    boost::beast::http::async_read(stream_, buffer_, parser,
                                   [this](boost::beast::error_code ec, std::size_t) { ec_ = ec; });
    Run();
    if (ec_) return std::nullopt;
    return parser.release();
  }

  // Sends one request and reads its response.
  std::optional<Response> RoundTrip(std::string_view request) {
    if (!Send(request)) return std::nullopt;
    return ReadResponse();
  }

  // True once the server has closed the connection (EOF or reset) within `timeout`;
  // any bytes received meanwhile are discarded; then closes our side. False on timeout.
  bool WaitForClose(std::chrono::milliseconds timeout) {
    buffer_.consume(buffer_.size());
    stream_.expires_after(timeout);
    while (true) {
      std::size_t n = 0;
      stream_.async_read_some(buffer_.prepare(4096),
                              [this, &n](boost::beast::error_code ec, std::size_t got) {
                                ec_ = ec;
                                n = got;
                              });
      Run();
      if (!ec_) continue;  // data, not a close: keep waiting under the same deadline
      bool closed = ec_ == boost::asio::error::eof || ec_ == boost::asio::error::connection_reset ||
                    ec_ == boost::beast::http::error::end_of_stream;
      if (closed) {
        // Like a real client, close our side too once the server has closed its.
        boost::beast::error_code ignored;
        stream_.socket().close(ignored);
      }
      return closed;
    }
  }

  // Waits up to `wait` for the server to send something or close, without consuming it and
  // without closing our side (unlike a timed-out read). Doubles as a client's pacing delay.
  bool ReadableOrClosed(std::chrono::milliseconds wait) {
    pollfd pfd{stream_.socket().native_handle(), POLLIN | POLLRDHUP, 0};
    int rc = ::poll(&pfd, 1, static_cast<int>(wait.count()));
    return rc > 0;
  }

 private:
  void Run() {
    ioc_.restart();
    ioc_.run();
  }

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::error_code ec_;
  bool connected_ = false;
};

}  // namespace alarmgate::testing
