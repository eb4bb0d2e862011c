#include "pipeline/alarm_purger.h"

#include <future>

#include <gtest/gtest.h>

#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000;

class AlarmPurgerTest : public testing::Test {
 protected:
  void Put(const std::string& fp, AlarmStatus status, int64_t last_seen_ms) {
    AlarmRecord r;
    r.fingerprint = fp;
    r.integration = "mon";
    r.alarm_id = fp;
    r.status = status;
    r.last_seen_ms = last_seen_ms;
    r.last_event_json = "{}";
    ChangeSet c;
    c.Get<AlarmChanges>().Put(r);
    ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());
  }
  bool Has(const std::string& fp) { return store_.Get<AlarmStore>().Get(fp)->has_value(); }
  Result<size_t> Purge(int64_t days) {
    std::promise<Result<size_t>> p;
    purger_.PurgeOnce(days, [&p](Result<size_t> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  FakeClock clock_{100 * kDay};
  GroupCommitter committer_{store_, Durability::kProcess, registry_};
  AlarmPurger purger_{store_, committer_, clock_};
};

TEST_F(AlarmPurgerTest, DeletesOnlyResolvedAlarmsOlderThanRetention) {
  Put("old-ok", AlarmStatus::kOk, 60 * kDay);
  Put("old-firing", AlarmStatus::kAlarm, 60 * kDay);  // still firing: never purged
  Put("recent-ok", AlarmStatus::kOk, 80 * kDay);
  auto deleted = Purge(30);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 1u);
  EXPECT_FALSE(Has("old-ok"));
  EXPECT_TRUE(Has("old-firing"));
  EXPECT_TRUE(Has("recent-ok"));
}

TEST_F(AlarmPurgerTest, NothingToPurgeWritesNothing) {
  Put("recent-ok", AlarmStatus::kOk, 99 * kDay);
  auto deleted = Purge(30);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 0u);
}

TEST_F(AlarmPurgerTest, AFailedWriteIsReportedAndDeletesNothing) {
  Put("old-ok", AlarmStatus::kOk, 1 * kDay);
  store_.FailNextCommits(1);
  EXPECT_EQ(Purge(30).status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(Has("old-ok"));
}

}  // namespace
}  // namespace alarmgate
