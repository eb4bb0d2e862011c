// RetentionJob on a FakeScheduler, with a recording purge and a maintenance executor the test
// runs by hand: the first batch 30 s after start, then hourly; a full batch is followed at once
// by the next; the retention read at each batch; nothing after Stop.

#include "pipeline/retention_job.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

#include "core/fake_scheduler.h"
#include "pipeline/alarm_purger.h"

namespace alarmgate {
namespace {

using namespace std::chrono_literals;

class RetentionJobTest : public testing::Test {
 protected:
  // Batches posted and not run hold the job's in-flight count, which its destructor waits for:
  // dropping them (and unanswered batches) releases it.
  ~RetentionJobTest() override {
    maintenance_.reset();
    unanswered_.clear();
  }

  // Runs the batches posted to the maintenance executor, on this thread; how many.
  size_t RunBatches() {
    maintenance_->restart();
    return maintenance_->poll();
  }
  // Answers the oldest unanswered batch as the purger would.
  void Answer(Result<size_t> deleted) {
    ASSERT_FALSE(unanswered_.empty());
    auto done = std::move(unanswered_.front());
    unanswered_.erase(unanswered_.begin());
    done(std::move(deleted));
  }

  FakeClock clock_;
  const int64_t start_ms_ = clock_.NowMs();
  FakeScheduler scheduler_{clock_};
  std::unique_ptr<boost::asio::io_context> maintenance_ =
      std::make_unique<boost::asio::io_context>();
  int64_t retention_days_ = 30;
  std::vector<int64_t> batches_;  // the retention_days each batch was run with
  std::vector<std::function<void(Result<size_t>)>> unanswered_;
  RetentionJob job_{scheduler_, maintenance_->get_executor(),
                    [this](int64_t days, std::function<void(Result<size_t>)> done) {
                      batches_.push_back(days);
                      unanswered_.push_back(std::move(done));
                    },
                    [this] { return retention_days_; }};
};

TEST_F(RetentionJobTest, TheFirstBatchRuns30SecondsAfterStartThenOneEveryHour) {
  job_.Start();
  scheduler_.AdvanceBy(RetentionJob::kFirstAfter - 1ms);
  EXPECT_EQ(RunBatches(), 0u);
  scheduler_.AdvanceBy(1ms);
  EXPECT_TRUE(batches_.empty())
      << "the timer only posts: the scan runs on the maintenance executor";
  EXPECT_EQ(RunBatches(), 1u);
  EXPECT_EQ(batches_, std::vector<int64_t>{30});
  Answer(size_t{12});
  EXPECT_EQ(RunBatches(), 0u) << "a batch that was not full waits for the next hour";

  scheduler_.AdvanceBy(RetentionJob::kEvery - 1ms);
  EXPECT_EQ(RunBatches(), 0u);
  scheduler_.AdvanceBy(1ms);
  EXPECT_EQ(RunBatches(), 1u);
  Answer(size_t{0});
  scheduler_.AdvanceBy(3 * RetentionJob::kEvery);
  EXPECT_EQ(RunBatches(), 3u) << "one per hour crossed";
}

TEST_F(RetentionJobTest, AFullBatchIsFollowedAtOnceByTheNext) {
  job_.Start();
  scheduler_.AdvanceBy(RetentionJob::kFirstAfter);
  ASSERT_EQ(RunBatches(), 1u);
  Answer(AlarmPurger::kBatch);
  EXPECT_EQ(RunBatches(), 1u) << "there may be more: no waiting for the hour";
  Answer(AlarmPurger::kBatch);
  EXPECT_EQ(RunBatches(), 1u);
  Answer(size_t{7});
  EXPECT_EQ(RunBatches(), 0u);
  EXPECT_EQ(batches_.size(), 3u);
  EXPECT_EQ(clock_.NowMs() - start_ms_, RetentionJob::kFirstAfter.count())
      << "all at the same moment";
}

TEST_F(RetentionJobTest, AFailedBatchWaitsForTheNextHour) {
  job_.Start();
  scheduler_.AdvanceBy(RetentionJob::kFirstAfter);
  ASSERT_EQ(RunBatches(), 1u);
  Answer(Status::Unavailable("disk"));
  EXPECT_EQ(RunBatches(), 0u);
  scheduler_.AdvanceBy(RetentionJob::kEvery);
  EXPECT_EQ(RunBatches(), 1u);
}

TEST_F(RetentionJobTest, EachBatchReadsTheRetentionThenInForce) {
  job_.Start();
  scheduler_.AdvanceBy(RetentionJob::kFirstAfter);
  RunBatches();
  retention_days_ = 7;  // a reload
  Answer(AlarmPurger::kBatch);
  RunBatches();
  EXPECT_EQ(batches_, (std::vector<int64_t>{30, 7}));
}

TEST_F(RetentionJobTest, AfterStopNoBatchIsPostedNotEvenAfterAFullOne) {
  job_.Start();
  scheduler_.AdvanceBy(RetentionJob::kFirstAfter);
  ASSERT_EQ(RunBatches(), 1u);
  job_.Stop();
  EXPECT_EQ(scheduler_.Pending(), 0u);
  Answer(AlarmPurger::kBatch);
  scheduler_.AdvanceBy(2 * RetentionJob::kEvery);
  EXPECT_EQ(RunBatches(), 0u);
  EXPECT_EQ(batches_.size(), 1u);
}

}  // namespace
}  // namespace alarmgate
