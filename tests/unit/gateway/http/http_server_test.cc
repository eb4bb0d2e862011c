// HttpServer end to end over real TCP on 127.0.0.1: routing errors, limits, framing, keep-alive,
// pipelining, timeouts, connection limit, replies from other threads, graceful drain, metrics.
#include "gateway/http/http_server.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/gateway/http/raw_http_client.h"

namespace alarmgate {
namespace {

using namespace std::chrono_literals;
using testing::RawHttpClient;
using Clock = std::chrono::steady_clock;

// Polls a condition (never a bare sleep as synchronisation); false if it stays false.
bool PollUntil(const std::function<bool()>& cond, std::chrono::milliseconds timeout = 5s) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (cond()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return cond();
}

std::string Post(std::string_view path, std::string_view body, std::string_view extra = "") {
  return "POST " + std::string(path) +
         " HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         std::string(extra) + "\r\n" + std::string(body);
}

std::string Get(std::string_view path, std::string_view extra = "") {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) + "\r\n";
}

std::string Header(const RawHttpClient::Response& r, std::string_view name) {
  auto it = r.find(name);
  return it == r.end() ? std::string() : std::string(it->value());
}

HttpResponse Text(std::string body, int status = 200) {
  HttpResponse res;
  res.status = status;
  res.body = std::move(body);
  return res;
}

ServerOptions FastOptions() {
  ServerOptions o;
  o.body_limit_bytes = 1024;
  o.header_limit_bytes = 2048;
  o.read_timeout_ms = 3000;
  o.idle_timeout_ms = 5000;
  o.max_connections = 100;
  o.shutdown_grace_ms = 5000;
  return o;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("POST", "/echo", "echo", [](HttpRequest& req, Reply reply) {
      HttpResponse res;
      res.body = req.body;
      res.content_type = "text/plain";
      res.headers.emplace_back("X-Route", req.route);
      reply(std::move(res));
    });
    router_.Add(
        "POST", "/small", "small", [](HttpRequest& req, Reply reply) { reply(Text(req.body)); },
        RouteOptions{.body_limit_bytes = 16});
    router_.Add("GET", "/v1/alarms/{fingerprint}", "alarm_get", [](HttpRequest& req, Reply reply) {
      std::string body = req.path_params["fingerprint"] + "|" + req.QueryParam("x").value_or("-") +
                         "|" + req.path + "|" + std::string(req.Header("x-custom").value_or("-"));
      reply(Text(body));
    });
    router_.Add("GET", "/-/ready", "ready", [](HttpRequest&, Reply reply) { reply(Text("{}")); });
    router_.Add("GET", "/thread", "thread", [this](HttpRequest& req, Reply reply) {
      std::lock_guard<std::mutex> lock(mu_);
      handler_threads_.emplace_back(
          [reply = std::move(reply)] { reply(Text("from another thread", 202)); });
    });
    router_.Add("GET", "/slow", "slow", [this](HttpRequest&, Reply reply) {
      std::lock_guard<std::mutex> lock(mu_);
      parked_.push_back(std::move(reply));
    });
    router_.Add("GET", "/dropped", "dropped", [](HttpRequest&, Reply) {});
  }

  void StartServer(ServerOptions options = FastOptions(), int threads = 2) {
    server_ = std::make_unique<HttpServer>(ioc_, router_, options, registry_);
    Result<uint16_t> port = server_->Listen("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    ASSERT_NE(port_, 0);
    for (int i = 0; i < threads; ++i) io_threads_.emplace_back([this] { ioc_.run(); });
  }

  void TearDown() override {
    if (server_) {
      auto drained = std::make_shared<std::atomic<bool>>(false);
      server_->Shutdown([drained] { *drained = true; });
      ReleaseParked();
      EXPECT_TRUE(PollUntil([&] { return drained->load(); }, 10s));
    }
    JoinHandlerThreads();
    work_.reset();
    ioc_.stop();
    for (auto& t : io_threads_) t.join();
    server_.reset();
  }

  size_t ParkedCount() {
    std::lock_guard<std::mutex> lock(mu_);
    return parked_.size();
  }
  // Answers every parked /slow request with 200 "late".
  void ReleaseParked() {
    std::vector<Reply> replies;
    {
      std::lock_guard<std::mutex> lock(mu_);
      replies.swap(parked_);
    }
    for (auto& r : replies) r(Text("late"));
  }
  void JoinHandlerThreads() {
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      threads.swap(handler_threads_);
    }
    for (auto& t : threads) t.join();
  }

