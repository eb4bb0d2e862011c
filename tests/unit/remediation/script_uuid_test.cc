// Tests for script uuids: the seed's shape, the time they carry, and no repeats.

#include "remediation/script_uuid.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

namespace alarmgate {
namespace {

// 2023-10-25T21:41:37.500Z, the time of the seed's SC2023102521413701c4a8a62.
constexpr int64_t kSeedTimeMs = 1'698'270'097'500;

TEST(ScriptUuidTest, HasTheSeedShape) {
  std::string uuid = NewScriptUuid(kSeedTimeMs);
  EXPECT_EQ(uuid.size(), kScriptUuidLength);
  EXPECT_EQ(uuid.substr(0, 16), "SC20231025214137");
  EXPECT_TRUE(IsScriptUuid(uuid)) << uuid;
}

TEST(ScriptUuidTest, SeedUuidsAreUuids) {
  EXPECT_TRUE(IsScriptUuid("SC2023102521413701c4a8a62"));
  EXPECT_TRUE(IsScriptUuid("SC2023110211155901a700000"));
  EXPECT_TRUE(IsScriptUuid("SC2023110211155901a787af4"));
}

TEST(ScriptUuidTest, RejectsOtherShapes) {
  EXPECT_FALSE(IsScriptUuid(""));
  EXPECT_FALSE(IsScriptUuid("SC2023102521413701c4a8a6"));    // 24
  EXPECT_FALSE(IsScriptUuid("SC2023102521413701c4a8a621"));  // 26
  EXPECT_FALSE(IsScriptUuid("sc2023102521413701c4a8a62"));
  EXPECT_FALSE(IsScriptUuid("IM2023102521413701c4a8a62"));
  EXPECT_FALSE(IsScriptUuid("SC20231025214x3701c4a8a62"));  // time not digits
  EXPECT_FALSE(IsScriptUuid("SC2023102521413701C4A8A62"));  // upper-case hex
  EXPECT_FALSE(IsScriptUuid("SC2023102521413701c4a8a6g"));
}

TEST(ScriptUuidTest, TimeIsClampedToWhatFourteenDigitsShow) {
  EXPECT_EQ(NewScriptUuid(-5).substr(0, 16), "SC19700101000000");
  EXPECT_EQ(NewScriptUuid(INT64_MAX).substr(0, 16), "SC99991231235959");
}

TEST(ScriptUuidTest, TenThousandInOneSecondAreDistinct) {
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) {
    std::string uuid = NewScriptUuid(kSeedTimeMs);
    ASSERT_TRUE(IsScriptUuid(uuid)) << uuid;
    ASSERT_TRUE(seen.insert(uuid).second) << "repeated " << uuid << " after " << i;
  }
}

TEST(ScriptUuidTest, ConsecutiveSuffixesDoNotLookSequential) {
  std::string a = NewScriptUuid(kSeedTimeMs).substr(16);
  std::string b = NewScriptUuid(kSeedTimeMs).substr(16);
  EXPECT_NE(a.substr(0, 6), b.substr(0, 6));  // a plain counter would share its high digits
}

}  // namespace
}  // namespace alarmgate
