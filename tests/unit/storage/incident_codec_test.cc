// IncidentCodec: every field survives a round trip (unicode, escapes, optionals, every enum
// value), enums are stored by their seed keys, and an unreadable value is Internal naming its key.

#include "storage/rocksdb/incident_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::FullIncident;
using ::alarmgate::testing::MakeIncident;
using ::alarmgate::testing::Num;
using ::alarmgate::testing::Tie;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Result<Incident> RoundTrip(const Incident& i) {
  return IncidentCodec::Decode(i.incident_num, IncidentCodec::Encode(i));
}

TEST(IncidentCodecTest, RoundTripKeepsEveryField) {
  const Incident full = FullIncident(Num(1));
  auto decoded = RoundTrip(full);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Tie(*decoded), Tie(full));
}

TEST(IncidentCodecTest, RoundTripOfUnsetOptionalsAndEmptyLists) {
  Incident bare = MakeIncident(Num(2));
  bare.virtual_confirm_result = true;  // the other value of the bool optional
  auto decoded = RoundTrip(bare);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Tie(*decoded), Tie(bare));
  EXPECT_EQ(decoded->handle_time_ms, std::nullopt);
  EXPECT_EQ(decoded->mtm_type, std::nullopt);
}

TEST(IncidentCodecTest, EveryEnumValueRoundTrips) {
  for (size_t n = 0; n < IncidentLevelTable().size(); ++n) {
    Incident i = MakeIncident(Num(1));
    i.level = static_cast<IncidentLevel>(n);
    EXPECT_EQ(RoundTrip(i)->level, i.level) << n;
  }
  for (size_t n = 0; n < IncidentTypeTable().size(); ++n) {
    Incident i = MakeIncident(Num(1));
    i.type = static_cast<IncidentType>(n);
    i.mtm_type = i.type;
    EXPECT_EQ(RoundTrip(i)->type, i.type) << n;
    EXPECT_EQ(RoundTrip(i)->mtm_type, i.type) << n;
  }
  for (size_t n = 0; n < IncidentSourceTable().size(); ++n) {
    Incident i = MakeIncident(Num(1));
    i.source = static_cast<IncidentSource>(n);
    EXPECT_EQ(RoundTrip(i)->source, i.source) << n;
  }
  for (size_t n = 0; n < IncidentStatusTable().size(); ++n) {
    Incident i = MakeIncident(Num(1));
    i.status = static_cast<IncidentStatus>(n);
    EXPECT_EQ(RoundTrip(i)->status, i.status) << n;
  }
}

TEST(IncidentCodecTest, EncodingIsJsonWithLeadingVersionAndSeedKeys) {
  const std::string encoded = IncidentCodec::Encode(FullIncident(Num(1)));
  EXPECT_THAT(encoded, StartsWith(R"({"v":1,)"));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(encoded).get(doc), simdjson::SUCCESS);
  std::string_view status;
  ASSERT_EQ(doc["status"].get_string().get(status), simdjson::SUCCESS);
  EXPECT_EQ(status, "INCIDENT_STATUS_REJECTED");
  std::string_view level;
  ASSERT_EQ(doc["level"].get_string().get(level), simdjson::SUCCESS);
  EXPECT_EQ(level, "level_10");
  // The key is the incident number; the value does not repeat it.
  EXPECT_EQ(encoded.find(Num(1)), std::string::npos);
}

TEST(IncidentCodecTest, UnreadableValuesAreInternalErrorsNamingTheKey) {
  const std::string good = IncidentCodec::Encode(MakeIncident(Num(1)));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto pos = s.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
  };
  struct Case {
    std::string name;
    std::string value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"empty", "", "not valid JSON"},
      {"truncated", good.substr(0, good.size() / 2), "not valid JSON"},
      {"not an object", "[1]", "not a JSON object"},
      {"no version", replace(R"("v":1,)", ""), "field v"},
      {"future version", replace(R"("v":1)", R"("v":2)"), "unsupported version 2"},
      {"missing field", replace(R"("title":)", R"("titl":)"), "field title"},
      {"wrong type", replace(R"("create_time_ms":1001)", R"("create_time_ms":"1001")"),
       "field create_time_ms"},
      {"list of non-strings", replace(R"("region":[])", R"("region":[1])"), "field region"},
      {"list that is not a list", replace(R"("assignee":[])", R"("assignee":"x")"),
       "field assignee"},
      {"unknown status",
       replace(R"("status":"INCIDENT_STATUS_TRIGGERED")", R"("status":"TRIGGERED")"),
       "unknown status 'TRIGGERED'"},
      {"unknown level", replace(R"("level":"level_30")", R"("level":"P3")"), "unknown level"},
      {"unknown mtm_type", replace(R"("mtm_type":null)", R"("mtm_type":"x")"), "field mtm_type"},
      {"handle_time not a number", replace(R"("handle_time_ms":null)", R"("handle_time_ms":true)"),
       "field handle_time_ms"},
      {"confirm result not a bool",
       replace(R"("virtual_confirm_result":null)", R"("virtual_confirm_result":1)"),
       "field virtual_confirm_result"},
  };
  for (const auto& c : cases) {
    auto decoded = IncidentCodec::Decode("the-key", c.value);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr("the-key")) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace alarmgate
