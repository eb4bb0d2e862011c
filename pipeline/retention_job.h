#pragma once
// Retention's schedule: the first purge batch 30 s after start, then one every hour, and the next
// batch at once whenever a batch comes back full (there may be more). Batches run on the
// maintenance executor, never on the scheduler's I/O threads: the scan behind one is slow.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "core/scheduler.h"
#include "core/status.h"

namespace alarmgate {

class RetentionJob {
 public:
  static constexpr std::chrono::milliseconds kFirstAfter{30'000};
  static constexpr std::chrono::milliseconds kEvery{3'600'000};

  // One batch, as AlarmPurger::PurgeOnce: deletes up to AlarmPurger::kBatch alarms resolved more
  // than `retention_days` ago; `done` gets how many.
  using PurgeBatchFn =
      std::function<void(int64_t retention_days, std::function<void(Result<size_t>)> done)>;

  // `retention_days` is read at each batch, so a reload applies from the next one.
  RetentionJob(Scheduler& scheduler, boost::asio::any_io_executor maintenance, PurgeBatchFn purge,
               std::function<int64_t()> retention_days);
  // Stops, then waits for batches posted or running to answer (or be dropped by a stopped
  // executor): they refer to this object.
  ~RetentionJob();
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  void Start();
  // No batch is posted after this; one already posted or running still finishes.
  void Stop();

 private:
  void OnTimer();
  void PostBatch();
  void RunBatch(std::shared_ptr<void> in_flight);

  boost::asio::any_io_executor maintenance_;
  const PurgeBatchFn purge_;
  const std::function<int64_t()> retention_days_;
  std::mutex mu_;
  std::condition_variable idle_;
  int in_flight_ = 0;  // batches posted and not yet answered
  bool stopped_ = false;
  // Last: destroyed first, so a running OnTimer() never outlives the members it uses.
  std::unique_ptr<Timer> timer_;
};

}  // namespace alarmgate
