// Config reload (contract §1, §2) by POST /-/reload and by SIGHUP: a broken config is refused whole
// with file:line reasons while the old one keeps serving; a good one takes effect at once.

#include <signal.h>

#include <algorithm>
#include <thread>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

constexpr const char* kNewKey = "new-coc-key";
const std::string kReloadOk = "alarmgate_config_last_reload_successful";

// A config with an unknown key; returns the 1-based line it is on.
std::string BrokenConfig(const AlarmgateProcess& server, int* line) {
  std::string yaml = TestConfig().Render(server.data_dir());
  *line = 1 + static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n'));
  return yaml + "no_such_section: 1\n";
}

TestConfig ConfigWithNewIntegration() {
  TestConfig config;
  config.integrations.push_back({.key = kNewKey, .name = "new-monitor"});
  return config;
}

class ReloadTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }

  int PostWith(const std::string& key, const std::string& id) {
    CocAlarm a;
    a.alarm_id = id;
    return PostAlarm(a, key).status;
  }

  // Polls /metrics until the reload gauge equals `want`.
  bool WaitForReloadGauge(double want) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
      if (MetricValue(Metrics(), kReloadOk) == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
};

TEST_F(ReloadTest, HttpReloadNeedsAToken) {
  HttpResult r = client_->Post("/-/reload", "");
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(JsonDoc(r.body).String("/error_code"), "common.01010001");
  EXPECT_EQ(client_->Post("/-/reload", "", {{"X-Auth-Token", "wrong"}}).status, 401);
}

TEST_F(ReloadTest, HttpReloadOfBrokenConfigKeepsTheOldOneAndSaysWhy) {
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 1);
  int line = 0;
  server_->WriteConfigText(BrokenConfig(*server_, &line));
  HttpResult r = client_->Post("/-/reload", "", OpsAuth());
  EXPECT_EQ(r.status, 400) << r.body;
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/error_code"), "COC.00000001");
  std::string msg = doc.String("/error_msg").value_or("");
  EXPECT_NE(msg.find("alarmgate.yaml:" + std::to_string(line) + ":"), std::string::npos) << msg;
  EXPECT_NE(msg.find("no_such_section"), std::string::npos) << msg;
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 0);
  EXPECT_EQ(PostWith(kCocKey, "still-served"), 200);
}

TEST_F(ReloadTest, HttpReloadOfGoodConfigAddsAnIntegration) {
  EXPECT_EQ(PostWith(kNewKey, "before"), 401);
  server_->WriteConfig(ConfigWithNewIntegration());
  HttpResult r = client_->Post("/-/reload", "", OpsAuth());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonDoc(r.body).String("/data"), "reloaded") << r.body;
  EXPECT_EQ(PostWith(kNewKey, "after"), 200);
  EXPECT_EQ(PostWith(kCocKey, "old-key"), 200);
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 1);
}

TEST_F(ReloadTest, BrokenThenGoodReloadRecoversTheGauge) {
  int line = 0;
  server_->WriteConfigText(BrokenConfig(*server_, &line));
  EXPECT_EQ(client_->Post("/-/reload", "", OpsAuth()).status, 400);
  server_->WriteConfig(ConfigWithNewIntegration());
  EXPECT_EQ(client_->Post("/-/reload", "", OpsAuth()).status, 200);
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 1);
}

TEST_F(ReloadTest, SighupOfBrokenConfigKeepsTheOldOneAndLogsWhy) {
  int line = 0;
  server_->WriteConfigText(BrokenConfig(*server_, &line));
  ASSERT_TRUE(server_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForReloadGauge(0)) << server_->Log();
  EXPECT_EQ(PostWith(kCocKey, "still-served"), 200);
  EXPECT_NE(server_->Log().find("alarmgate.yaml:" + std::to_string(line) + ":"), std::string::npos)
      << server_->Log();
  EXPECT_TRUE(server_->running());
}

TEST_F(ReloadTest, SighupOfGoodConfigAddsAnIntegration) {
  server_->WriteConfig(ConfigWithNewIntegration());
  ASSERT_TRUE(server_->Signal(SIGHUP));
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  int i = 0;
  while (status != 200 && std::chrono::steady_clock::now() < until) {
    status = PostWith(kNewKey, "hup-" + std::to_string(i++));
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200) << server_->Log();
  EXPECT_EQ(MetricValue(Metrics(), kReloadOk), 1);
}

}  // namespace
}  // namespace alarmgate::e2e
