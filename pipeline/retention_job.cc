// Retention's timer and the chaining of batches; the purge itself is AlarmPurger's.

#include "pipeline/retention_job.h"

#include <boost/asio/post.hpp>

#include "core/logger.h"
#include "pipeline/alarm_purger.h"

namespace alarmgate {

RetentionJob::RetentionJob(Scheduler& scheduler, boost::asio::any_io_executor maintenance,
                           PurgeBatchFn purge, std::function<int64_t()> retention_days)
    : maintenance_(std::move(maintenance)),
      purge_(std::move(purge)),
      retention_days_(std::move(retention_days)),
      timer_(scheduler.CreateTimer([this] { OnTimer(); })) {}

RetentionJob::~RetentionJob() {
  Stop();
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return in_flight_ == 0; });
}

void RetentionJob::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!stopped_) timer_->ArmAfter(kFirstAfter);
}

void RetentionJob::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  timer_->Cancel();
}

void RetentionJob::OnTimer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    // Hourly from the timer, not from the batch: a slow batch does not push the next one back.
    timer_->ArmAfter(kEvery);
  }
  PostBatch();
}

void RetentionJob::PostBatch() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    ++in_flight_;
  }
  // Released once the batch has answered, or when a stopped executor drops it unrun.
  auto in_flight = std::shared_ptr<void>(nullptr, [this](void*) {
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
    idle_.notify_all();
  });
  boost::asio::post(maintenance_,
                    [this, in_flight = std::move(in_flight)] { RunBatch(in_flight); });
}

void RetentionJob::RunBatch(std::shared_ptr<void> in_flight) {
  purge_(retention_days_(), [this, in_flight = std::move(in_flight)](Result<size_t> deleted) {
    if (!deleted.ok()) {
      LogError("purge_failed", {{"error", deleted.status().message()}});
      return;
    }
    if (*deleted > 0) LogInfo("purged", {{"alarms", *deleted}});
    // A full batch means there may be more: go on without waiting an hour.
    if (*deleted == AlarmPurger::kBatch) PostBatch();
  });
}

}  // namespace alarmgate