  // The value of a counter/gauge sample, or of a histogram's sample count; -1 when absent.
  double Metric(const std::string& family, const std::map<std::string, std::string>& labels) {
    for (const auto& f : registry_.Collect()) {
      if (f.name != family) continue;
      for (const auto& m : f.metric) {
        std::map<std::string, std::string> got;
        for (const auto& l : m.label) got[l.name] = l.value;
        if (got != labels) continue;
        switch (f.type) {
          case prometheus::MetricType::Counter:
            return m.counter.value;
          case prometheus::MetricType::Gauge:
            return m.gauge.value;
          case prometheus::MetricType::Histogram:
            return static_cast<double>(m.histogram.sample_count);
          default:
            return -1;
        }
      }
    }
    return -1;
  }

  // Router and registry are declared first so they outlive the io_context and its handlers.
  Router router_;
  prometheus::Registry registry_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(ioc_);
  std::unique_ptr<HttpServer> server_;
  uint16_t port_ = 0;
  std::vector<std::thread> io_threads_;

  std::mutex mu_;
  std::vector<std::thread> handler_threads_;
  std::vector<Reply> parked_;
};

TEST_F(HttpServerTest, EchoesBodyWithStandardHeaders) {
  StartServer();
  RawHttpClient c(port_);
  ASSERT_TRUE(c.connected());
  auto res = c.RoundTrip(Post("/echo", "hello world"));
  ASSERT_TRUE(res) << c.last_error().message();
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "hello world");
  EXPECT_EQ(Header(*res, "Content-Type"), "text/plain");
  EXPECT_EQ(Header(*res, "Content-Length"), "11");
  EXPECT_EQ(Header(*res, "Server"), "alarmgate");
  EXPECT_EQ(Header(*res, "X-Route"), "echo");
  EXPECT_TRUE(res->keep_alive());
}

TEST_F(HttpServerTest, PassesPathParamsQueryAndLowerCaseHeaders) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Get("/v1/alarms/ab%20c?x=a+b%26&y=2", "X-Custom: Hi\r\n"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "ab c|a b&|/v1/alarms/ab c|Hi");
  EXPECT_EQ(Header(*res, "Content-Type"), "application/json;charset=utf-8");
}

TEST_F(HttpServerTest, UnknownPathIs404JsonAndConnectionStaysUsable) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Post("/x", "ignored body"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 404);
  EXPECT_EQ(res->body(), R"({"error_code":"COC.00000404","error_msg":"no endpoint POST /x"})");
  EXPECT_EQ(Header(*res, "Content-Type"), "application/json;charset=utf-8");
  EXPECT_TRUE(res->keep_alive());
  auto again = c.RoundTrip(Get("/-/ready"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200);
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip("DELETE /-/ready HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 405);
  EXPECT_EQ(Header(*res, "Allow"), "GET");
  EXPECT_EQ(
      res->body(),
      R"j({"error_code":"COC.00000405","error_msg":"method DELETE is not allowed on /-/ready (allowed: GET)"})j");
  // HEAD is not GET; its answer has the Content-Length of the body it does not carry.
  ASSERT_TRUE(c.Send("HEAD /-/ready HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = c.ReadResponse(5s, /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 405);
  EXPECT_TRUE(head->body().empty());
  const std::string head_body =
      R"j({"error_code":"COC.00000405","error_msg":"method HEAD is not allowed on /-/ready (allowed: GET)"})j";
  EXPECT_EQ(Header(*head, "Content-Length"), std::to_string(head_body.size()));
  // The connection is still framed correctly.
  auto next = c.RoundTrip(Get("/-/ready"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body(), "{}");
}

TEST_F(HttpServerTest, BodyOverLimitByContentLengthIs413AndCloses) {
  StartServer();
  RawHttpClient c(port_);
  // Only the header is sent: the limit is enforced before any body byte is read.
  ASSERT_TRUE(c.Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1025\r\n\r\n"));
  auto res = c.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_EQ(
      res->body(),
      R"({"error_code":"COC.00000413","error_msg":"request body exceeds the limit of 1024 bytes"})");
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(c.WaitForClose(3s));
  EXPECT_EQ(Metric("alarmgate_http_requests_total", {{"route", "echo"}, {"code", "413"}}), 1);
}

TEST_F(HttpServerTest, BodyAtLimitIsAccepted) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Post("/echo", std::string(1024, 'a')));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body().size(), 1024u);
}

TEST_F(HttpServerTest, ClientStillUploadingGetsThe413NotAReset) {
  StartServer();
  RawHttpClient c(port_);
  std::string body(200 * 1024, 'x');
  ASSERT_TRUE(c.Send(Post("/echo", body)));
  auto res = c.ReadResponse();
  ASSERT_TRUE(res) << c.last_error().message();
  EXPECT_EQ(res->result_int(), 413);
}

TEST_F(HttpServerTest, ChunkedBodyWithinLimitIsAssembled) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "hello");
}

