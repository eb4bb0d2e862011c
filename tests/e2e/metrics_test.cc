// GET /metrics (contract §11): the ingestion metric names are there with their types, and they
// move with the traffic that is sent.

#include <string>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class MetricsTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(MetricsTest, ContractNamesArePresentWithTheirTypes) {
  ASSERT_EQ(client_->Post(CocPath(kCocKey), kSeedExampleBody).status, 200);
  HttpResult r = client_->Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("content-type").value_or("").find("text/plain"), std::string::npos);
  struct Family {
    const char* name;
    const char* type;
  };
  for (const Family& f :
       {Family{"alarmgate_alarms_received_total", "counter"},
        Family{"alarmgate_alarm_transitions_total", "counter"},
        Family{"alarmgate_alarms_active", "gauge"},
        Family{"alarmgate_http_requests_total", "counter"},
        Family{"alarmgate_http_request_duration_seconds", "histogram"},
        Family{"alarmgate_storage_write_seconds", "histogram"},
        Family{"alarmgate_config_last_reload_successful", "gauge"},
        Family{"alarmgate_build_info", "gauge"}, Family{"process_resident_memory_bytes", "gauge"},
        Family{"process_cpu_seconds_total", "counter"}}) {
    EXPECT_EQ(MetricType(r.body, f.name), f.type) << f.name;
  }
  EXPECT_GT(MetricOrZero("process_resident_memory_bytes"), 0);
  EXPECT_EQ(MetricSum(r.body, "alarmgate_build_info{version=\"" ALARMGATE_VERSION "\"}"), 1);
  EXPECT_EQ(MetricValue(r.body, "alarmgate_config_last_reload_successful"), 1);
}

TEST_F(MetricsTest, IngestionCountersFollowTheTraffic) {
  ASSERT_EQ(client_->Post(CocPath(kCocKey), kSeedExampleBody).status, 200);
  ASSERT_EQ(client_->Post(CocPath(kCocKey), "{}").status, 400);
  ASSERT_EQ(client_->Post(CocPath("no-such-key"), kSeedExampleBody).status, 401);
  std::string m = Metrics();
  EXPECT_EQ(
      MetricSum(
          m,
          R"(alarmgate_alarms_received_total{integration="in-house-monitor",level="Critical",result="accepted"})"),
      1);
  EXPECT_GE(MetricSum(m, R"(alarmgate_alarms_received_total{result="invalid"})").value_or(0), 1);
  EXPECT_GE(MetricSum(m, R"(alarmgate_alarms_received_total{result="unauthorized"})").value_or(0),
            1);
  EXPECT_EQ(
      MetricSum(m,
                R"(alarmgate_alarm_transitions_total{integration="in-house-monitor",to="alarm"})"),
      1);
  EXPECT_EQ(
      MetricSum(m, R"(alarmgate_alarms_active{integration="in-house-monitor",level="Critical"})"),
      1);
  EXPECT_GE(MetricSum(m, R"(alarmgate_http_requests_total{code="200"})").value_or(0), 1);
  EXPECT_GE(MetricSum(m, R"(alarmgate_http_requests_total{code="400"})").value_or(0), 1);
  EXPECT_GE(MetricSum(m, "alarmgate_http_request_duration_seconds_count").value_or(0), 3);
  EXPECT_GE(MetricSum(m, "alarmgate_storage_write_seconds_count").value_or(0), 1);
}

}  // namespace
}  // namespace alarmgate::e2e
