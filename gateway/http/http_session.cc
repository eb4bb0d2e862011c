// The per-connection state machine: idle wait -> header -> route -> body -> handler -> write.
// Strictly one request at a time, so a pipelining client can queue at most one buffer's worth.
#include "gateway/http/http_session.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <exception>
#include <string>

#include "core/logger.h"
#include "gateway/http/url_decode.h"

namespace alarmgate {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

constexpr std::string_view kUnmatched = "unmatched";
constexpr std::string_view kEdge = "edge";
constexpr std::size_t kFirstReadBytes = 4096;
// After a response that closes the connection we stop sending but keep reading (and discarding)
// for a moment, so a client still uploading a rejected body reads our answer instead of a RST.
constexpr int64_t kLingerMs = 2000;
// Room for the next pipelined request's start beyond the header limit (Beast reads in chunks).
constexpr std::size_t kBufferSlack = 64 * 1024;

std::chrono::milliseconds Ms(int64_t ms) {
  return std::chrono::milliseconds(std::max<int64_t>(ms, 1));
}

// The connection is gone or timed out: nothing useful can be written back.
bool IsDisconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message ||
         ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor ||
         ec == asio::error::not_connected;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Header values may carry obs-text; error messages must stay valid UTF-8 JSON.
std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 100)) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7f ? c : '?');
  }
  return out;
}

// Beast 1.81 tolerates some ambiguous framing (request smuggling vectors); we accept only a single
// numeric Content-Length or a single `Transfer-Encoding: chunked`.
std::optional<std::string> FramingError(const http::request<http::empty_body>& req) {
  size_t cl = req.count(http::field::content_length);
  size_t te = req.count(http::field::transfer_encoding);
  if (cl > 0 && te > 0) return "request has both Content-Length and Transfer-Encoding";
  if (cl > 1) return "request has several Content-Length headers";
  if (cl == 1) {
    std::string_view v = Trim(req[http::field::content_length]);
    if (v.empty() ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return "invalid Content-Length '" + Printable(v) + "'";
    }
  }
  if (te > 1) return "request has several Transfer-Encoding headers";
  if (te == 1) {
    std::string_view v = Trim(req[http::field::transfer_encoding]);
    if (!beast::iequals(v, "chunked")) {
      return "unsupported Transfer-Encoding '" + Printable(v) + "' (only chunked is accepted)";
    }
  }
  return std::nullopt;
}

// A handler must not be able to break framing or inject headers.
bool AllowedExtraHeader(const std::string& name, const std::string& value) {
  if (name.empty() || beast::iequals(name, "content-length") ||
      beast::iequals(name, "transfer-encoding") || beast::iequals(name, "connection")) {
    return false;
  }
  auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  if (std::any_of(name.begin(), name.end(), [](char c) { return c == ':' || c == ' '; })) {
    return false;
  }
  return std::none_of(name.begin(), name.end(), bad) &&
         std::none_of(value.begin(), value.end(), bad);
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.append(sep);
    out.append(parts[i]);
  }
  return out;
}

// Splits an origin-form (or absolute-form) target into raw path and raw query.
void SplitTarget(std::string_view target, std::string_view& path, std::string_view& query) {
  if (!target.empty() && target.front() != '/') {
    size_t scheme = target.find("://");
    if (scheme != std::string_view::npos) {
      size_t slash = target.find('/', scheme + 3);
      target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
  }
  size_t q = target.find('?');
  path = target.substr(0, q);
  query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

// Reply's shared state: enforces "exactly once" and answers 500 if every copy of the Reply is
// dropped without being called, so the connection is never left hanging.
struct ReplyState {
  explicit ReplyState(std::function<void(HttpResponse)> write) : write(std::move(write)) {}
  ~ReplyState() {
    if (!called.exchange(true)) {
      LogError("handler_dropped_reply");
      write(JsonError(500, "COC.00000500", "internal error: the request was not answered"));
    }
  }
  std::function<void(HttpResponse)> write;
  std::atomic<bool> called{false};
};

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> server)
    : stream_(std::move(socket)), server_(std::move(server)) {}

HttpSession::~HttpSession() { server_->Unregister(this); }

void HttpSession::Start() {
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&HttpSession::WaitForRequest, shared_from_this()));
}

void HttpSession::NotifyShutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->phase_ == Phase::kIdle) self->Close();
  });
}

void HttpSession::ForceClose() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
}

