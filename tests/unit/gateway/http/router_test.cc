// Router: parameters, literal precedence, 404 vs 405 (with the Allow list), no implicit HEAD.
#include "gateway/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace alarmgate {
namespace {

Handler Noop() {
  return [](HttpRequest&, Reply) {};
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/v1/alarms/{fingerprint}", "alarm_get", Noop());
    router_.Add("DELETE", "/v1/alarms/{fingerprint}", "alarm_delete", Noop());
    router_.Add("GET", "/v1/alarms/summary", "alarm_summary", Noop());
    router_.Add("POST", "/v1/event/{format}/custom/{key}", "ingest", Noop(),
                RouteOptions{.body_limit_bytes = 512 * 1024});
    router_.Add("GET", "/-/ready", "ready", Noop());
    router_.Add("POST", "/-/reload", "reload", Noop());
    router_.Add("GET", "/", "root", Noop());
  }
  Router router_;
};

struct MatchCase {
  std::string method;
  std::string path;
  RouteMatch::Kind kind;
  std::string route;  // when matched
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // when 405
};

TEST_F(RouterTest, MatchTable) {
  using K = RouteMatch::Kind;
  const std::vector<MatchCase> cases = {
      {"GET", "/v1/alarms/abc", K::kMatched, "alarm_get", {{"fingerprint", "abc"}}, {}},
      {"DELETE", "/v1/alarms/abc", K::kMatched, "alarm_delete", {{"fingerprint", "abc"}}, {}},
      // A literal segment wins over a parameter, whatever the registration order.
      {"GET", "/v1/alarms/summary", K::kMatched, "alarm_summary", {}, {}},
      // Segments are percent-decoded; an encoded '/' stays inside its parameter.
      {"GET", "/v1/alarms/a%20b%2Fc", K::kMatched, "alarm_get", {{"fingerprint", "a b/c"}}, {}},
      {"POST",
       "/v1/event/huawei/custom/k-1",
       K::kMatched,
       "ingest",
       {{"format", "huawei"}, {"key", "k-1"}},
       {}},
      {"GET", "/", K::kMatched, "root", {}, {}},
      // A parameter needs a non-empty segment; trailing slashes and extra segments do not match.
      {"GET", "/v1/alarms/", K::kNotFound, "", {}, {}},
      {"GET", "/v1/alarms", K::kNotFound, "", {}, {}},
      {"GET", "/v1/alarms/abc/def", K::kNotFound, "", {}, {}},
      {"GET", "/-/ready/", K::kNotFound, "", {}, {}},
      {"GET", "/nope", K::kNotFound, "", {}, {}},
      {"GET", "", K::kNotFound, "", {}, {}},
      // The path exists with other methods: 405 with the sorted Allow list.
      {"POST", "/v1/alarms/abc", K::kMethodNotAllowed, "", {}, {"DELETE", "GET"}},
      {"DELETE", "/-/ready", K::kMethodNotAllowed, "", {}, {"GET"}},
      // HEAD is not implicitly GET.
      {"HEAD", "/-/ready", K::kMethodNotAllowed, "", {}, {"GET"}},
      // Method names are case-sensitive (RFC 9110).
      {"get", "/-/ready", K::kMethodNotAllowed, "", {}, {"GET"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    RouteMatch m = router_.Match(c.method, c.path);
    EXPECT_EQ(m.kind, c.kind);
    if (c.kind == K::kMatched) {
      EXPECT_EQ(m.route_name, c.route);
      EXPECT_NE(m.handler, nullptr);
      EXPECT_EQ(m.params, c.params);
    }
    if (c.kind == K::kMethodNotAllowed) {
      EXPECT_EQ(m.allowed_methods, c.allowed);
    }
  }
}

TEST_F(RouterTest, LiteralWinsWhateverTheOrder) {
  Router r;
  r.Add("GET", "/a/{x}/c", "param_first", Noop());
  r.Add("GET", "/a/b/{y}", "literal_second", Noop());
  // Both match /a/b/c; the first differing segment is literal in the second route.
  EXPECT_EQ(r.Match("GET", "/a/b/c").route_name, "literal_second");
  EXPECT_EQ(r.Match("GET", "/a/z/c").route_name, "param_first");
}

TEST_F(RouterTest, RouteOptionsAreReturned) {
  RouteMatch m = router_.Match("POST", "/v1/event/huawei/custom/k");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kMatched);
  EXPECT_EQ(m.options.body_limit_bytes, 512u * 1024);
  EXPECT_FALSE(router_.Match("GET", "/-/ready").options.body_limit_bytes.has_value());
}

TEST_F(RouterTest, MatchedHandlerIsTheRegisteredOne) {
  Router r;
  int called = 0;
  r.Add("GET", "/x/{id}", "x", [&called](HttpRequest&, Reply) { ++called; });
  RouteMatch m = r.Match("GET", "/x/1");
  ASSERT_NE(m.handler, nullptr);
  HttpRequest req;
  (*m.handler)(req, [](HttpResponse) {});
  EXPECT_EQ(called, 1);
}

TEST_F(RouterTest, RejectsBadPatternsAndDuplicates) {
  Router r;
  r.Add("GET", "/a/{id}", "a", Noop());
  EXPECT_THROW(r.Add("GET", "/a/{other}", "dup", Noop()), std::invalid_argument);
  EXPECT_NO_THROW(r.Add("POST", "/a/{other}", "post", Noop()));
  EXPECT_THROW(r.Add("GET", "no-slash", "bad", Noop()), std::invalid_argument);
  EXPECT_THROW(r.Add("GET", "/b/{}", "bad", Noop()), std::invalid_argument);
  EXPECT_THROW(r.Add("GET", "/b/x{id}", "bad", Noop()), std::invalid_argument);
}

}  // namespace
}  // namespace alarmgate
