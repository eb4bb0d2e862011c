// Secrets in logs (contract §1): integration keys and tokens never appear whole, whatever the
// request did with them (accepted, refused, unknown, reloaded).

#include <signal.h>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class LogTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(LogTest, KeysAndTokensNeverAppearWhole) {
  const std::string unknown = "unknown-key-7d3e1f";
  ASSERT_EQ(client_->Post(CocPath(kCocKey), kSeedExampleBody).status, 200);
  ASSERT_EQ(client_->Post(CocPath(kCocKey), "{}").status, 400);
  ASSERT_EQ(client_->Post(CocPath(kDisabledKey), kSeedExampleBody).status, 401);
  ASSERT_EQ(client_->Post(CocPath(unknown), kSeedExampleBody).status, 401);
  ASSERT_EQ(client_->Get("/v1/alarms", {{"X-Auth-Token", "wrong-token-9a8b"}}).status, 401);
  ASSERT_EQ(client_->Post("/-/reload", "", OpsAuth()).status, 200);
  ASSERT_TRUE(server_->Terminate().has_value());  // flushes every log line
  std::string log = server_->Log();
  ASSERT_FALSE(log.empty());
  for (const std::string& secret :
       {std::string(kCocKey), std::string(kDisabledKey), std::string(kAlertmanagerKey),
        std::string(kLimitedKey), unknown, std::string(kOpsToken),
        std::string("wrong-token-9a8b")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log:\n" << log;
  }
}

}  // namespace
}  // namespace alarmgate::e2e
