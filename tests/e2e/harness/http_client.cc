// Blocking HTTP client for e2e tests: each step is an async Beast operation with an expiry, run to
// completion on a private io_context, so a hung server fails the test instead of hanging it.

#include "tests/e2e/harness/http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace alarmgate::e2e {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace asio = boost::asio;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

HttpResult Failure(std::string error) {
  HttpResult r;
  r.error = std::move(error);
  return r;
}

}  // namespace

std::optional<std::string> HttpResult::Header(std::string_view name) const {
  std::string lower = Lower(name);
  for (const auto& [k, v] : headers) {
    if (k == lower) return v;
  }
  return std::nullopt;
}

HttpClient::HttpClient(uint16_t port, std::chrono::milliseconds timeout, bool keep_alive)
    : port_(port), timeout_(timeout), keep_alive_(keep_alive) {}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Run() {
  ioc_.restart();
  ioc_.run();
}

void HttpClient::Close() {
  if (stream_) {
    beast::error_code ignored;
    stream_->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_->socket().close(ignored);
    stream_.reset();
  }
  buffer_.clear();
}

bool HttpClient::Connect(std::string* error) {
  Close();
  stream_.emplace(ioc_);
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port_);
  beast::error_code ec;
  stream_->expires_after(timeout_);
  stream_->async_connect(endpoint, [&](beast::error_code e) { ec = e; });
  Run();
  if (ec) {
    *error = "connect: " + ec.message();
    Close();
    return false;
  }
  return true;
}

HttpResult HttpClient::ReadResponse() {
  HttpResult result;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.header_limit(1024 * 1024);
  beast::error_code ec;
  stream_->expires_after(timeout_);
  http::async_read(*stream_, buffer_, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  Run();
  if (ec) {
    result.error = "read: " + ec.message();
    Close();
    return result;
  }
  auto& res = parser.get();
  result.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    result.headers.emplace_back(Lower(field.name_string()), std::string(field.value()));
  }
  result.body = std::move(res.body());
  if (!keep_alive_ || !res.keep_alive()) Close();
  return result;
}

HttpResult HttpClient::Exchange(std::string_view method, std::string_view target,
                                std::string_view body, const HeaderList& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  req.set(http::field::user_agent, "alarmgate-e2e");
  bool has_content_type = false;
  for (const auto& [k, v] : headers) {
    if (Lower(k) == "content-type") has_content_type = true;
    req.set(k, v);
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    if (!has_content_type) req.set(http::field::content_type, "application/json");
    req.body() = std::string(body);
    req.prepare_payload();
  }
  req.keep_alive(keep_alive_);

  beast::error_code ec;
  stream_->expires_after(timeout_);
  http::async_write(*stream_, req, [&](beast::error_code e, std::size_t) { ec = e; });
  Run();
  if (ec) {
    // The server may answer early (413, 431) and close before taking the whole request: read it.
    HttpResult early = ReadResponse();
    if (early.ok()) return early;
    HttpResult result;
    result.error = "write: " + ec.message();
    Close();
    return result;
  }
  return ReadResponse();
}

HttpResult HttpClient::Request(std::string_view method, std::string_view target,
                               std::string_view body, const HeaderList& headers) {
  const bool reused = stream_.has_value();
  if (!reused) {
    std::string error;
    if (!Connect(&error)) return Failure(error);
  }
  HttpResult result = Exchange(method, target, body, headers);
  if (!result.ok() && reused) {
    // The idle connection was closed by the server between requests: one fresh attempt.
    std::string error;
    if (!Connect(&error)) return Failure(error);
    result = Exchange(method, target, body, headers);
  }
  return result;
}

HttpResult HttpClient::SendRaw(std::string_view bytes) {
  std::string error;
  if (!Connect(&error)) return Failure(error);
  beast::error_code ec;
  stream_->expires_after(timeout_);
  asio::async_write(*stream_, asio::buffer(bytes.data(), bytes.size()),
                    [&](beast::error_code e, std::size_t) { ec = e; });
  Run();
  HttpResult result = ReadResponse();
  if (!result.ok() && ec) result.error = "write: " + ec.message() + "; " + result.error;
  Close();
  return result;
}

}  // namespace alarmgate::e2e
