// FetchAlertFingerprints against a tiny in-process Beast server on 127.0.0.1:0: a good answer,
// error statuses, bad bodies, a server that never answers (bounded by the timeout), and the URL
// and body parsers it is built from.

#include "sources/alertmanager_client.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace alarmgate {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;

// Answers every request with `status` and `body`, or (hang) reads the request and never answers.
class FakeAlertmanager {
 public:
  FakeAlertmanager(int status, std::string body, bool hang = false)
      : status_(status), body_(std::move(body)), hang_(hang) {
    acceptor_.open(tcp::v4());
    acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    Accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~FakeAlertmanager() {
    ioc_.stop();
    thread_.join();
  }

  std::string url(const std::string& prefix = "") const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + prefix;
  }
  std::vector<std::string> targets() {
    std::lock_guard<std::mutex> lock(mu_);
    return targets_;
  }

 private:
  struct Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::response<http::string_body> res;
  };

  void Accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      auto c = std::make_shared<Connection>(std::move(socket));
      connections_.push_back(c);  // kept open until the server goes (the hanging case)
      http::async_read(c->socket, c->buffer, c->req, [this, c](beast::error_code e, std::size_t) {
        if (e) return;
        {
          std::lock_guard<std::mutex> lock(mu_);
          targets_.push_back(std::string(c->req.target()));
        }
        if (hang_) return;
        c->res.result(status_);
        c->res.version(11);
        c->res.set(http::field::content_type, "application/json");
        c->res.body() = body_;
        c->res.prepare_payload();
        c->res.keep_alive(false);
        http::async_write(c->socket, c->res, [c](beast::error_code, std::size_t) {
          beast::error_code ignored;
          c->socket.shutdown(tcp::socket::shutdown_send, ignored);
        });
      });
      Accept();
    });
  }

  int status_;
  std::string body_;
  bool hang_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_{ioc_};
  std::vector<std::shared_ptr<Connection>> connections_;
  std::mutex mu_;
  std::vector<std::string> targets_;
  std::thread thread_;
};

// As Alertmanager 0.25 answers: one alert per state it may be in.
constexpr char kAlerts[] = R"([
  {"annotations":{},"endsAt":"2030-01-01T00:00:00Z","fingerprint":"a1b2c3d4e5f60718",
   "receivers":[{"name":"alarmgate"}],"startsAt":"2026-01-01T00:00:00Z",
   "status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},
   "updatedAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom","labels":{"alertname":"A"}},
  {"annotations":{},"endsAt":"2030-01-01T00:00:00Z","fingerprint":"0000000000000002",
   "receivers":[],"startsAt":"2026-01-01T00:00:00Z",
   "status":{"inhibitedBy":[],"silencedBy":["s1"],"state":"suppressed"},
   "updatedAt":"2026-01-01T00:00:00Z","labels":{"alertname":"B"}},
  {"annotations":{},"endsAt":"2030-01-01T00:00:00Z","fingerprint":"0000000000000003",
   "receivers":[],"startsAt":"2026-01-01T00:00:00Z",
   "status":{"inhibitedBy":[],"silencedBy":[],"state":"unprocessed"},
   "updatedAt":"2026-01-01T00:00:00Z","labels":{"alertname":"C"}}
])";

TEST(AlertmanagerClientTest, ReturnsTheFingerprintOfEveryAlertWhateverItsState) {
  FakeAlertmanager am(200, kAlerts);
  auto r = FetchAlertFingerprints(am.url(), milliseconds(5000));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r,
            (std::set<std::string>{"a1b2c3d4e5f60718", "0000000000000002", "0000000000000003"}));
  ASSERT_EQ(am.targets().size(), 1u);
  EXPECT_EQ(am.targets()[0].rfind("/api/v2/alerts?", 0), 0u) << am.targets()[0];
}

TEST(AlertmanagerClientTest, KeepsThePathPrefixAndIgnoresTrailingSlashes) {
  FakeAlertmanager am(200, "[]");
  auto r = FetchAlertFingerprints(am.url("/alertmanager/"), milliseconds(5000));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->empty());
  ASSERT_EQ(am.targets().size(), 1u);
  EXPECT_EQ(am.targets()[0].rfind("/alertmanager/api/v2/alerts?", 0), 0u) << am.targets()[0];
}

