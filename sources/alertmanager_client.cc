// GET /api/v2/alerts with Boost.Beast on a private io_context: every step is an async operation
// bounded by one deadline, so an Alertmanager that hangs costs at most `timeout`.

#include "sources/alertmanager_client.h"

#include <simdjson.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>

namespace alarmgate {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// An Alertmanager with tens of thousands of alerts answers a few MB; this is a sanity cap.
constexpr uint64_t kBodyLimitBytes = 256ull * 1024 * 1024;
constexpr std::string_view kScheme = "http://";

Status Unavailable(const std::string& url, std::string_view what) {
  return Status::Unavailable("alertmanager " + url + ": " + std::string(what));
}

}  // namespace

Result<AlertmanagerUrl> ParseAlertmanagerUrl(std::string_view url) {
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Status::InvalidArgument("only http:// URLs are supported");
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.find_first_of("?#") != std::string_view::npos) {
    return Status::InvalidArgument("the URL must not carry a query or fragment");
  }
  AlertmanagerUrl out;
  out.prefix = std::string(path);
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("unclosed '[' in host");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Status::InvalidArgument("junk after ']' in host");
      port = after.substr(1);
    }
  } else {
    const size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return Status::InvalidArgument("the URL has no host");
  if (out.host.find('@') != std::string::npos) {
    return Status::InvalidArgument("credentials in the URL are not supported");
  }
  if (port.empty()) {
    out.port = "80";
  } else {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
      return Status::InvalidArgument("bad port '" + std::string(port) + "'");
    }
    out.port = std::string(port);
  }
  return out;
}

Result<std::set<std::string>> ParseAlertFingerprints(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(body.data(), body.size(), true).get(root); err) {
    return Status::InvalidArgument(std::string("not JSON: ") + simdjson::error_message(err));
  }
  simdjson::dom::array alerts;
  if (root.get_array().get(alerts)) return Status::InvalidArgument("not a JSON array of alerts");
  std::set<std::string> out;
  size_t i = 0;
  for (simdjson::dom::element alert : alerts) {
    std::string_view fingerprint;
    if (alert.type() != simdjson::dom::element_type::OBJECT ||
        alert["fingerprint"].get_string().get(fingerprint) || fingerprint.empty()) {
      return Status::InvalidArgument("alert [" + std::to_string(i) + "] has no string fingerprint");
    }
    out.emplace(fingerprint);
    ++i;
  }
  return out;
}

Result<std::set<std::string>> FetchAlertFingerprints(const std::string& url,
                                                     std::chrono::milliseconds timeout) {
  auto parsed = ParseAlertmanagerUrl(url);
  if (!parsed.ok()) return Unavailable(url, parsed.status().message());
  const AlertmanagerUrl& target = *parsed;
  const auto deadline = std::chrono::steady_clock::now() + timeout;

  asio::io_context ioc;
  auto run = [&ioc] {
    ioc.restart();
    ioc.run();
  };

  // Resolve (an IP literal needs no lookup); the lookup has no expiry of its own, so a timer
  // cancels it.
  beast::error_code ec;
  tcp::resolver::results_type endpoints;
  tcp::resolver resolver(ioc);
  asio::steady_timer resolve_timer(ioc);
  bool resolve_timed_out = false;
  resolve_timer.expires_at(deadline);
  resolve_timer.async_wait([&](const beast::error_code& e) {
    if (e) return;
    resolve_timed_out = true;
    resolver.cancel();
  });
  resolver.async_resolve(target.host, target.port, tcp::resolver::numeric_service,
                         [&](const beast::error_code& e, tcp::resolver::results_type r) {
                           ec = e;
                           endpoints = std::move(r);
                           resolve_timer.cancel();
                         });
  run();
  if (resolve_timed_out) return Unavailable(url, "timed out resolving " + target.host);
  if (ec) return Unavailable(url, "resolving " + target.host + ": " + ec.message());

  beast::tcp_stream stream(ioc);
  stream.expires_at(deadline);
  stream.async_connect(endpoints,
                       [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  run();
  if (ec == beast::error::timeout) return Unavailable(url, "timed out connecting");
  if (ec) return Unavailable(url, "connect: " + ec.message());

  http::request<http::empty_body> req(
      http::verb::get,
      target.prefix + "/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true",
      11);
  req.set(http::field::host, target.port == "80" ? target.host : target.host + ":" + target.port);
  req.set(http::field::accept, "application/json");
  req.set(http::field::user_agent, "alarmgate-reconciler");
  req.keep_alive(false);
  stream.expires_at(deadline);
  http::async_write(stream, req, [&](const beast::error_code& e, std::size_t) { ec = e; });
  run();
  if (ec == beast::error::timeout) return Unavailable(url, "timed out sending the request");
  if (ec) return Unavailable(url, "write: " + ec.message());

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kBodyLimitBytes);
  stream.expires_at(deadline);
  http::async_read(stream, buffer, parser,
                   [&](const beast::error_code& e, std::size_t) { ec = e; });
  run();
  if (ec == beast::error::timeout) return Unavailable(url, "timed out reading the answer");
  if (ec) return Unavailable(url, "read: " + ec.message());
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  const auto& res = parser.get();
  if (res.result() != http::status::ok) {
    std::string snippet = res.body().substr(0, 200);
    return Unavailable(url, "GET /api/v2/alerts answered " + std::to_string(res.result_int()) +
                                (snippet.empty() ? "" : ": " + snippet));
  }
  auto fingerprints = ParseAlertFingerprints(res.body());
  if (!fingerprints.ok()) {
    return Unavailable(url, "bad /api/v2/alerts answer: " + fingerprints.status().message());
  }
  return fingerprints;
}

}  // namespace alarmgate