TEST_F(HttpServerTest, ChunkedBodyGrowingPastLimitIs413) {
  StartServer();
  RawHttpClient c(port_);
  std::string chunk(600, 'c');
  std::string req = "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  req += "258\r\n" + chunk + "\r\n";  // 600 bytes: within the limit
  req += "258\r\n" + chunk + "\r\n";  // 1200 in total: over 1024
  req += "0\r\n\r\n";
  auto res = c.RoundTrip(req);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_NE(res->body().find("exceeds the limit of 1024 bytes"), std::string::npos);
  EXPECT_TRUE(c.WaitForClose(3s));
}

TEST_F(HttpServerTest, PerRouteBodyLimitOverridesTheServers) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Post("/small", std::string(17, 's')));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_NE(res->body().find("limit of 16 bytes"), std::string::npos);

  RawHttpClient c2(port_);
  auto ok = c2.RoundTrip(Post("/small", std::string(16, 's')));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
  auto server_limit = c2.RoundTrip(Post("/echo", std::string(17, 's')));
  ASSERT_TRUE(server_limit);
  EXPECT_EQ(server_limit->result_int(), 200);
}

TEST_F(HttpServerTest, HeadersOverLimitAre431AndClose) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Get("/-/ready", "X-Big: " + std::string(3000, 'h') + "\r\n"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431);
  EXPECT_EQ(
      res->body(),
      R"({"error_code":"COC.00000431","error_msg":"request headers exceed the limit of 2048 bytes"})");
  EXPECT_TRUE(c.WaitForClose(3s));
  EXPECT_EQ(Metric("alarmgate_http_requests_total", {{"route", "edge"}, {"code", "431"}}), 1);
}

TEST_F(HttpServerTest, AmbiguousFramingIs400AndCloses) {
  StartServer();
  struct Case {
    std::string name;
    std::string request;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {"CL then TE",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n",
       "Transfer-Encoding"},
      {"TE then CL",
       "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
       "0\r\n\r\n",
       "Content-Length"},
      {"TE gzip", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nhello",
       "unsupported Transfer-Encoding 'gzip'"},
      {"TE gzip, chunked",
       "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
       "unsupported Transfer-Encoding"},
      {"TE gzip + CL",
       "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\nContent-Length: "
       "5\r\n\r\nhello",
       "both Content-Length and Transfer-Encoding"},
      {"two equal CL",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
       "several Content-Length"},
      {"two different CL",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
       "malformed request"},
      {"CL list", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 5\r\n\r\nhello",
       "invalid Content-Length"},
      {"garbage", "HELLO THERE\r\n\r\n", "malformed request"},
      {"bad chunk", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
       "malformed request body"},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.name);
    RawHttpClient c(port_);
    auto res = c.RoundTrip(tc.request);
    ASSERT_TRUE(res) << c.last_error().message();
    EXPECT_EQ(res->result_int(), 400);
    EXPECT_NE(res->body().find("\"error_code\":\"COC.00000001\""), std::string::npos);
    EXPECT_NE(res->body().find(tc.message_part), std::string::npos) << res->body();
    EXPECT_FALSE(res->keep_alive());
    EXPECT_TRUE(c.WaitForClose(3s));
  }
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  RawHttpClient c(port_);
  ASSERT_TRUE(c.Send(Post("/echo", "first") + Get("/v1/alarms/second") + Post("/echo", "third")));
  auto r1 = c.ReadResponse();
  auto r2 = c.ReadResponse();
  auto r3 = c.ReadResponse();
  ASSERT_TRUE(r1 && r2 && r3);
  EXPECT_EQ(r1->body(), "first");
  EXPECT_EQ(r2->body(), "second|-|/v1/alarms/second|-");
  EXPECT_EQ(r3->body(), "third");
  EXPECT_EQ(server_->open_connections(), 1u);
}

TEST_F(HttpServerTest, KeepAliveReusesOneConnection) {
  StartServer();
  RawHttpClient c(port_);
  for (int i = 0; i < 5; ++i) {
    auto res = c.RoundTrip(Post("/echo", "n" + std::to_string(i)));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body(), "n" + std::to_string(i));
    EXPECT_TRUE(res->keep_alive());
  }
  EXPECT_EQ(server_->open_connections(), 1u);
}

