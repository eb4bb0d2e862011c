// TimelineEntryCodec: every field survives a round trip (parameters byte for byte, statuses set
// or not), and an unreadable value is Internal naming its key.

#include "storage/rocksdb/timeline_entry_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::MakeEntry;
using ::alarmgate::testing::Tie;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(TimelineEntryCodecTest, RoundTripKeepsEveryField) {
  TimelineEntry transition;
  transition.time_ms = 9'007'199'254'740'993;
  transition.actor = "运维 \"op\"";
  transition.action = "confirm";
  transition.from_status = IncidentStatus::kResolved;
  transition.to_status = IncidentStatus::kRejected;
  // Whitespace, escapes and key order are kept: the text is stored, not re-serialized.
  transition.parameters = "{ \"result\" : false,\n \"comment\": \"\\u00e9 é\" }";
  const TimelineEntry note = MakeEntry("remediation_refused", -1);
  TimelineEntry not_json = MakeEntry("alarm");
  not_json.parameters = "{broken";  // the codec does not judge it; it still round-trips

  for (const TimelineEntry& e : {transition, note, not_json}) {
    auto decoded = TimelineEntryCodec::Decode("k", TimelineEntryCodec::Encode(e));
    ASSERT_TRUE(decoded.ok()) << decoded.status().message();
    EXPECT_EQ(Tie(*decoded), Tie(e));
  }
}

TEST(TimelineEntryCodecTest, EncodingHasLeadingVersionAndStatusKeys) {
  TimelineEntry e = MakeEntry("acceptedIncident1");
  e.from_status = IncidentStatus::kTriggered;
  e.to_status = IncidentStatus::kAcknowledged;
  const std::string encoded = TimelineEntryCodec::Encode(e);
  EXPECT_THAT(encoded, StartsWith(R"({"v":1,)"));
  EXPECT_THAT(encoded, HasSubstr(R"("from_status":"INCIDENT_STATUS_TRIGGERED")"));
  EXPECT_THAT(encoded, HasSubstr(R"("to_status":"INCIDENT_STATUS_ACKNOWLEDGED")"));
}

TEST(TimelineEntryCodecTest, UnreadableValuesAreInternalErrorsNamingTheKey) {
  const std::string good = TimelineEntryCodec::Encode(MakeEntry("create"));
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
      {"garbage", "\x01", "not valid JSON"},
      {"not an object", "\"x\"", "not a JSON object"},
      {"future version", replace(R"("v":1)", R"("v":9)"), "unsupported version 9"},
      {"missing action", replace(R"("action":)", R"("act":)"), "field action"},
      {"time not an integer", replace(R"("time_ms":1000)", R"("time_ms":1.5)"), "field time_ms"},
      {"unknown status", replace(R"("to_status":null)", R"("to_status":"DONE")"),
       "unknown status 'DONE'"},
      {"parameters not a string", replace(R"("parameters":"{}")", R"("parameters":{})"),
       "field parameters"},
  };
  for (const auto& c : cases) {
    auto decoded = TimelineEntryCodec::Decode("IM1#00000000000000000001", c.value);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr("IM1#00000000000000000001")) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace alarmgate
