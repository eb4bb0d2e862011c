// GroupCommitter: order and visibility of staged writes inside a group, per-job failure, failed
// commits, shutdown, metrics. A "gate" job holds the writer thread so that the jobs queued behind
// it are known to form the next group.

#include "storage/group_committer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/alarm_view.h"
#include "storage/incident_view.h"
#include "storage/memory/memory_store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::MakeRecord;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr auto kWait = 10s;  // bound on every wait: a bug fails the test instead of hanging it

// Records `done` calls in the order they happen, from any thread.
class DoneLog {
 public:
  std::function<void(Status)> Callback(int id) {
    return [this, id](Status s) {
      std::lock_guard<std::mutex> lock(mu_);
      ids_.push_back(id);
      statuses_[id] = std::move(s);
      cv_.notify_all();
    };
  }
  bool WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return ids_.size() >= n; });
  }
  std::vector<int> ids() {
    std::lock_guard<std::mutex> lock(mu_);
    return ids_;
  }
  Status status(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    return statuses_.at(id);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> ids_;
  std::map<int, Status> statuses_;
};

// A job that holds the writer thread until Release(); it stages nothing.
class Gate {
 public:
  CommitJob Job(std::function<void(Status)> done) {
    auto entered = entered_;
    auto released = released_;
    return {[entered, released](Transaction&) {
              entered->set_value();
              released.wait_for(30s);
              return Status::Ok();
            },
            std::move(done)};
  }
  bool WaitEntered() { return entered_future_.wait_for(kWait) == std::future_status::ready; }
  void Release() {
    if (!released_once_.exchange(true)) release_.set_value();
  }
  ~Gate() { Release(); }

 private:
  std::shared_ptr<std::promise<void>> entered_ = std::make_shared<std::promise<void>>();
  std::future<void> entered_future_ = entered_->get_future();
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  std::atomic<bool> released_once_{false};
};

CommitJob PutJob(const std::string& fingerprint, std::function<void(Status)> done) {
  return {[fingerprint](Transaction& txn) {
            AlarmView(txn).Put(MakeRecord(fingerprint));
            return Status::Ok();
          },
          std::move(done)};
}

class GroupCommitterTest : public ::testing::Test {
 protected:
  std::optional<AlarmRecord> Stored(const std::string& fingerprint) {
    auto got = store_.Get<AlarmStore>().Get(fingerprint);
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : std::nullopt;
  }
  // Starts the committer with the writer held by `gate_`.
  void StartGated(size_t max_group_jobs = 1024) {
    committer_ =
        std::make_unique<GroupCommitter>(store_, Durability::kProcess, registry_, max_group_jobs);
    committer_->Submit(gate_.Job(log_.Callback(-1)));
    ASSERT_TRUE(gate_.WaitEntered());
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  DoneLog log_;
  std::unique_ptr<GroupCommitter> committer_;
  Gate gate_;  // declared last: destroyed (released) before the committer joins its thread
};

TEST_F(GroupCommitterTest, JobsAreStagedInOrderAndSeeEarlierJobsWrites) {
  StartGated();
  for (int i = 0; i < 5; ++i) {
    committer_->Submit({[i](Transaction& txn) {
                          ASSIGN_OR_RETURN(auto current, AlarmView(txn).Get("k"));
                          AlarmRecord r = current ? *current : MakeRecord("k");
                          if (!current) r.alarm_id.clear();
                          r.alarm_id += std::to_string(i);
                          AlarmView(txn).Put(std::move(r));
                          return Status::Ok();
                        },
                        log_.Callback(i)});
  }
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(6));
  EXPECT_THAT(log_.ids(), ElementsAre(-1, 0, 1, 2, 3, 4));
  ASSERT_TRUE(Stored("k").has_value());
  EXPECT_EQ(Stored("k")->alarm_id, "01234");
  EXPECT_EQ(store_.successful_commits(), 1);  // the five jobs were one write
}

TEST_F(GroupCommitterTest, HundredConcurrentIdenticalJobsInsertExactlyOnce) {
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kProcess, registry_);
  constexpr int kThreads = 100;
  std::atomic<int> inserts{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      committer_->Submit({[&](Transaction& txn) {
                            ASSIGN_OR_RETURN(auto current, AlarmView(txn).Get("same"));
                            if (!current) {
                              inserts.fetch_add(1);
                              AlarmView(txn).Put(MakeRecord("same"));  // count = 1
                              return Status::Ok();
                            }
                            current->count++;
                            AlarmView(txn).Put(std::move(*current));
                            return Status::Ok();
                          },
                          log_.Callback(t)});
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(log_.WaitFor(kThreads));
  for (int t = 0; t < kThreads; ++t) EXPECT_TRUE(log_.status(t).ok()) << t;
  EXPECT_EQ(inserts.load(), 1);
  ASSERT_TRUE(Stored("same").has_value());
  EXPECT_EQ(Stored("same")->count, kThreads);
}

