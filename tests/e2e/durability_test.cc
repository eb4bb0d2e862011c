// Durability through the process's life (contract §1, §3, §4.4): a 2xx survives kill -9 in both
// durability modes, and SIGTERM under load exits 0 with every acknowledged alarm stored.

#include <signal.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class KillTest : public E2eTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(KillTest, AcknowledgedAlarmSurvivesKill9) {
  TestConfig config;
  config.durability = GetParam();
  StartServer(config);
  for (int i = 0; i < 3; ++i) {
    CocAlarm a;
    a.alarm_id = "survivor";
    a.time = 1000 + i;
    ASSERT_EQ(PostAlarm(a).status, 200);
  }
  CocAlarm resolved;
  resolved.alarm_id = "resolved-survivor";
  ASSERT_EQ(PostAlarm(resolved).status, 200);
  resolved.alarm_status = "ok";
  resolved.time += 1;
  ASSERT_EQ(PostAlarm(resolved).status, 200);

  server_->Kill9();  // right after the last 200: no clean close of storage
  ASSERT_TRUE(server_->Restart());
  Reconnect();

  HttpResult r = GetAlarm(Fingerprint(kCocName, "survivor"));
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.Int("/data/count"), 3);
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_EQ(doc.Int("/data/last_event/time"), 1002);
  EXPECT_EQ(
      JsonDoc(GetAlarm(Fingerprint(kCocName, "resolved-survivor")).body).String("/data/status"),
      "ok");
  // Dedup state survived too: the same event again is an exact retry.
  CocAlarm again;
  again.alarm_id = "survivor";
  again.time = 1002;
  EXPECT_EQ(JsonDoc(PostAlarm(again).body).Bool("/data/duplicate"), true);
  EXPECT_EQ(JsonDoc(GetAlarm(Fingerprint(kCocName, "survivor")).body).Int("/data/count"), 3);
}

INSTANTIATE_TEST_SUITE_P(Durability, KillTest, ::testing::Values("process", "machine"),
                         [](const auto& info) { return info.param; });

class ShutdownTest : public E2eTest {};

TEST_F(ShutdownTest, SigtermUnderLoadExitsZeroAndKeepsEveryAcknowledgedAlarm) {
  StartServer();
  std::mutex mu;
  std::vector<std::string> acked;
  std::atomic<bool> stop{false};
  std::atomic<int> ok_count{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([&, t] {
      HttpClient client(server_->port(), std::chrono::seconds(15), true);
      for (int i = 0; !stop.load(); ++i) {
        CocAlarm a;
        a.alarm_id = "load-" + std::to_string(t) + "-" + std::to_string(i);
        HttpResult r = client.Post(CocPath(kCocKey), a.ToJson());
        if (r.status == 200) {
          std::lock_guard<std::mutex> lock(mu);
          acked.push_back(a.alarm_id);
          ok_count.fetch_add(1);
        } else if (!r.ok()) {
          return;  // the server has stopped accepting
        }
      }
    });
  }
  // Signal once the load is really flowing.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (ok_count.load() < 200 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GE(ok_count.load(), 200) << "load never reached 200 acknowledged alarms";
  ASSERT_TRUE(server_->Signal(SIGTERM));
  std::optional<int> code = server_->WaitForExit(std::chrono::seconds(20));
  stop = true;
  for (auto& s : senders) s.join();
  ASSERT_TRUE(code.has_value()) << "still running 20 s after SIGTERM";
  EXPECT_EQ(*code, 0) << server_->Log();

  ASSERT_TRUE(server_->Restart());
  Reconnect();
  int missing = 0;
  for (const auto& id : acked) {
    if (GetAlarm(Fingerprint(kCocName, id)).status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0) << "of " << acked.size() << " acknowledged alarms";
}

}  // namespace
}  // namespace alarmgate::e2e