struct FailureCase {
  const char* name;
  int status;
  const char* body;
  const char* message_part;
};

class AlertmanagerClientFailureTest : public testing::TestWithParam<FailureCase> {};

TEST_P(AlertmanagerClientFailureTest, IsUnavailableWithTheCause) {
  const FailureCase& c = GetParam();
  FakeAlertmanager am(c.status, c.body);
  auto r = FetchAlertFingerprints(am.url(), milliseconds(5000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(am.url()), std::string::npos) << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Answers, AlertmanagerClientFailureTest,
    testing::Values(FailureCase{"ServerError", 500, R"({"error":"boom"})", "answered 500"},
                    FailureCase{"NotFound", 404, "not found", "answered 404"},
                    FailureCase{"NotJson", 200, "<html>", "not JSON"},
                    FailureCase{"TruncatedJson", 200, R"([{"fingerprint":"a")", "not JSON"},
                    FailureCase{"NotAnArray", 200, R"({"alerts":[]})", "not a JSON array"},
                    FailureCase{"AlertWithoutFingerprint", 200,
                                R"([{"fingerprint":"a"},{"labels":{}}])",
                                "alert [1] has no string fingerprint"},
                    FailureCase{"NumericFingerprint", 200, R"([{"fingerprint":7}])",
                                "alert [0] has no string fingerprint"}),
    [](const testing::TestParamInfo<FailureCase>& info) { return info.param.name; });

TEST(AlertmanagerClientTest, AServerThatNeverAnswersTimesOutWithinTheTimeout) {
  FakeAlertmanager am(200, "[]", /*hang=*/true);
  const auto start = std::chrono::steady_clock::now();
  auto r = FetchAlertFingerprints(am.url(), milliseconds(300));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().message();
  EXPECT_GE(elapsed, milliseconds(250));
  EXPECT_LT(elapsed, milliseconds(3000));
}

TEST(AlertmanagerClientTest, NothingListeningIsUnavailable) {
  uint16_t port = 0;
  {
    asio::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = a.local_endpoint().port();
  }  // closed: connecting is refused
  auto r = FetchAlertFingerprints("http://127.0.0.1:" + std::to_string(port), milliseconds(2000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("connect"), std::string::npos) << r.status().message();
}

TEST(AlertmanagerClientTest, ABadUrlIsUnavailableWithoutConnecting) {
  auto r = FetchAlertFingerprints("https://127.0.0.1:9093", milliseconds(1000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("only http://"), std::string::npos) << r.status().message();
}

struct UrlCase {
  const char* url;
  bool ok;
  const char* host;
  const char* port;
  const char* prefix;
};

class AlertmanagerUrlTest : public testing::TestWithParam<UrlCase> {};

TEST_P(AlertmanagerUrlTest, Parses) {
  const UrlCase& c = GetParam();
  auto r = ParseAlertmanagerUrl(c.url);
  ASSERT_EQ(r.ok(), c.ok) << c.url << ": " << r.status().message();
  if (!c.ok) {
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return;
  }
  EXPECT_EQ(r->host, c.host);
  EXPECT_EQ(r->port, c.port);
  EXPECT_EQ(r->prefix, c.prefix);
}

INSTANTIATE_TEST_SUITE_P(
    Urls, AlertmanagerUrlTest,
    testing::Values(UrlCase{"http://127.0.0.1:9093", true, "127.0.0.1", "9093", ""},
                    UrlCase{"http://127.0.0.1:9093/", true, "127.0.0.1", "9093", ""},
                    UrlCase{"http://am.example/am/", true, "am.example", "80", "/am"},
                    UrlCase{"http://[::1]:9093/x", true, "::1", "9093", "/x"},
                    UrlCase{"https://127.0.0.1:9093", false, "", "", ""},
                    UrlCase{"127.0.0.1:9093", false, "", "", ""},
                    UrlCase{"http://:9093", false, "", "", ""},
                    UrlCase{"http://127.0.0.1:0", false, "", "", ""},
                    UrlCase{"http://127.0.0.1:70000", false, "", "", ""},
                    UrlCase{"http://127.0.0.1:9x", false, "", "", ""},
                    UrlCase{"http://u:p@127.0.0.1:9093", false, "", "", ""},
                    UrlCase{"http://127.0.0.1:9093/?a=1", false, "", "", ""}));

}  // namespace
}  // namespace alarmgate
