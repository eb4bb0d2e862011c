// HeartbeatMonitor on a FakeScheduler over the real ingest pipeline: the alarm is raised at the
// first check after heartbeat_timeout_s of silence and not before, a request clears it and starts
// the wait again, timeout 0 never raises, and a stopped monitor checks no more.

#include "pipeline/heartbeat_monitor.h"

#include <gtest/gtest.h>

#include <optional>

#include "alarms/fingerprint.h"
#include "core/fake_scheduler.h"
#include "tests/unit/pipeline/pipeline_stack.h"

namespace alarmgate {
namespace {

using namespace std::chrono_literals;

class HeartbeatMonitorTest : public testing::Test {
 protected:
  // Advances, then waits for the alarms the checks ingested.
  void AdvanceBy(std::chrono::milliseconds by) {
    scheduler_.AdvanceBy(by);
    env_.Flush();
  }
  // The stored heartbeat alarm of `integration`, if any.
  std::optional<AlarmStatus> HeartbeatStatus(const std::string& integration = "mon") {
    auto r = env_.store.alarms().Get(Fingerprint(integration, HeartbeatMonitor::kAlarmId));
    EXPECT_TRUE(r.ok());
    if (!r.ok() || !r->has_value()) return std::nullopt;
    return (*r)->status;
  }

  PipelineStack env_;
  FakeScheduler scheduler_{env_.clock};
  HeartbeatMonitor monitor_{scheduler_, env_.ingest, env_.clock};
};

TEST_F(HeartbeatMonitorTest, RaisesAtTheFirstCheckAfterTheTimeoutAndNotBefore) {
  monitor_.SetTimeouts({{"mon", 5}});
  monitor_.Start();
  AdvanceBy(5000ms);  // silent for exactly the timeout: not yet "more than"
  EXPECT_EQ(HeartbeatStatus(), std::nullopt);
  AdvanceBy(HeartbeatMonitor::kCheckEvery);
  EXPECT_EQ(HeartbeatStatus(), AlarmStatus::kAlarm);
}

TEST_F(HeartbeatMonitorTest, ARequestClearsTheAlarmAndStartsTheWaitAgain) {
  monitor_.SetTimeouts({{"mon", 5}});
  monitor_.Start();
  AdvanceBy(2500ms);
  monitor_.Touch("mon");  // silent from 2.5 s: more than 5 s at the 8 s check
  AdvanceBy(5000ms);
  EXPECT_EQ(HeartbeatStatus(), std::nullopt);
  AdvanceBy(500ms);
  EXPECT_EQ(HeartbeatStatus(), AlarmStatus::kAlarm);

  AdvanceBy(100ms);  // an ok with the alarm's own timestamp would be a duplicate
  monitor_.Touch("mon");
  env_.Flush();
  EXPECT_EQ(HeartbeatStatus(), AlarmStatus::kOk);
  AdvanceBy(4900ms);
  EXPECT_EQ(HeartbeatStatus(), AlarmStatus::kOk) << "raised again only after a full timeout";
  AdvanceBy(1000ms);
  EXPECT_EQ(HeartbeatStatus(), AlarmStatus::kAlarm);
}

TEST_F(HeartbeatMonitorTest, TimeoutZeroNeverRaisesAndOtherIntegrationsAreNotTouched) {
  monitor_.SetTimeouts({{"quiet", 0}, {"mon", 5}});
  monitor_.Start();
  AdvanceBy(1h);
  EXPECT_EQ(HeartbeatStatus("quiet"), std::nullopt);
  EXPECT_EQ(HeartbeatStatus("mon"), AlarmStatus::kAlarm);
}

TEST_F(HeartbeatMonitorTest, AStoppedMonitorChecksNoMore) {
  monitor_.SetTimeouts({{"mon", 5}});
  monitor_.Start();
  monitor_.Stop();
  EXPECT_EQ(scheduler_.Pending(), 0u);
  AdvanceBy(1h);
  EXPECT_EQ(HeartbeatStatus(), std::nullopt);
}

}  // namespace
}  // namespace alarmgate