TEST_F(GroupCommitterTest, FailingStageDiscardsOnlyItsOwnWrites) {
  StartGated();
  std::optional<AlarmRecord> c_saw_b = MakeRecord("sentinel");
  std::optional<AlarmRecord> c_saw_a;
  committer_->Submit(PutJob("a", log_.Callback(0)));
  committer_->Submit({[](Transaction& txn) {
                        AlarmView(txn).Put(MakeRecord("b"));
                        AlarmView(txn).Delete("a");
                        return Status::InvalidArgument("b is bad");
                      },
                      log_.Callback(1)});
  committer_->Submit({[&](Transaction& txn) {
                        ASSIGN_OR_RETURN(c_saw_b, AlarmView(txn).Get("b"));
                        ASSIGN_OR_RETURN(c_saw_a, AlarmView(txn).Get("a"));
                        AlarmView(txn).Put(MakeRecord("c"));
                        return Status::Ok();
                      },
                      log_.Callback(2)});
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(4));
  EXPECT_TRUE(log_.status(0).ok());
  EXPECT_EQ(log_.status(1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log_.status(1).message(), "b is bad");
  EXPECT_TRUE(log_.status(2).ok());
  EXPECT_EQ(c_saw_b, std::nullopt);  // the failed job's put is not visible to later jobs
  EXPECT_TRUE(c_saw_a.has_value());  // nor is its delete
  EXPECT_TRUE(Stored("a").has_value());
  EXPECT_FALSE(Stored("b").has_value());
  EXPECT_TRUE(Stored("c").has_value());
}

TEST_F(GroupCommitterTest, FailedCommitFailsTheWholeGroupAndStoresNothing) {
  store_.FailNextCommits(1);
  StartGated();  // the gate stages nothing, so it does not consume the injected failure
  committer_->Submit(PutJob("a", log_.Callback(0)));
  committer_->Submit(PutJob("b", log_.Callback(1)));
  committer_->Submit(
      {[](Transaction&) { return Status::Conflict("own error"); }, log_.Callback(2)});
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(4));
  EXPECT_EQ(log_.status(0).code(), StatusCode::kUnavailable);
  EXPECT_EQ(log_.status(1).code(), StatusCode::kUnavailable);
  EXPECT_EQ(log_.status(2).code(), StatusCode::kConflict);  // its own error, not the commit's
  EXPECT_FALSE(Stored("a").has_value());
  EXPECT_FALSE(Stored("b").has_value());

  // The next group starts clean: it does not see the failed group's staged writes.
  std::optional<AlarmRecord> saw_a = MakeRecord("sentinel");
  committer_->Submit({[&](Transaction& txn) {
                        ASSIGN_OR_RETURN(saw_a, AlarmView(txn).Get("a"));
                        AlarmView(txn).Put(MakeRecord("d"));
                        return Status::Ok();
                      },
                      log_.Callback(3)});
  ASSERT_TRUE(log_.WaitFor(5));
  EXPECT_TRUE(log_.status(3).ok());
  EXPECT_EQ(saw_a, std::nullopt);
  EXPECT_TRUE(Stored("d").has_value());
}

TEST_F(GroupCommitterTest, GroupWithNothingToWriteSkipsTheCommit) {
  store_.FailNextCommits(1);  // would fail the group if a commit were attempted
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kMachine, registry_);
  committer_->Submit(
      {[](Transaction& txn) { return AlarmView(txn).Get("x").status(); }, log_.Callback(0)});
  ASSERT_TRUE(log_.WaitFor(1));
  EXPECT_TRUE(log_.status(0).ok());
  EXPECT_EQ(store_.successful_commits(), 0);
}

TEST_F(GroupCommitterTest, MaxGroupJobsBoundsEachWrite) {
  StartGated(/*max_group_jobs=*/2);
  for (int i = 0; i < 5; ++i) committer_->Submit(PutJob("k" + std::to_string(i), log_.Callback(i)));
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(6));
  EXPECT_EQ(store_.successful_commits(), 3);  // {k0,k1} {k2,k3} {k4}
}