void HttpSession::WaitForRequest() {
  if (closed_) return;
  phase_ = Phase::kIdle;
  if (server_->shutting_down()) return Close();
  options_ = server_->options();
  header_parser_.reset();
  body_parser_.reset();
  request_ = HttpRequest{};
  match_ = RouteMatch{};
  close_after_response_ = false;
  if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is already here
  buffer_.shrink_to_fit();                      // idle connections keep no large buffer
  stream_.expires_after(Ms(options_->idle_timeout_ms));
  stream_.async_read_some(
      buffer_.prepare(kFirstReadBytes),
      beast::bind_front_handler(&HttpSession::OnFirstBytes, shared_from_this()));
}

void HttpSession::OnFirstBytes(beast::error_code ec, std::size_t n) {
  if (ec || closed_) return Close();  // idle timeout, client went away, or shutdown
  buffer_.commit(n);
  ReadHeader();
}

void HttpSession::ReadHeader() {
  phase_ = Phase::kReading;
  started_ = std::chrono::steady_clock::now();
  options_ = server_->options();  // a reload applies from the first byte of the next request
  // Bounds read-ahead: a pipelining client cannot make us buffer more than this.
  buffer_.max_size(
      std::max<std::size_t>(options_->header_limit_bytes + kBufferSlack, buffer_.size()));
  // One deadline for the whole request, header and body: a client dribbling bytes is cut here.
  stream_.expires_after(Ms(options_->read_timeout_ms));
  header_parser_.emplace();
  header_parser_->header_limit(
      static_cast<std::uint32_t>(std::min<uint64_t>(options_->header_limit_bytes, UINT32_MAX)));
  // The body limit depends on the route, which is known only after the header.
  header_parser_->body_limit(boost::none);
  http::async_read_header(stream_, buffer_, *header_parser_,
                          beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
}

void HttpSession::OnHeader(beast::error_code ec, std::size_t) {
  if (closed_) return;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return Reject(kEdge, JsonError(431, "COC.00000431",
                                   "request headers exceed the limit of " +
                                       std::to_string(options_->header_limit_bytes) + " bytes"));
  }
  if (ec && IsDisconnect(ec)) return Close();
  if (ec) {
    std::string msg = "malformed request: " + ec.message();
    if ((ec == http::error::bad_transfer_encoding || ec == http::error::bad_content_length) &&
        header_parser_->get().count(http::field::content_length) +
                header_parser_->get().count(http::field::transfer_encoding) >
            0) {
      msg = "malformed request: conflicting or invalid Content-Length / Transfer-Encoding";
    }
    return Reject(kEdge, JsonError(400, "COC.00000001", msg));
  }

  const auto& req = header_parser_->get();
  version_ = req.version();
  keep_alive_ = req.keep_alive();
  if (auto err = FramingError(req)) return Reject(kEdge, JsonError(400, "COC.00000001", *err));

  std::string_view path, query;
  SplitTarget(req.target(), path, query);
  raw_path_.assign(path);
  request_.method = std::string(req.method_string());
  request_.path = PercentDecode(path, /*plus_as_space=*/false);
  request_.query = std::string(query);
  is_head_ = req.method() == http::verb::head;

  match_ = server_->router().Match(request_.method, path);
  body_limit_ = options_->body_limit_bytes;
  if (match_.kind == RouteMatch::Kind::kMatched) {
    route_label_ = match_.route_name;
    if (match_.options.body_limit_bytes) body_limit_ = *match_.options.body_limit_bytes;
  } else {
    route_label_ = kUnmatched;
  }
  if (auto cl = header_parser_->content_length(); cl && *cl > body_limit_) {
    return Reject(route_label_, JsonError(413, "COC.00000413",
                                          "request body exceeds the limit of " +
                                              std::to_string(body_limit_) + " bytes"));
  }

  // Headers are copied now: the parser is about to be converted into the body parser.
  request_.headers.reserve(std::distance(req.begin(), req.end()));
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request_.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  bool expect_continue = version_ >= 11 && beast::iequals(req[http::field::expect], "100-continue");

  body_parser_.emplace(std::move(*header_parser_));
  header_parser_.reset();
  body_parser_->body_limit(body_limit_);  // enforced by Beast as a chunked body grows
  if (body_parser_->is_done()) return Dispatch();
  if (!expect_continue) return ReadBody();
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec || self->closed_) return self->Close();
                      self->ReadBody();
                    });
}

void HttpSession::ReadBody() {
  http::async_read(stream_, buffer_, *body_parser_,
                   beast::bind_front_handler(&HttpSession::OnBody, shared_from_this()));
}

