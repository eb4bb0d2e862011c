#pragma once
// The single writer: jobs queue up from the I/O threads, the writer thread stages them one after
// another (so identical concurrent alarms are decided in order, never twice) and commits each
// group of jobs as one atomic write, with one fsync under durability `machine`.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "core/status.h"
#include "storage/durability.h"
#include "storage/store.h"
#include "storage/transaction.h"

namespace alarmgate {

struct CommitJob {
  // Runs on the writer thread. Reads and stages writes through the Transaction; a non-ok Status
  // discards this job's writes (the rest of the group still commits) and is passed to `done`.
  std::function<Status(Transaction&)> stage;
  // Runs on the writer thread once the group is durable (ok) or has failed. Must not block:
  // post the reply to the session's executor.
  std::function<void(Status)> done;
};

class GroupCommitter {
 public:
  GroupCommitter(Store& store, Durability durability, prometheus::Registry& registry,
                 size_t max_group_jobs = 1024);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // After Stop(), `done` is called at once with Unavailable.
  void Submit(CommitJob job);
  // Commits what is queued, then joins the writer thread. Idempotent.
  void Stop();

 private:
  void Run();
  void CommitGroup(std::deque<CommitJob>& group);

  Store& store_;
  const Durability durability_;
  const size_t max_group_jobs_;
  prometheus::Histogram& write_seconds_;
  prometheus::Histogram& group_jobs_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CommitJob> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace alarmgate
