// GroupStateCodec: every field, the hold alarm's included, survives a round trip, and a value that
// is not a readable group is an Internal error naming its key and the field.

#include "storage/rocksdb/group_state_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "tests/unit/storage/rule_state_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::BareGroup;
using ::alarmgate::testing::FullGroup;
using ::alarmgate::testing::Values;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kKey[] = R"(["disk-full","web-1"])";

TEST(GroupStateCodecTest, RoundTripKeepsEveryFieldAndTheHoldAlarm) {
  const GroupState g = FullGroup(kKey);
  auto decoded = GroupStateCodec::Decode(kKey, GroupStateCodec::Encode(g));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Values(*decoded), Values(g));
}

TEST(GroupStateCodecTest, RoundTripOfABareGroup) {
  const GroupState g = BareGroup(kKey);
  auto decoded = GroupStateCodec::Decode(kKey, GroupStateCodec::Encode(g));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Values(*decoded), Values(g));
  EXPECT_FALSE(decoded->hold_alarm.has_value());
  EXPECT_FALSE(decoded->incident_num.has_value());
}

TEST(GroupStateCodecTest, EveryLevelAndStatusOfTheHoldAlarmRoundTrips) {
  for (AlarmStatus s : {AlarmStatus::kAlarm, AlarmStatus::kOk}) {
    for (AlarmLevel l :
         {AlarmLevel::kCritical, AlarmLevel::kMajor, AlarmLevel::kMinor, AlarmLevel::kInfo}) {
      GroupState g = FullGroup(kKey);
      g.hold_alarm->status = s;
      g.hold_alarm->level = l;
      auto decoded = GroupStateCodec::Decode(kKey, GroupStateCodec::Encode(g));
      ASSERT_TRUE(decoded.ok()) << decoded.status().message();
      EXPECT_EQ(decoded->hold_alarm->status, s);
      EXPECT_EQ(decoded->hold_alarm->level, l);
    }
  }
}

TEST(GroupStateCodecTest, EncodingIsJsonWithLeadingVersionAndNestedHoldAlarm) {
  const std::string encoded = GroupStateCodec::Encode(FullGroup(kKey));
  EXPECT_THAT(encoded, StartsWith(R"({"v":1,)"));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(encoded).get(doc), simdjson::SUCCESS);
  std::string_view name;
  ASSERT_EQ(doc["hold_alarm"]["alarm_name"].get_string().get(name), simdjson::SUCCESS);
  EXPECT_EQ(name, "CPU 高 🔥");
  int64_t alarming = 0;
  ASSERT_EQ(doc["alarming_count"].get_int64().get(alarming), simdjson::SUCCESS);
  EXPECT_EQ(alarming, 3);
}

// The value stays the same size whatever the group's size: members are stored apart.
TEST(GroupStateCodecTest, SizeDoesNotGrowWithTheMembers) {
  GroupState one = BareGroup(kKey);
  one.member_count = 1;
  one.alarming_count = 1;
  GroupState many = BareGroup(kKey);
  many.member_count = 9'999;
  many.alarming_count = 1;
  EXPECT_EQ(GroupStateCodec::Encode(many).size(), GroupStateCodec::Encode(one).size() + 3);
}

TEST(GroupStateCodecTest, UnreadableValuesAreInternalErrorsNamingTheKeyAndField) {
  GroupState small = BareGroup(kKey);
  small.member_count = 2;
  small.alarming_count = 1;
  small.hold_alarm = Alarm();
  small.transitions_ms = {5};
  const std::string good = GroupStateCodec::Encode(small);
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
      {"empty", "", "not valid JSON"},
      {"not an object", "[]", "not a JSON object"},
      {"future version", replace(R"("v":1)", R"("v":2)"), "unsupported version 2"},
      {"missing field", replace(R"("flapping":false)", R"("x":false)"), "field flapping"},
      {"member count not an integer", replace(R"("member_count":2)", R"("member_count":"2")"),
       "field member_count"},
      {"alarming count missing", replace(R"("alarming_count":1,)", ""), "field alarming_count"},
      {"more alarming than members", replace(R"("alarming_count":1)", R"("alarming_count":3)"),
       "3 alarming of 2"},
      {"negative alarming", replace(R"("alarming_count":1)", R"("alarming_count":-1)"),
       "counts out of range"},
      {"transition not an integer", replace(R"([5])", R"(["5"])"), "field transitions_ms"},
      {"hold alarm not an object", replace(R"("hold_alarm":{)", R"("hold_alarm":"x","y":{)"),
       "field hold_alarm"},
      {"hold alarm with unknown level", replace(R"("level":"Info")", R"("level":"Huge")"),
       "field hold_alarm.level"},
      {"hold alarm missing a field", replace(R"("url":"",)", ""), "field hold_alarm.url"},
  };
  for (const auto& c : cases) {
    auto decoded = GroupStateCodec::Decode(kKey, c.value);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(kKey)) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace alarmgate
