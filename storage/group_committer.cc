// The single writer thread: stages queued jobs in order over one shared ChangeSet and commits each
// group with one Store::Commit (one WriteBatch). Under durability `machine` the syncer thread
// makes the written groups durable with one Store::Sync and answers their jobs.

#include "storage/group_committer.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "core/logger.h"

namespace alarmgate {
namespace {

prometheus::Histogram& MakeWriteSeconds(prometheus::Registry& registry) {
  return prometheus::BuildHistogram()
      .Name("alarmgate_storage_write_seconds")
      .Help(
          "Time to commit one group of writes to storage (including fsync under machine "
          "durability).")
      .Register(registry)
      .Add({},
           prometheus::Histogram::BucketBoundaries{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                   0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1});
}

prometheus::Histogram& MakeGroupJobs(prometheus::Registry& registry) {
  return prometheus::BuildHistogram()
      .Name("alarmgate_storage_group_jobs")
      .Help("Jobs committed together in one storage write group.")
      .Register(registry)
      .Add({},
           prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024});
}

std::string ExceptionMessage(std::exception_ptr e) {
  try {
    std::rethrow_exception(std::move(e));
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

// A throwing stage is a bug in the caller; it must not take the writer thread down with it.
Status RunStage(CommitJob& job, Transaction& txn) {
  try {
    return job.stage(txn);
  } catch (...) {
    return Status::Internal("commit job stage threw: " +
                            ExceptionMessage(std::current_exception()));
  }
}

void RunDone(CommitJob& job, Status status) {
  if (!job.done) return;
  try {
    job.done(std::move(status));
  } catch (...) {
    // Nobody is left to tell; the other jobs of the group must still get their reply.
  }
}

}  // namespace

GroupCommitter::GroupCommitter(Store& store, Durability durability, prometheus::Registry& registry,
                               size_t max_group_jobs)
    : store_(store),
      durability_(durability),
      max_group_jobs_(std::max<size_t>(1, max_group_jobs)),
      write_seconds_(MakeWriteSeconds(registry)),
      group_jobs_(MakeGroupJobs(registry)) {
  if (durability_ == Durability::kMachine) syncer_ = std::thread([this] { RunSyncer(); });
  thread_ = std::thread([this] { Run(); });
}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::Submit(CommitJob job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return;
    }
  }
  RunDone(job, Status::Unavailable("shutting down"));
}

void GroupCommitter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  // Stop() called from a `done` callback runs on the writer or syncer thread: it cannot join
  // itself; the thread ends once its queue is drained and the destructor joins it.
  const auto self = std::this_thread::get_id();
  if (thread_.joinable() && thread_.get_id() != self) thread_.join();
  if (syncer_.joinable() && syncer_.get_id() != self) syncer_.join();
}

Status GroupCommitter::WriteRefusal() {
  std::lock_guard<std::mutex> lock(sync_mu_);
  return sync_failure_;
}

void GroupCommitter::Run() {
  pthread_setname_np(pthread_self(), "ag-writer");  // shown by top -H and perf
  std::deque<CommitJob> group;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;  // stopping, and everything queued before Stop() is done
      const size_t n = std::min(max_group_jobs_, queue_.size());
      for (size_t i = 0; i < n; ++i) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    group.clear();
  }
  {
    std::lock_guard<std::mutex> lock(sync_mu_);
    writer_done_ = true;  // the syncer drains what is left, then ends
  }
  sync_cv_.notify_one();
}

void GroupCommitter::CommitGroup(std::deque<CommitJob>& group) {
  ChangeSet staged;
  std::vector<Status> results(group.size());
  for (size_t i = 0; i < group.size(); ++i) {
    Transaction txn(store_, staged);
    results[i] = RunStage(group[i], txn);
    // A failed job's writes are dropped here; later jobs never see them.
    if (results[i].ok()) staged.Merge(std::move(txn.changes()));
  }
  group_jobs_.Observe(static_cast<double>(group.size()));

  const bool machine = durability_ == Durability::kMachine;
  Status commit;
  if (machine) {
    std::lock_guard<std::mutex> lock(sync_mu_);
    commit = sync_failure_;
  }
  const auto start = std::chrono::steady_clock::now();
  if (commit.ok() && !staged.empty()) {
    try {
      // Durability `machine` is the syncer's fsync; the write itself is the same in both.
      commit = store_.Commit(staged, Durability::kProcess);
    } catch (...) {
      commit = Status::Unavailable("storage commit threw: " +
                                   ExceptionMessage(std::current_exception()));
    }
    // Whatever went wrong, nothing of the group was written: the reply is 503, never a 2xx.
    if (!commit.ok() && commit.code() != StatusCode::kUnavailable) {
      commit = Status::Unavailable(commit.message());
    }
    if (!machine) {
      write_seconds_.Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }

  if (machine && commit.ok()) {
    // Even a group that wrote nothing waits: its answers may rest on earlier, unsynced groups.
    {
      std::lock_guard<std::mutex> lock(sync_mu_);
      unsynced_.push_back({std::move(group), std::move(results), !staged.empty(), start});
    }
    sync_cv_.notify_one();
    return;
  }
  Finish(group, results, commit);
}

void GroupCommitter::RunSyncer() {
  pthread_setname_np(pthread_self(), "ag-syncer");
  std::vector<UnsyncedGroup> batch;
  for (;;) {
    Status failed_before;
    {
      std::unique_lock<std::mutex> lock(sync_mu_);
      sync_cv_.wait(lock, [this] { return writer_done_ || !unsynced_.empty(); });
      if (unsynced_.empty()) return;  // the writer is done and everything it wrote is answered
      batch.swap(unsynced_);
      failed_before = sync_failure_;
    }
    // Every group in `batch` was written before this fsync starts, so it covers them all.
    Status synced = failed_before;
    if (synced.ok()) {
      try {
        synced = store_.Sync();
      } catch (...) {
        synced = Status::Unavailable("storage sync threw: " +
                                     ExceptionMessage(std::current_exception()));
      }
      if (!synced.ok()) {
        synced = Status::Unavailable(synced.message() +
                                     "; no more writes are accepted until alarmgate restarts");
        LogError("storage_sync_failed", {{"error", synced.message()}});
        std::lock_guard<std::mutex> lock(sync_mu_);
        sync_failure_ = synced;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    for (UnsyncedGroup& g : batch) {
      if (g.wrote) {
        write_seconds_.Observe(std::chrono::duration<double>(now - g.commit_started).count());
      }
      Finish(g.jobs, g.results, synced);
    }
    batch.clear();
  }
}

void GroupCommitter::Finish(std::deque<CommitJob>& jobs, std::vector<Status>& results,
                            const Status& commit) {
  for (size_t i = 0; i < jobs.size(); ++i) {
    RunDone(jobs[i], results[i].ok() ? commit : std::move(results[i]));
  }
}

}  // namespace alarmgate