void HttpSession::OnBody(beast::error_code ec, std::size_t) {
  if (closed_) return;
  if (ec == http::error::body_limit) {
    return Reject(route_label_, JsonError(413, "COC.00000413",
                                          "request body exceeds the limit of " +
                                              std::to_string(body_limit_) + " bytes"));
  }
  if (ec && IsDisconnect(ec)) return Close();
  if (ec) {
    return Reject(kEdge, JsonError(400, "COC.00000001", "malformed request body: " + ec.message()));
  }
  Dispatch();
}

void HttpSession::Dispatch() {
  phase_ = Phase::kHandling;
  stream_.expires_never();
  request_.body = std::move(body_parser_->get().body());
  body_parser_.reset();

  if (match_.kind == RouteMatch::Kind::kNotFound) {
    return WriteResponse(
        JsonError(404, "COC.00000404", "no endpoint " + request_.method + " " + raw_path_));
  }
  if (match_.kind == RouteMatch::Kind::kMethodNotAllowed) {
    HttpResponse res = JsonError(405, "COC.00000405",
                                 "method " + request_.method + " is not allowed on " + raw_path_ +
                                     " (allowed: " + Join(match_.allowed_methods, ", ") + ")");
    res.headers.emplace_back("Allow", Join(match_.allowed_methods, ", "));
    return WriteResponse(std::move(res));
  }

  request_.path_params = std::move(match_.params);
  request_.route = std::string(match_.route_name);
  Reply reply = MakeReply();
  try {
    (*match_.handler)(request_, std::move(reply));
  } catch (const std::exception& e) {
    // Handlers return errors as values; an exception is a bug, but must not kill an I/O thread.
    LogError("handler_exception", {{"route", route_label_}, {"error", e.what()}});
  } catch (...) {
    LogError("handler_exception", {{"route", route_label_}});
  }
  // If the handler threw before replying, the Reply's last copy is gone and ReplyState answered
  // 500.
}

Reply HttpSession::MakeReply() {
  auto state = std::make_shared<ReplyState>([self = shared_from_this()](HttpResponse res) {
    asio::post(self->stream_.get_executor(),
               [self, res = std::move(res)]() mutable { self->WriteResponse(std::move(res)); });
  });
  return [state](HttpResponse res) {
    if (state->called.exchange(true)) {
      LogWarn("reply_called_twice");
      return;
    }
    state->write(std::move(res));
  };
}

void HttpSession::Reject(std::string_view route_label, HttpResponse res) {
  route_label_ = route_label;
  close_after_response_ = true;
  WriteResponse(std::move(res));
}

void HttpSession::WriteResponse(HttpResponse res) {
  if (closed_) return;
  phase_ = Phase::kWriting;
  bool close = !keep_alive_ || close_after_response_ || server_->shutting_down();
  status_ = res.status >= 200 && res.status <= 599 ? res.status : 500;

  response_ = {};
  response_.version(version_ == 10 ? 10 : 11);
  response_.result(static_cast<unsigned>(status_));
  response_.set(http::field::server, "alarmgate");
  if (!res.content_type.empty()) response_.set(http::field::content_type, res.content_type);
  for (const auto& [name, value] : res.headers) {
    if (AllowedExtraHeader(name, value)) response_.set(name, value);
  }
  bool bodiless_status = status_ == 204 || status_ == 304;
  if (!bodiless_status) {
    std::size_t size = res.body.size();
    if (!is_head_) response_.body() = std::move(res.body);
    response_.content_length(size);
  }
  response_.keep_alive(!close);

  // Counted before the write so that a client that has read its response also sees it counted.
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  server_->metrics().ObserveRequest(route_label_, status_, seconds);

  stream_.expires_after(Ms(options_->idle_timeout_ms));
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
}

void HttpSession::OnWrite(bool close, beast::error_code ec, std::size_t) {
  response_ = {};
  if (ec) return Close();
  if (close) return LingerThenClose();
  WaitForRequest();
}

void HttpSession::LingerThenClose() {
  phase_ = Phase::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (ec) return Close();
  buffer_.consume(buffer_.size());
  stream_.expires_after(Ms(std::min<int64_t>(kLingerMs, options_->read_timeout_ms)));
  DrainUntilEof();
}

void HttpSession::DrainUntilEof() {
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec || self->closed_) return self->Close();
                            self->DrainUntilEof();
                          });
}

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  phase_ = Phase::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace alarmgate
