// ConfigReloader: a reload is refused whole when the files are invalid or when any part cannot
// prepare (here: storage failing while the group timers' due times are read), and swaps and
// applies everything only when every part is ready.

#include "gateway/config_reloader.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/group_timers.h"
#include "storage/memory/memory_store.h"

namespace alarmgate {
namespace {

// A store whose group states cannot be read, as after a disk error.
class UnreadableGroupsStore final : public Store, private GroupStore {
 public:
  UnreadableGroupsStore() {
    ReadThrough(inner_);
    Override<GroupStore>(*this);
  }
  Status Commit(const ChangeSet& changes, Durability durability) override {
    return inner_.Commit(changes, durability);
  }
  Status Sync() override { return inner_.Sync(); }
  uint64_t ApproximateBytes() override { return 0; }

 private:
  Result<std::optional<GroupState>> Get(std::string_view) override { return Unreadable(); }
  Result<std::optional<AlarmStatus>> GetMember(std::string_view, std::string_view) override {
    return Unreadable();
  }
  Status ForEach(const std::function<void(const GroupState&)>&) override { return Unreadable(); }
  static Status Unreadable() { return Status::Unavailable("read group states: I/O error"); }

  MemoryStore inner_;
};

std::shared_ptr<const RuntimeConfig> Runtime(const std::string& integration) {
  auto config = std::make_shared<Config>();
  IntegrationConfig i;
  i.name = integration;
  i.key = integration + "-key";
  config->integrations.push_back(i);
  return std::make_shared<const RuntimeConfig>(
      RuntimeConfig{std::move(config), std::make_shared<const RuleSet>()});
}

class ConfigReloaderTest : public ::testing::Test {
 protected:
  ConfigReloaderTest() {
    last_reload_ok_.Set(1);
    next_.loaded = *Runtime("new");
  }

  // A part that always prepares, and records that it did and that it applied.
  void AddRecordingPart(const std::string& name) {
    reloader_.AddPart(name, [this, name](const RuntimeConfig& next, const RuntimeConfig& current) {
      prepared_.push_back(name + ":" + current.config->integrations[0].name + "->" +
                          next.config->integrations[0].name);
      return ConfigReloader::Apply([this, name] {
        // Applied with the new config already in force.
        applied_.push_back(name + ":" + runtime_.config().Get()->integrations[0].name);
      });
    });
  }

  void ExpectTheOldConfigServes() {
    EXPECT_EQ(runtime_.Get(), old_);
    EXPECT_EQ(runtime_.config().Get(), old_->config);
    EXPECT_EQ(runtime_.rules().Get(), old_->rules);
  }

  const std::shared_ptr<const RuntimeConfig> old_ = Runtime("old");
  RuntimeConfigHolder runtime_{old_};
  prometheus::Registry registry_;
  prometheus::Gauge& last_reload_ok_ =
      prometheus::BuildGauge().Name("reload_ok").Register(registry_).Add({});
  LoadedConfiguration next_;
  ConfigReloader reloader_{[this] { return next_; }, runtime_, last_reload_ok_};
  std::vector<std::string> prepared_;
  std::vector<std::string> applied_;
};

TEST_F(ConfigReloaderTest, AGoodReloadSwapsEverythingThenAppliesEachPartInOrder) {
  AddRecordingPart("first");
  AddRecordingPart("second");
  ASSERT_TRUE(reloader_.Reload().ok());
  EXPECT_EQ(runtime_.config().Get()->integrations[0].name, "new");
  EXPECT_EQ(runtime_.rules().Get(), runtime_.Get()->rules);
  EXPECT_EQ(prepared_, (std::vector<std::string>{"first:old->new", "second:old->new"}));
  EXPECT_EQ(applied_, (std::vector<std::string>{"first:new", "second:new"}));
  EXPECT_EQ(last_reload_ok_.Value(), 1);
}

TEST_F(ConfigReloaderTest, InvalidFilesAreRefusedWholeWithEveryProblem) {
  AddRecordingPart("first");
  next_.loaded.reset();
  next_.problems = {"alarmgate.yaml:3: unknown key", "rules.yaml:7: bad regex"};
  Status s = reloader_.Reload();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("alarmgate.yaml:3: unknown key | rules.yaml:7: bad regex"),
            std::string::npos)
      << s.message();
  EXPECT_TRUE(prepared_.empty());
  ExpectTheOldConfigServes();
  EXPECT_EQ(last_reload_ok_.Value(), 0);
}

TEST_F(ConfigReloaderTest, APartThatCannotPrepareRefusesTheReloadWhole) {
  UnreadableGroupsStore store;
  AddRecordingPart("before");
  reloader_.AddPart(
      "group_timers",
      [&store](const RuntimeConfig& next, const RuntimeConfig&) -> Result<ConfigReloader::Apply> {
        ASSIGN_OR_RETURN(auto due_times, GroupTimers::DueTimes(store, *next.rules));
        ADD_FAILURE() << "read " << due_times.size() << " due times from an unreadable store";
        return ConfigReloader::Apply();
      });
  AddRecordingPart("after");

  Status s = reloader_.Reload();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("group_timers: read group states: I/O error"), std::string::npos)
      << s.message();
  EXPECT_EQ(prepared_, (std::vector<std::string>{"before:old->new"}));
  EXPECT_TRUE(applied_.empty()) << "a part applied a change of a refused reload";
  ExpectTheOldConfigServes();
  EXPECT_EQ(last_reload_ok_.Value(), 0);
}

TEST_F(ConfigReloaderTest, ARefusedReloadThenAGoodOneRecoversTheGauge) {
  next_.loaded.reset();
  next_.problems = {"alarmgate.yaml:1: broken"};
  EXPECT_FALSE(reloader_.Reload().ok());
  EXPECT_EQ(last_reload_ok_.Value(), 0);
  next_.loaded = *Runtime("new");
  next_.problems.clear();
  EXPECT_TRUE(reloader_.Reload().ok());
  EXPECT_EQ(last_reload_ok_.Value(), 1);
  EXPECT_EQ(runtime_.config().Get()->integrations[0].name, "new");
}

}  // namespace
}  // namespace alarmgate
