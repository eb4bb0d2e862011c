// COC custom ingestion through the real binary (contract §4.1, seed 003 §4.4.2): the seed's
// examples, authentication of integration keys, batches, rate limiting and what gets stored.

#include <ostream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class IngestTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(IngestTest, SeedExampleAnswersSeedSuccessBodyFieldByField) {
  HttpResult r = client_->Post(CocPath(kCocKey), kSeedExampleBody);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=utf-8");
  JsonDoc doc(r.body);
  ASSERT_TRUE(doc.ok()) << doc.error();
  EXPECT_EQ(doc.String("/error_code"), "COC.00000000");
  EXPECT_EQ(doc.String("/error_msg"), "success");
  EXPECT_EQ(doc.String("/provider_code"), "049");
  EXPECT_EQ(doc.Type("/data"), "object") << r.body;
  EXPECT_EQ(doc.String("/data/fingerprint"), Fingerprint(kCocName, kSeedAlarmId));
  EXPECT_EQ(doc.Bool("/data/duplicate"), false);
  EXPECT_TRUE(doc.IsNull("/data/incident_num")) << r.body;
  EXPECT_EQ(doc.ArraySize("/data/actions"), 0u) << r.body;
}

TEST_F(IngestTest, SeedExampleIsStoredWithTheEventBodyVerbatim) {
  ASSERT_EQ(client_->Post(CocPath(kCocKey), kSeedExampleBody).status, 200);
  const std::string fp = Fingerprint(kCocName, kSeedAlarmId);
  HttpResult r = GetAlarm(fp);
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc doc(r.body);
  ASSERT_TRUE(doc.ok()) << doc.error();
  EXPECT_EQ(doc.String("/error_code"), "COC.00000000");
  EXPECT_EQ(doc.String("/provider_code"), "049");
  EXPECT_EQ(doc.String("/data/fingerprint"), fp);
  EXPECT_EQ(doc.String("/data/integration"), kCocName);
  EXPECT_EQ(doc.String("/data/alarm_id"), kSeedAlarmId);
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_EQ(doc.String("/data/level"), "Critical");
  EXPECT_EQ(doc.Int("/data/count"), 1);
  EXPECT_GT(doc.Int("/data/first_seen").value_or(0), 0);
  EXPECT_GE(doc.Int("/data/last_seen").value_or(0), doc.Int("/data/first_seen").value_or(0));
  EXPECT_TRUE(doc.Has("/data/last_transition_time")) << r.body;
  EXPECT_TRUE(doc.IsNull("/data/incident_num")) << r.body;
  JsonDoc sent(kSeedExampleBody);
  for (const char* field : {"/alarmId", "/alarmName", "/alarmLevel", "/time", "/nameSpace",
                            "/regionId", "/applicationId", "/resourceName", "/resourceId",
                            "/alarmDesc", "/URL", "/alarmStatus", "/alarmSource", "/additional"}) {
    EXPECT_EQ(doc.Minified(std::string("/data/last_event") + field), sent.Minified(field))
        << field << " in " << r.body;
  }
}

TEST_F(IngestTest, SeedBadRequestExampleNamesEveryMissingField) {
  // The seed's 400 example: alarmName and alarmId both absent.
  const std::string body =
      R"({"alarmLevel":"Critical","time":1709118444540,"nameSpace":"shanghai",)"
      R"("applicationId":"18cfa0a5ef8d","alarmDesc":"string","alarmSource":"coc"})";
  HttpResult r = client_->Post(CocPath(kCocKey), body);
  ExpectIngestError(r, 400, "COC.00000001");
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/error_msg"), "alarmName must not be null | alarmId must not be null");
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=utf-8");
}

TEST_F(IngestTest, FieldRulesAreAllReportedTogether) {
  CocAlarm alarm;
  alarm.alarm_level = "Fatal";
  alarm.alarm_id = std::string(256, 'x');
  HttpResult r = PostAlarm(alarm);
  ExpectIngestError(r, 400, "COC.00000001");
  std::string msg = JsonDoc(r.body).String("/error_msg").value_or("");
  EXPECT_NE(msg.find("alarmLevel"), std::string::npos) << msg;
  EXPECT_NE(msg.find("alarmId"), std::string::npos) << msg;
  EXPECT_NE(msg.find(" | "), std::string::npos) << msg;
}

struct UnauthorizedCase {
  const char* name;
  std::string key;
};

// Test names instead of a byte dump in failure messages.
void PrintTo(const UnauthorizedCase& c, std::ostream* os) { *os << c.name; }

class IngestAuthTest : public IngestTest, public ::testing::WithParamInterface<UnauthorizedCase> {};

TEST_P(IngestAuthTest, AnswersTokenMissingOrInvalidAndStoresNothing) {
  CocAlarm alarm;
  alarm.alarm_id = "auth-probe";
  HttpResult r = PostAlarm(alarm, GetParam().key);
  ExpectIngestError(r, 401, "common.01010001");
  EXPECT_EQ(JsonDoc(r.body).String("/error_msg"), "Token missing or invalid.");
  HttpResult list = client_->Get("/v1/alarms", OpsAuth());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(JsonDoc(list.body).ArraySize("/data/alarms"), 0u) << list.body;
}

