#pragma once
// The fixture of every e2e test: one alarmgate process per test and a keep-alive client to it,
// plus the few requests most tests make.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/e2e/harness/alarmgate_process.h"
#include "tests/e2e/harness/coc_alarm.h"
#include "tests/e2e/harness/http_client.h"
#include "tests/e2e/harness/json_doc.h"
#include "tests/e2e/harness/metrics_text.h"
#include "tests/e2e/harness/test_config.h"

namespace alarmgate::e2e {

class E2eTest : public ::testing::Test {
 protected:
  // Starts alarmgate on `config`; the test stops at the first ASSERT if it does not come up.
  void StartServer(TestConfig config = TestConfig()) {
    server_ = std::make_unique<AlarmgateProcess>(std::move(config));
    ASSERT_TRUE(server_->Start());
    client_ = std::make_unique<HttpClient>(server_->port(), std::chrono::seconds(10), true);
  }
  // After a restart the port is new.
  void Reconnect() {
    client_ = std::make_unique<HttpClient>(server_->port(), std::chrono::seconds(10), true);
  }

  HttpResult PostAlarm(const CocAlarm& alarm, const std::string& key = kCocKey) {
    return client_->Post(CocPath(key), alarm.ToJson());
  }
  HttpResult GetAlarm(const std::string& fingerprint) {
    return client_->Get("/v1/alarms/" + fingerprint, OpsAuth());
  }
  std::string Metrics() { return client_->Get("/metrics").body; }
  double MetricOrZero(const std::string& series) {
    return MetricSum(Metrics(), series).value_or(0);
  }

  std::unique_ptr<AlarmgateProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

// The ingestion envelope of contract §4.1, checked field by field.
inline void ExpectIngestError(const HttpResult& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  JsonDoc doc(r.body);
  ASSERT_TRUE(doc.ok()) << doc.error();
  EXPECT_EQ(doc.String("/error_code"), code) << r.body;
  EXPECT_EQ(doc.String("/provider_code"), "049") << r.body;
  EXPECT_TRUE(doc.IsNull("/data")) << r.body;
  EXPECT_TRUE(doc.String("/error_msg").has_value()) << r.body;
}

}  // namespace alarmgate::e2e
