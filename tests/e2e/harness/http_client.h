#pragma once
// Blocking HTTP/1.1 client for end-to-end tests: Boost.Beast on 127.0.0.1, every step bounded by a
// timeout, optional keep-alive, and a raw-bytes mode for requests a well-behaved client cannot
// send.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alarmgate::e2e {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  HeaderList headers;  // names lower-case
  std::string body;
  std::string error;  // transport failure (connect, timeout, reset); empty when a response arrived

  bool ok() const { return error.empty(); }
  // First header with this name (case-insensitive).
  std::optional<std::string> Header(std::string_view name) const;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      bool keep_alive = false);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One request; a kept-alive connection that turns out to be closed is reopened once.
  HttpResult Request(std::string_view method, std::string_view target, std::string_view body = {},
                     const HeaderList& headers = {});
  HttpResult Get(std::string_view target, const HeaderList& headers = {}) {
    return Request("GET", target, {}, headers);
  }
  HttpResult Post(std::string_view target, std::string_view body, const HeaderList& headers = {}) {
    return Request("POST", target, body, headers);
  }

  // Writes `bytes` as they are on a fresh connection and reads one response (or the failure).
  HttpResult SendRaw(std::string_view bytes);

  uint16_t port() const { return port_; }

 private:
  bool Connect(std::string* error);
  HttpResult Exchange(std::string_view method, std::string_view target, std::string_view body,
                      const HeaderList& headers);
  HttpResult ReadResponse();
  void Close();
  void Run();

  uint16_t port_;
  std::chrono::milliseconds timeout_;
  bool keep_alive_;
  boost::asio::io_context ioc_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace alarmgate::e2e
