// Alarm queries (contract §3, §4.4): X-Auth-Token required, filters, limit/marker pagination,
// 404 for an unknown fingerprint.

#include <set>
#include <string>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class ManagementTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(ManagementTest, AlarmQueriesNeedAValidToken) {
  const std::string fp = Fingerprint(kCocName, kSeedAlarmId);
  for (const std::string& target : {std::string("/v1/alarms"), "/v1/alarms/" + fp}) {
    for (const HeaderList& headers : {HeaderList{}, HeaderList{{"X-Auth-Token", "wrong"}},
                                      HeaderList{{"X-Auth-Token", std::string(kOpsToken) + "x"}}}) {
      HttpResult r = client_->Get(target, headers);
      EXPECT_EQ(r.status, 401) << target;
      JsonDoc doc(r.body);
      EXPECT_EQ(doc.String("/error_code"), "common.01010001") << r.body;
      EXPECT_EQ(doc.String("/error_msg"), "Token missing or invalid.") << r.body;
    }
  }
  HttpResult r = client_->Get("/v1/alarms", OpsAuth());
  EXPECT_EQ(r.status, 200) << r.body;
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/error_code"), "COC.00000000");
  EXPECT_EQ(doc.String("/error_msg"), "success");
  EXPECT_EQ(doc.String("/provider_code"), "049");
  EXPECT_EQ(doc.ArraySize("/data/alarms"), 0u) << r.body;
  EXPECT_TRUE(doc.IsNull("/data/next_marker")) << r.body;
}

TEST_F(ManagementTest, UnknownFingerprintIs404) {
  HttpResult r = GetAlarm(std::string(32, 'a'));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(JsonDoc(r.body).String("/error_code"), "COC.00000404") << r.body;
}

TEST_F(ManagementTest, ListFiltersByStatusAndIntegration) {
  for (const char* id : {"l-1", "l-2", "l-3"}) {
    CocAlarm a;
    a.alarm_id = id;
    ASSERT_EQ(PostAlarm(a).status, 200);
  }
  CocAlarm ok;
  ok.alarm_id = "l-3";
  ok.alarm_status = "ok";
  ok.time += 1;
  ASSERT_EQ(PostAlarm(ok).status, 200);

  auto count = [&](const std::string& query) {
    HttpResult r = client_->Get("/v1/alarms" + query, OpsAuth());
    EXPECT_EQ(r.status, 200) << query << r.body;
    return JsonDoc(r.body).ArraySize("/data/alarms").value_or(999);
  };
  EXPECT_EQ(count(""), 3u);
  EXPECT_EQ(count("?status=alarm"), 2u);
  EXPECT_EQ(count("?status=ok"), 1u);
  EXPECT_EQ(count("?integration=in-house-monitor"), 3u);
  EXPECT_EQ(count("?integration=prometheus"), 0u);
  EXPECT_EQ(count("?status=ok&integration=in-house-monitor"), 1u);
  HttpResult r = client_->Get("/v1/alarms?status=ok", OpsAuth());
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/data/alarms/0/fingerprint"), Fingerprint(kCocName, "l-3"));
  EXPECT_EQ(doc.String("/data/alarms/0/alarm_id"), "l-3");
  EXPECT_EQ(doc.String("/data/alarms/0/integration"), kCocName);
  EXPECT_EQ(doc.Int("/data/alarms/0/count"), 2);
  EXPECT_EQ(doc.String("/data/alarms/0/last_event/alarmStatus"), "ok");
  EXPECT_TRUE(doc.IsNull("/data/alarms/0/incident_num"));
}

TEST_F(ManagementTest, LimitAndMarkerWalkEveryAlarmOnce) {
  std::set<std::string> expected;
  for (int i = 0; i < 5; ++i) {
    CocAlarm a;
    a.alarm_id = "page-" + std::to_string(i);
    ASSERT_EQ(PostAlarm(a).status, 200);
    expected.insert(Fingerprint(kCocName, a.alarm_id));
  }
  std::set<std::string> seen;
  std::string marker;
  int pages = 0;
  while (pages < 10) {
    std::string target = "/v1/alarms?limit=2" + (marker.empty() ? "" : "&marker=" + marker);
    HttpResult r = client_->Get(target, OpsAuth());
    ASSERT_EQ(r.status, 200) << target << r.body;
    JsonDoc doc(r.body);
    size_t n = doc.ArraySize("/data/alarms").value_or(0);
    EXPECT_LE(n, 2u);
    for (size_t i = 0; i < n; ++i) {
      auto fp = doc.String("/data/alarms/" + std::to_string(i) + "/fingerprint");
      ASSERT_TRUE(fp.has_value());
      EXPECT_TRUE(seen.insert(*fp).second) << "seen twice: " << *fp;
    }
    ++pages;
    if (doc.IsNull("/data/next_marker")) break;
    auto next = doc.String("/data/next_marker");
    ASSERT_TRUE(next.has_value()) << r.body;
    EXPECT_EQ(next, doc.String("/data/alarms/" + std::to_string(n - 1) + "/fingerprint"));
    marker = *next;
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace alarmgate::e2e
