// SilenceService over a MemoryStore: ids made from the stored sequence (and their limit), regex
// matchers stored as their pattern and compiled again when stored silences are loaded.

#include "pipeline/silence_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "rules/rule_loader.h"
#include "rules/rule_set.h"
#include "rules/silence_id.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kNow = 1'800'000'000'000;  // 2027-01-15T08:00:00Z

Silence ApiSilence() {
  auto s = RuleLoader::ParseApiSilence(
      R"({"matchers":{"applicationId":"billing","alarmName":{"regex":"(?i)cpu.*"}},
          "ends_at":"2027-01-16T00:00:00Z","comment":"maintenance","creator":"alice"})",
      kNow);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : Silence();
}

class SilenceServiceTest : public testing::Test {
 protected:
  Result<Silence> Create(Silence silence) {
    std::promise<Result<Silence>> done;
    service_.Create(std::move(silence), [&](Result<Silence> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }

  MemoryStore store_;
  prometheus::Registry registry_;
  FakeClock clock_{kNow};
  GroupCommitter committer_{store_, Durability::kProcess, registry_};
  SilencesHolder holder_{std::make_shared<const std::vector<Silence>>()};
  SilenceService service_{store_, committer_, clock_, holder_};
};

TEST_F(SilenceServiceTest, StoresRegexMatchersAsTheirPatternAndLoadCompilesThem) {
  auto created = Create(ApiSilence());
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->id, "S000000000001");
  auto stored = store_.Get<SilenceStore>().Get(created->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->matchers.at(1).pattern, "(?i)cpu.*");

  SilencesHolder reloaded{std::make_shared<const std::vector<Silence>>()};
  SilenceService restarted(store_, committer_, clock_, reloaded);
  ASSERT_TRUE(restarted.Load().ok());
  ASSERT_EQ(reloaded.Get()->size(), 1u);
  Alarm a;
  a.application_id = "billing";
  a.alarm_name = "CPU high";
  EXPECT_TRUE(Matches(reloaded.Get()->front().matchers, a));
  a.alarm_name = "disk full";
  EXPECT_FALSE(Matches(reloaded.Get()->front().matchers, a));
}

TEST_F(SilenceServiceTest, LoadReportsAStoredPatternThatNoLongerCompiles) {
  Silence s = ApiSilence();
  s.id = "S000000000007";
  s.matchers.at(1).pattern = "(cpu";
  ChangeSet c;
  c.Get<SilenceChanges>().Put(s);
  ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());
  Status loaded = service_.Load();
  EXPECT_EQ(loaded.code(), StatusCode::kInternal);
  EXPECT_THAT(loaded.message(), HasSubstr("silence 'S000000000007'"));
  EXPECT_THAT(loaded.message(), HasSubstr("pattern \"(cpu\" no longer compiles"));
}

TEST_F(SilenceServiceTest, RefusesPastTheLargestIdAndStagesNothing) {
  ChangeSet c;
  c.Get<SilenceChanges>().SetSequence(kMaxSilenceSequence - 1);
  ASSERT_TRUE(store_.Commit(c, Durability::kProcess).ok());
  auto last = Create(ApiSilence());
  ASSERT_TRUE(last.ok()) << last.status().message();
  EXPECT_EQ(last->id, "S999999999999");
  auto refused = Create(ApiSilence());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(*store_.Get<SilenceStore>().LastSequence(), kMaxSilenceSequence);
}

}  // namespace
}  // namespace alarmgate
