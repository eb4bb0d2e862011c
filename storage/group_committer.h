#pragma once
// The single writer: jobs queue up from the I/O threads, the writer thread stages them one after
// another (so identical concurrent alarms are decided in order, never twice) and commits each
// group of jobs as one atomic write. Under durability `machine` a second thread, the syncer,
// fsyncs what the writer has written and only then answers those jobs: one fsync covers every
// group written while the previous fsync ran, and the writer never waits for the disk.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

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
  // Runs on the writer thread (on the syncer under durability `machine`) once the group is
  // durable (ok) or has failed. Must not block: post the reply to the session's executor.
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
  // Commits (and under `machine` syncs) what is queued, then joins the threads. Idempotent.
  void Stop();
  // Ok while writes are accepted; after a failed fsync, the failure every write now gets.
  Status WriteRefusal();

 private:
  // A group written to storage whose jobs wait for the fsync that makes it durable.
  struct UnsyncedGroup {
    std::deque<CommitJob> jobs;
    std::vector<Status> results;  // of each job's stage
    bool wrote = false;
    std::chrono::steady_clock::time_point commit_started;
  };

  void Run();
  void CommitGroup(std::deque<CommitJob>& group);
  void RunSyncer();
  void Finish(std::deque<CommitJob>& jobs, std::vector<Status>& results, const Status& commit);

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

  // Durability `machine` only.
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::vector<UnsyncedGroup> unsynced_;  // oldest first
  bool writer_done_ = false;
  // Once an fsync has failed nothing more is written or acknowledged: what the failed fsync
  // covered may or may not be on disk, and later groups were decided on top of it.
  Status sync_failure_;
  std::thread syncer_;
};

}  // namespace alarmgate
