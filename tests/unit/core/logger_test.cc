#include "core/logger.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(RedactTest, KeepsFourCharactersThenEllipsis) {
  EXPECT_EQ(Redact("demo-coc-key"), "demo…");
  EXPECT_EQ(Redact("ab"), "ab…");
  EXPECT_EQ(Redact(""), "…");
}

TEST(RedactTest, CountsCharactersNotBytes) {
  EXPECT_EQ(Redact("密钥密钥密钥"), "密钥密钥…");
}

TEST(LoggerTest, TextAndJsonFormatsWriteOneLinePerEvent) {
  testing::internal::CaptureStderr();
  Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText);
  LogInfo("listening", {{"address", "127.0.0.1"}, {"port", 8080}, {"msg", "a b"}});
  LogDebug("hidden");
  Logger::Get().Configure(LogLevel::kInfo, LogFormat::kJson);
  LogWarn("json_event", {{"k", "v\"q"}});
  Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText);
  std::string out = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("level=info event=listening address=127.0.0.1 port=8080 msg=\"a b\"\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("hidden"), std::string::npos);
  EXPECT_NE(out.find(R"("level":"warn","event":"json_event","k":"v\"q"})"), std::string::npos)
      << out;
}

}  // namespace
}  // namespace alarmgate
