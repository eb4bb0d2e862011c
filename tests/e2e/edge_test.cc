// The HTTP edge as the binary serves it (contract §3): every error is JSON, limits answer 413 and
// 431, unknown paths 404, wrong methods 405; health endpoints need no token.

#include <string>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class EdgeTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.body_limit_bytes = 4096;
    config.header_limit_bytes = 2048;
    StartServer(config);
  }
};

// The edge error body: {"error_code": code, "error_msg": non-empty}, JSON content type.
void ExpectEdgeError(const HttpResult& r, int status, const std::string& code) {
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=utf-8");
  JsonDoc doc(r.body);
  ASSERT_TRUE(doc.ok()) << doc.error();
  EXPECT_EQ(doc.String("/error_code"), code) << r.body;
  EXPECT_FALSE(doc.String("/error_msg").value_or("").empty()) << r.body;
}

TEST_F(EdgeTest, BodyOverLimitIs413AndNothingIsStored) {
  CocAlarm a;
  a.alarm_id = "big";
  a.additional_json = "{\"pad\":\"" + std::string(8000, 'p') + "\"}";
  ExpectEdgeError(PostAlarm(a), 413, "COC.00000413");
  EXPECT_EQ(GetAlarm(Fingerprint(kCocName, "big")).status, 404);
}

TEST_F(EdgeTest, BodyJustUnderLimitIsAccepted) {
  CocAlarm a;
  a.alarm_id = "fits";
  a.additional_json = "{\"pad\":\"" + std::string(3000, 'p') + "\"}";
  HttpResult r = PostAlarm(a);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EdgeTest, HeadersOverLimitAre431) {
  HttpClient fresh(server_->port());
  ExpectEdgeError(fresh.Get("/-/healthy", {{"X-Padding", std::string(4000, 'h')}}), 431,
                  "COC.00000431");
}

TEST_F(EdgeTest, UnknownPathIs404) {
  ExpectEdgeError(client_->Get("/no/such/path"), 404, "COC.00000404");
  ExpectEdgeError(client_->Post("/v1/event/huawei/nothing/" + std::string(kCocKey), "{}"), 404,
                  "COC.00000404");
}

TEST_F(EdgeTest, WrongMethodIs405) {
  ExpectEdgeError(client_->Get(CocPath(kCocKey)), 405, "COC.00000405");
  ExpectEdgeError(client_->Request("DELETE", "/metrics"), 405, "COC.00000405");
}

TEST_F(EdgeTest, MalformedRequestLineIsAJson400) {
  HttpResult r = client_->SendRaw("THIS IS NOT HTTP\r\n\r\n");
  ExpectEdgeError(r, 400, "COC.00000001");
}

TEST_F(EdgeTest, HealthEndpointsAnswer200WithoutToken) {
  EXPECT_EQ(client_->Get("/-/healthy").status, 200);
  EXPECT_EQ(client_->Get("/-/ready").status, 200);
  // POST /-/healthy reads and ignores its body: the benchmark's bare baseline.
  EXPECT_EQ(client_->Post("/-/healthy", kSeedExampleBody).status, 200);
}

TEST_F(EdgeTest, KeepAliveServesManyRequestsOnOneConnection) {
  for (int i = 0; i < 20; ++i) {
    CocAlarm a;
    a.alarm_id = "ka-" + std::to_string(i);
    ASSERT_EQ(PostAlarm(a).status, 200) << i;
  }
}

}  // namespace
}  // namespace alarmgate::e2e