TEST_F(GroupCommitterTest, ExceptionsInStageAndDoneDoNotEscapeTheWriter) {
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kProcess, registry_);
  committer_->Submit(
      {[](Transaction&) -> Status { throw std::runtime_error("boom"); }, log_.Callback(0)});
  committer_->Submit(PutJob("a", [](Status) { throw std::runtime_error("done boom"); }));
  committer_->Submit(PutJob("b", log_.Callback(1)));
  ASSERT_TRUE(log_.WaitFor(2));
  EXPECT_EQ(log_.status(0).code(), StatusCode::kInternal);
  EXPECT_THAT(log_.status(0).message(), HasSubstr("boom"));
  EXPECT_TRUE(log_.status(1).ok());
  EXPECT_TRUE(Stored("a").has_value());
  EXPECT_TRUE(Stored("b").has_value());
}

TEST_F(GroupCommitterTest, StopCommitsEverythingQueuedBeforeIt) {
  StartGated();
  constexpr int kJobs = 20;
  for (int i = 0; i < kJobs; ++i) {
    committer_->Submit(PutJob("k" + std::to_string(i), log_.Callback(i)));
  }
  std::thread stopper([&] { committer_->Stop(); });
  // Poll until Stop() has closed the queue: a probe is then refused inside Submit. Probes queued
  // before that are harmless no-ops.
  bool closed = false;
  for (auto deadline = std::chrono::steady_clock::now() + kWait;
       !closed && std::chrono::steady_clock::now() < deadline;) {
    auto refused = std::make_shared<std::atomic<bool>>(false);
    committer_->Submit({[](Transaction&) { return Status::Ok(); },
                        [refused](Status s) {
                          if (s.code() == StatusCode::kUnavailable) refused->store(true);
                        }});
    closed = refused->load();
    if (!closed) std::this_thread::yield();
  }
  ASSERT_TRUE(closed);
  gate_.Release();
  stopper.join();
  // Stop() has returned: every job queued before it is done and durable.
  EXPECT_EQ(log_.ids().size(), kJobs + 1);
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_TRUE(log_.status(i).ok()) << i;
    EXPECT_TRUE(Stored("k" + std::to_string(i)).has_value()) << i;
  }
}

TEST_F(GroupCommitterTest, SubmitAfterStopFailsAtOnceWithoutStaging) {
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kProcess, registry_);
  committer_->Stop();
  committer_->Stop();  // idempotent
  bool staged = false;
  std::optional<Status> result;
  committer_->Submit({[&](Transaction&) {
                        staged = true;
                        return Status::Ok();
                      },
                      [&](Status s) { result = std::move(s); }});
  ASSERT_TRUE(result.has_value());  // called inside Submit
  EXPECT_EQ(result->code(), StatusCode::kUnavailable);
  EXPECT_EQ(result->message(), "shutting down");
  EXPECT_FALSE(staged);
}

// Durability `machine`: a job is answered only after the fsync that covers its write, and the
// writer goes on writing the next group while that fsync runs.
TEST_F(GroupCommitterTest, MachineAnswersAfterTheSyncAndWritesTheNextGroupMeanwhile) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> first_sync{true};
  store_.OnSync([&] {
    if (first_sync.exchange(false)) entered.set_value();
    released.wait_for(30s);
  });
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kMachine, registry_);
  committer_->Submit(PutJob("a", log_.Callback(0)));
  ASSERT_EQ(entered.get_future().wait_for(kWait), std::future_status::ready);
  committer_->Submit(PutJob("b", log_.Callback(1)));
  bool b_written = false;
  for (auto deadline = std::chrono::steady_clock::now() + kWait;
       !b_written && std::chrono::steady_clock::now() < deadline;) {
    b_written = store_.successful_commits() == 2;
    if (!b_written) std::this_thread::yield();
  }
  EXPECT_TRUE(b_written);               // written while the first fsync is still running
  EXPECT_TRUE(log_.ids().empty());      // but neither is answered before its fsync
  EXPECT_EQ(store_.synced_commits(), 0);
  release.set_value();
  ASSERT_TRUE(log_.WaitFor(2));
  EXPECT_TRUE(log_.status(0).ok());
  EXPECT_TRUE(log_.status(1).ok());
  EXPECT_EQ(store_.synced_commits(), 2);
}

