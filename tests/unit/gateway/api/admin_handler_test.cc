// AdminHandler: readiness follows startup, shutdown and whether storage still accepts writes.

#include "gateway/api/admin_handler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>

namespace alarmgate {
namespace {

class AdminHandlerTest : public ::testing::Test {
 protected:
  HttpResponse Ready() {
    AdminHandler handler(exposer_, ready_, [this] { return refusal_; },
                         [] { return Status::Ok(); });
    HttpRequest request;
    std::optional<HttpResponse> response;
    handler.Ready(request, [&](HttpResponse r) { response = std::move(r); });
    EXPECT_TRUE(response.has_value());
    return response.value_or(HttpResponse{});
  }

  MetricsExposer exposer_;
  std::atomic<bool> ready_{true};
  Status refusal_;
};

TEST_F(AdminHandlerTest, ReadyWhenStartedAndStorageAcceptsWrites) {
  HttpResponse r = Ready();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ready"})");
}

TEST_F(AdminHandlerTest, NotReadyBeforeStartOrDuringShutdown) {
  ready_ = false;
  HttpResponse r = Ready();
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("not ready: storage or config not loaded"), std::string::npos) << r.body;
}

TEST_F(AdminHandlerTest, NotReadyOnceStorageRefusesWritesAndSaysWhy) {
  refusal_ = Status::Unavailable("sync storage log: I/O error");
  HttpResponse r = Ready();
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("not ready: sync storage log: I/O error"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace alarmgate