INSTANTIATE_TEST_SUITE_P(Keys, IngestAuthTest,
                         ::testing::Values(UnauthorizedCase{"unknown", "no-such-key"},
                                           UnauthorizedCase{"disabled", kDisabledKey},
                                           UnauthorizedCase{"alertmanager_format",
                                                            kAlertmanagerKey}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(IngestTest, BatchOfValidAlarmsAnswersOneResultPerAlarm) {
  std::string body = "[";
  for (int i = 0; i < 3; ++i) {
    CocAlarm a;
    a.alarm_id = "batch-" + std::to_string(i);
    body += (i ? "," : "") + a.ToJson();
  }
  body += "]";
  HttpResult r = client_->Post(CocPath(kCocKey), body);
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/error_code"), "COC.00000000");
  ASSERT_EQ(doc.ArraySize("/data"), 3u) << r.body;
  for (int i = 0; i < 3; ++i) {
    std::string at = "/data/" + std::to_string(i);
    EXPECT_EQ(doc.String(at + "/fingerprint"), Fingerprint(kCocName, "batch-" + std::to_string(i)));
    EXPECT_EQ(doc.Bool(at + "/duplicate"), false);
    EXPECT_EQ(GetAlarm(Fingerprint(kCocName, "batch-" + std::to_string(i))).status, 200);
  }
}

TEST_F(IngestTest, BatchWithOneInvalidAlarmIsRefusedWhole) {
  CocAlarm good1, bad, good2;
  good1.alarm_id = "whole-1";
  bad.alarm_id = "whole-2";
  bad.alarm_level = "Fatal";
  good2.alarm_id = "whole-3";
  HttpResult r = client_->Post(
      CocPath(kCocKey), "[" + good1.ToJson() + "," + bad.ToJson() + "," + good2.ToJson() + "]");
  ExpectIngestError(r, 400, "COC.00000001");
  EXPECT_NE(JsonDoc(r.body).String("/error_msg").value_or("").find("alarmLevel"), std::string::npos)
      << r.body;
  for (const char* id : {"whole-1", "whole-2", "whole-3"}) {
    EXPECT_EQ(GetAlarm(Fingerprint(kCocName, id)).status, 404) << id;
  }
  EXPECT_EQ(MetricOrZero("alarmgate_alarm_transitions_total"), 0);
}

struct NotAnAlarmCase {
  const char* name;
  std::string body;
};

// Test names instead of a byte dump in failure messages.
void PrintTo(const NotAnAlarmCase& c, std::ostream* os) { *os << c.name; }

class NotAnAlarmTest : public IngestTest, public ::testing::WithParamInterface<NotAnAlarmCase> {};

TEST_P(NotAnAlarmTest, IsRefusedWith400) {
  HttpResult r = client_->Post(CocPath(kCocKey), GetParam().body);
  ExpectIngestError(r, 400, "COC.00000001");
  EXPECT_FALSE(JsonDoc(r.body).String("/error_msg").value_or("").empty());
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, NotAnAlarmTest,
    ::testing::Values(NotAnAlarmCase{"not_json", "alarm!"}, NotAnAlarmCase{"empty", ""},
                      NotAnAlarmCase{"string", "\"alarm\""}, NotAnAlarmCase{"number", "42"},
                      NotAnAlarmCase{"array_of_numbers", "[1,2]"},
                      NotAnAlarmCase{"wrong_type_time", R"({"alarmId":"a","alarmName":"n",)"
                                                        R"("alarmLevel":"Info","time":"now",)"
                                                        R"("nameSpace":"n","applicationId":"a",)"
                                                        R"("alarmDesc":"d","alarmSource":"s"})"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(IngestTest, RateLimitAnswers429WithRetryAfterOnceTheBurstIsSpent) {
  // limited-monitor: 1/s, burst 2. Two pass at once; a quick run of more must meet an empty bucket.
  std::vector<int> statuses;
  HttpResult limited;
  for (int i = 0; i < 10; ++i) {
    CocAlarm a;
    a.alarm_id = "rl-" + std::to_string(i);
    HttpResult r = PostAlarm(a, kLimitedKey);
    statuses.push_back(r.status);
    if (r.status == 429) {
      limited = r;
      break;
    }
  }
  ASSERT_GE(statuses.size(), 3u);
  EXPECT_EQ(statuses[0], 200);
  EXPECT_EQ(statuses[1], 200);
  ASSERT_EQ(limited.status, 429) << "no 429 within 10 quick requests";
  auto retry_after = limited.Header("retry-after");
  ASSERT_TRUE(retry_after.has_value());
  EXPECT_GE(std::atoi(retry_after->c_str()), 1) << *retry_after;
  JsonDoc doc(limited.body);
  ASSERT_TRUE(doc.ok()) << doc.error();
  EXPECT_TRUE(doc.String("/error_code").has_value()) << limited.body;
  EXPECT_EQ(doc.String("/provider_code"), "049") << limited.body;
  EXPECT_GE(MetricOrZero(R"(alarmgate_alarms_received_total{result="rate_limited"})"), 1);
  // Other integrations have their own buckets.
  CocAlarm other;
  other.alarm_id = "rl-other";
  EXPECT_EQ(PostAlarm(other).status, 200);
}

}  // namespace
}  // namespace alarmgate::e2e