TEST_F(GroupCommitterTest, FailedSyncFailsItsGroupAndRefusesEveryLaterWrite) {
  store_.FailNextSyncs(1);
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kMachine, registry_);
  committer_->Submit(PutJob("a", log_.Callback(0)));
  ASSERT_TRUE(log_.WaitFor(1));
  EXPECT_EQ(log_.status(0).code(), StatusCode::kUnavailable);
  EXPECT_THAT(log_.status(0).message(), HasSubstr("injected sync failure"));

  // The disk may have lost anything since the last good fsync: nothing more is written.
  committer_->Submit(PutJob("b", log_.Callback(1)));
  ASSERT_TRUE(log_.WaitFor(2));
  EXPECT_EQ(log_.status(1).code(), StatusCode::kUnavailable);
  EXPECT_THAT(log_.status(1).message(), HasSubstr("until alarmgate restarts"));
  EXPECT_FALSE(Stored("b").has_value());
  EXPECT_EQ(store_.successful_commits(), 1);
  EXPECT_THAT(committer_->WriteRefusal().message(), HasSubstr("injected sync failure"));
}

TEST_F(GroupCommitterTest, ProcessDurabilityNeverSyncs) {
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kProcess, registry_);
  committer_->Submit(PutJob("a", log_.Callback(0)));
  ASSERT_TRUE(log_.WaitFor(1));
  EXPECT_TRUE(log_.status(0).ok());
  EXPECT_TRUE(committer_->WriteRefusal().ok());
  EXPECT_EQ(store_.successful_commits(), 1);
  EXPECT_EQ(store_.synced_commits(), 0);
}

TEST_F(GroupCommitterTest, MachineStopAnswersEverythingQueuedAfterItsSync) {
  committer_ = std::make_unique<GroupCommitter>(store_, Durability::kMachine, registry_);
  constexpr int kJobs = 50;
  for (int i = 0; i < kJobs; ++i) {
    committer_->Submit(PutJob("k" + std::to_string(i), log_.Callback(i)));
  }
  committer_->Stop();
  EXPECT_EQ(log_.ids().size(), kJobs);
  for (int i = 0; i < kJobs; ++i) EXPECT_TRUE(log_.status(i).ok()) << i;
  EXPECT_EQ(store_.synced_commits(), store_.successful_commits());
}

const prometheus::ClientMetric::Histogram* FindHistogram(
    const std::vector<prometheus::MetricFamily>& families, const std::string& name) {
  for (const auto& f : families) {
    if (f.name == name && f.metric.size() == 1) return &f.metric[0].histogram;
  }
  return nullptr;
}

TEST_F(GroupCommitterTest, ObservesWriteTimeAndGroupSize) {
  StartGated();
  for (int i = 0; i < 3; ++i) committer_->Submit(PutJob("k" + std::to_string(i), log_.Callback(i)));
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(4));

  const auto families = registry_.Collect();
  const auto* group_jobs = FindHistogram(families, "alarmgate_storage_group_jobs");
  ASSERT_NE(group_jobs, nullptr);
  EXPECT_EQ(group_jobs->sample_count, 2u);  // the gate alone, then the three jobs together
  EXPECT_DOUBLE_EQ(group_jobs->sample_sum, 4.0);

  const auto* write_seconds = FindHistogram(families, "alarmgate_storage_write_seconds");
  ASSERT_NE(write_seconds, nullptr);
  EXPECT_EQ(write_seconds->sample_count, 1u);  // the gate's group wrote nothing
  ASSERT_FALSE(write_seconds->bucket.empty());
  EXPECT_DOUBLE_EQ(write_seconds->bucket.front().upper_bound, 0.0001);
}

// Jobs of one group allocate incident numbers one after another: consecutive, none reused, and a
// failed job's allocation given to the next job (it was never written).
TEST_F(GroupCommitterTest, JobsOfOneGroupAllocateConsecutiveIncidentSequences) {
  ChangeSet seed;
  seed.Get<IncidentChanges>().SetSequence(41);
  ASSERT_TRUE(store_.Commit(seed, Durability::kProcess).ok());
  StartGated();
  std::vector<uint64_t> allocated(3, 0);
  for (int i = 0; i < 3; ++i) {
    committer_->Submit({[&, i](Transaction& txn) {
                          ASSIGN_OR_RETURN(allocated[i], IncidentView(txn).AllocateSequence());
                          return i == 1 ? Status::InvalidArgument("rejected") : Status::Ok();
                        },
                        log_.Callback(i)});
  }
  gate_.Release();
  ASSERT_TRUE(log_.WaitFor(4));
  EXPECT_THAT(allocated, ElementsAre(42, 43, 43));
  EXPECT_EQ(*store_.Get<IncidentStore>().LastSequence(), 43u);
}

}  // namespace
}  // namespace alarmgate