TEST_F(HttpServerTest, ConnectionCloseAndHttp10CloseAfterTheResponse) {
  StartServer();
  {
    RawHttpClient c(port_);
    auto res = c.RoundTrip(Get("/-/ready", "Connection: close\r\n"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 200);
    EXPECT_FALSE(res->keep_alive());
    EXPECT_TRUE(c.WaitForClose(3s));
  }
  {
    RawHttpClient c(port_);
    auto res = c.RoundTrip("GET /-/ready HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->version(), 10);
    EXPECT_EQ(Header(*res, "Content-Length"), "2");
    EXPECT_TRUE(c.WaitForClose(3s));
  }
  {
    // HTTP/1.0 asking for keep-alive keeps the connection.
    RawHttpClient c(port_);
    auto res = c.RoundTrip("GET /-/ready HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->keep_alive());
    auto again = c.RoundTrip("GET /-/ready HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->result_int(), 200);
  }
}

TEST_F(HttpServerTest, IdleConnectionIsClosedAfterIdleTimeout) {
  ServerOptions o = FastOptions();
  o.idle_timeout_ms = 200;
  StartServer(o);
  RawHttpClient fresh(port_);
  auto start = Clock::now();
  EXPECT_TRUE(fresh.WaitForClose(3s));
  EXPECT_GE(Clock::now() - start, 150ms);

  // Keep-alive idle after a request.
  RawHttpClient used(port_);
  auto res = used.RoundTrip(Get("/-/ready"));
  ASSERT_TRUE(res);
  start = Clock::now();
  EXPECT_TRUE(used.WaitForClose(3s));
  EXPECT_GE(Clock::now() - start, 150ms);
  EXPECT_TRUE(PollUntil([&] { return server_->open_connections() == 0; }));
}

TEST_F(HttpServerTest, ReadTimeoutCutsASlowHeaderBeforeIdleTimeout) {
  ServerOptions o = FastOptions();
  o.idle_timeout_ms = 4000;
  o.read_timeout_ms = 300;
  StartServer(o);
  RawHttpClient c(port_);
  auto start = Clock::now();
  ASSERT_TRUE(c.Send("GET /-/ready HTTP/1.1\r\n"));
  // A slowloris: one header line every 50 ms, which would keep an idle timer reset forever.
  bool cut = false;
  while (Clock::now() - start < 3s) {
    if (c.ReadableOrClosed(50ms)) {
      cut = true;
      break;
    }
    if (!c.Send("X-Slow: 1\r\n")) {
      cut = true;
      break;
    }
  }
  auto elapsed = Clock::now() - start;
  EXPECT_TRUE(cut);
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2000ms);  // well before idle_timeout (4 s)
  EXPECT_TRUE(c.WaitForClose(3s));
}

TEST_F(HttpServerTest, SlowButTimelyRequestIsServed) {
  ServerOptions o = FastOptions();
  o.read_timeout_ms = 2000;
  StartServer(o);
  RawHttpClient c(port_);
  ASSERT_TRUE(c.Send("POST /echo HTTP/1.1\r\nHost: t\r\n"));
  EXPECT_FALSE(c.ReadableOrClosed(100ms));  // pacing: the server waits for the rest
  ASSERT_TRUE(c.Send("Content-Length: 2\r\n\r\nh"));
  EXPECT_FALSE(c.ReadableOrClosed(100ms));
  ASSERT_TRUE(c.Send("i"));
  auto res = c.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "hi");
}

TEST_F(HttpServerTest, ConnectionsPastMaxAreClosedAtOnce) {
  ServerOptions o = FastOptions();
  o.max_connections = 2;
  StartServer(o);
  RawHttpClient c1(port_), c2(port_);
  ASSERT_TRUE(PollUntil([&] { return server_->open_connections() == 2; }));
  RawHttpClient c3(port_);
  ASSERT_TRUE(c3.connected());  // the kernel accepts; the server closes at once
  auto start = Clock::now();
  EXPECT_TRUE(c3.WaitForClose(3s));
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(Metric("alarmgate_http_connections_rejected_total", {}), 1);
  auto res = c1.RoundTrip(Get("/-/ready"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
}

TEST_F(HttpServerTest, HandlerMayReplyFromAnotherThread) {
  StartServer();
  RawHttpClient c(port_);
  for (int i = 0; i < 3; ++i) {
    auto res = c.RoundTrip(Get("/thread"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 202);
    EXPECT_EQ(res->body(), "from another thread");
  }
}

TEST_F(HttpServerTest, DroppedReplyAnswers500) {
  StartServer();
  RawHttpClient c(port_);
  auto res = c.RoundTrip(Get("/dropped"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 500);
  auto again = c.RoundTrip(Get("/-/ready"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200);
}

TEST_F(HttpServerTest, ExpectContinueGets100BeforeTheBody) {
  StartServer();
  RawHttpClient c(port_);
  ASSERT_TRUE(c.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.ReadResponse();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_TRUE(c.Send("abc"));
  auto res = c.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "abc");
}

TEST_F(HttpServerTest, ShutdownClosesIdleAndWaitsForInFlight) {
  StartServer();
  RawHttpClient busy(port_), idle(port_);
  ASSERT_TRUE(busy.Send(Get("/slow")));
  ASSERT_TRUE(PollUntil([&] { return ParkedCount() == 1; }));
  ASSERT_TRUE(PollUntil([&] { return server_->open_connections() == 2; }));

  auto drained = std::make_shared<std::atomic<bool>>(false);
  server_->Shutdown([drained] { *drained = true; });

  EXPECT_TRUE(idle.WaitForClose(2s));
  EXPECT_TRUE(PollUntil([&] { return server_->open_connections() == 1; }));
  EXPECT_FALSE(drained->load());  // the slow request is still in flight
  // New connections are no longer served.
  RawHttpClient late(port_);
  EXPECT_TRUE(!late.connected() || late.WaitForClose(2s));

  ReleaseParked();
  auto res = busy.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "late");
  EXPECT_FALSE(res->keep_alive());  // Connection: close during shutdown
  auto closed_at = Clock::now();
  EXPECT_TRUE(busy.WaitForClose(3s));
  EXPECT_TRUE(PollUntil([&] { return drained->load(); }, 3s));
  EXPECT_LT(Clock::now() - closed_at, 1s);  // drained as soon as the last connection closed
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(HttpServerTest, ShutdownGraceClosesWhatRemains) {
  ServerOptions o = FastOptions();
  o.shutdown_grace_ms = 300;
  StartServer(o);
  RawHttpClient busy(port_);
  ASSERT_TRUE(busy.Send(Get("/slow")));
  ASSERT_TRUE(PollUntil([&] { return ParkedCount() == 1; }));

  auto drained = std::make_shared<std::atomic<bool>>(false);
  auto start = Clock::now();
  server_->Shutdown([drained] { *drained = true; });
  ASSERT_TRUE(PollUntil([&] { return drained->load(); }, 5s));
  EXPECT_GE(Clock::now() - start, 250ms);
  EXPECT_TRUE(busy.WaitForClose(2s));
  ReleaseParked();  // a late reply to a closed connection is harmless
}

TEST_F(HttpServerTest, ShutdownWithNoConnectionsDrainsAtOnce) {
  StartServer();
  auto drained = std::make_shared<std::atomic<bool>>(false);
  server_->Shutdown([drained] { *drained = true; });
  EXPECT_TRUE(PollUntil([&] { return drained->load(); }, 2s));
}

TEST_F(HttpServerTest, UpdateOptionsAppliesToTheNextRequest) {
  StartServer();
  RawHttpClient c(port_);
  auto before = c.RoundTrip(Post("/echo", std::string(20, 'u')));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->result_int(), 200);
  ServerOptions o = FastOptions();
  o.body_limit_bytes = 10;
  server_->UpdateOptions(o);
  auto after = c.RoundTrip(Post("/echo", std::string(20, 'u')));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->result_int(), 413);
  EXPECT_NE(after->body().find("limit of 10 bytes"), std::string::npos);
}

TEST_F(HttpServerTest, CountsRequestsByRouteAndCode) {
  StartServer();
  RawHttpClient c(port_);
  ASSERT_TRUE(c.RoundTrip(Get("/-/ready")));
  ASSERT_TRUE(c.RoundTrip(Get("/-/ready")));
  ASSERT_TRUE(c.RoundTrip(Get("/nope")));
  EXPECT_EQ(Metric("alarmgate_http_requests_total", {{"route", "ready"}, {"code", "200"}}), 2);
  EXPECT_EQ(Metric("alarmgate_http_requests_total", {{"route", "unmatched"}, {"code", "404"}}), 1);
  EXPECT_EQ(Metric("alarmgate_http_request_duration_seconds", {{"route", "ready"}}), 2);
  EXPECT_EQ(Metric("alarmgate_http_connections_open", {}), 1);
  EXPECT_EQ(Metric("alarmgate_http_connections_rejected_total", {}), 0);
}

TEST_F(HttpServerTest, ListenReportsBindErrors) {
  StartServer();
  HttpServer other(ioc_, router_, FastOptions(), registry_);
  Result<uint16_t> again = other.Listen("127.0.0.1", port_);
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("cannot listen"), std::string::npos);
}

}  // namespace
}  // namespace alarmgate
