// SilenceCodec: every field and every kind of condition survives a round trip, regexes as their
// pattern text (compiling them is the domain's), and a value that is not a readable silence is an
// Internal error naming its key and the field.

#include "storage/rocksdb/silence_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/storage/rule_state_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::FullSilence;
using ::alarmgate::testing::MakeSilence;
using ::alarmgate::testing::RegexCondition;
using ::alarmgate::testing::Values;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SilenceCodecTest, RoundTripKeepsEveryFieldAndEveryConditionKind) {
  const Silence s = FullSilence("S000000000042");
  auto decoded = SilenceCodec::Decode(s.id, SilenceCodec::Encode(s));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Values(*decoded), Values(s));
}

TEST(SilenceCodecTest, RoundTripOfASilenceWithoutMatchers) {
  const Silence s = MakeSilence("S1");
  auto decoded = SilenceCodec::Decode("S1", SilenceCodec::Encode(s));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Values(*decoded), Values(s));
}

TEST(SilenceCodecTest, RegexComesBackAsItsPatternTextOnly) {
  const Silence s = MakeSilence("S1", {RegexCondition("resourceId", R"((?i)web-\d+)")});
  const std::string encoded = SilenceCodec::Encode(s);
  EXPECT_THAT(encoded, HasSubstr(R"("regex":"(?i)web-\\d+")"));  // inline flags stay in it
  auto decoded = SilenceCodec::Decode("S1", encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  ASSERT_EQ(decoded->matchers.size(), 1u);
  EXPECT_EQ(decoded->matchers[0].pattern, R"((?i)web-\d+)");
  EXPECT_EQ(decoded->matchers[0].regex, nullptr);
}

// A pattern this build's RE2 would refuse is still a readable value: storage keeps text, and the
// silence service reports the pattern when it compiles it.
TEST(SilenceCodecTest, PatternIsReadWithoutBeingCompiled) {
  Silence s = MakeSilence("S1", {RegexCondition("url", "a+")});
  s.matchers[0].pattern = "(a+";
  auto decoded = SilenceCodec::Decode("S1", SilenceCodec::Encode(s));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->matchers[0].pattern, "(a+");
}

TEST(SilenceCodecTest, EncodingIsJsonWithLeadingVersion) {
  EXPECT_THAT(SilenceCodec::Encode(FullSilence("S1")), StartsWith(R"({"v":1,)"));
}

TEST(SilenceCodecTest, UnreadableValuesAreInternalErrorsNamingTheKeyAndField) {
  const std::string good = SilenceCodec::Encode(
      MakeSilence("S1", {testing::Equals("alarmName", "x"), RegexCondition("url", "a+")}));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto pos = s.find(from);
    EXPECT_NE(pos, std::string::npos) << from << " in " << good;
    return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
  };
  struct Case {
    std::string name;
    std::string value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"garbage", "\x01garbage", "not valid JSON"},
      {"future version", replace(R"("v":1)", R"("v":7)"), "unsupported version 7"},
      {"missing field", replace(R"("creator":"alice",)", ""), "field creator"},
      {"matchers not an array", replace(R"("matchers":[)", R"("matchers":"x","y":[)"),
       "field matchers"},
      {"unknown condition kind", replace(R"("kind":"equals")", R"("kind":"like")"),
       "field matchers[0].kind: unknown condition kind 'like'"},
      {"values not strings", replace(R"("values":["x"])", R"("values":[1])"),
       "field matchers[0].values"},
  };
  for (const auto& c : cases) {
    auto decoded = SilenceCodec::Decode("S1", c.value);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr("silence 'S1'")) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace alarmgate
