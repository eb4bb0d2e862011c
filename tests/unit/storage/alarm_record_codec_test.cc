// AlarmRecordCodec: every field survives a round trip (unicode, escapes, embedded JSON), and a
// value that is not a readable record is an Internal error naming its key.

#include "storage/rocksdb/alarm_record_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate {
namespace {

using ::alarmgate::testing::MakeRecord;
using ::alarmgate::testing::Tie;
using ::testing::HasSubstr;
using ::testing::StartsWith;

AlarmRecord FullRecord() {
  AlarmRecord r = MakeRecord("0123456789abcdef0123456789abcdef", "in-house-monitor");
  r.alarm_id = "告警-1 \"quoted\" \\ back\tslash\n";
  r.status = AlarmStatus::kOk;
  r.level = AlarmLevel::kCritical;
  r.first_seen_ms = 1'700'000'000'000;
  r.last_seen_ms = 1'700'000'000'999;
  r.count = 9'007'199'254'740'993;  // above 2^53: must not pass through a double
  r.transition_time_ms = -1;
  r.last_event_time_ms = 0;
  r.last_transition_at_ms = 1'700'000'000'500;
  r.incident_num = "IM20240101000001";
  r.last_event_json =
      R"({"alarmName":"CPU 高 🔥","additional":{"k":[1,-2,true,false,null,{"n":"\"q\""}]},"x":"\u0001"})";
  r.last_decision_json =
      R"({"rules":[{"name":"disk-full","matched":true}],"silenced_by":null,"note":"规则 \"a\""})";
  return r;
}

TEST(AlarmRecordCodecTest, RoundTripKeepsEveryField) {
  const AlarmRecord r = FullRecord();
  auto decoded = AlarmRecordCodec::Decode(r.fingerprint, AlarmRecordCodec::Encode(r));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  AlarmRecord want = r;
  // The embedded event is stored as JSON and re-serialized: same value, canonical escapes.
  want.last_event_json =
      R"({"alarmName":"CPU 高 🔥","additional":{"k":[1,-2,true,false,null,{"n":"\"q\""}]},"x":"\u0001"})";
  EXPECT_EQ(Tie(*decoded), Tie(want));
}

TEST(AlarmRecordCodecTest, RoundTripOfOptionalsAndEmptyEvent) {
  AlarmRecord r = MakeRecord("fp");
  r.incident_num.reset();
  r.last_event_json.clear();
  auto decoded = AlarmRecordCodec::Decode("fp", AlarmRecordCodec::Encode(r));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(Tie(*decoded), Tie(r));
}

TEST(AlarmRecordCodecTest, EmptyDecisionIsStoredAsNullAndReadsBackEmpty) {
  AlarmRecord r = MakeRecord("fp");
  r.last_decision_json.clear();
  const std::string encoded = AlarmRecordCodec::Encode(r);
  EXPECT_THAT(encoded, HasSubstr(R"("last_decision":null)"));
  auto decoded = AlarmRecordCodec::Decode("fp", encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->last_decision_json, "");
}

// Records written before the decision was stored have no such field: they read as "no decision".
TEST(AlarmRecordCodecTest, RecordWithoutDecisionFieldReadsAsNoDecision) {
  AlarmRecord r = FullRecord();
  std::string encoded = AlarmRecordCodec::Encode(r);
  const auto pos = encoded.find(R"(,"last_decision":)");
  ASSERT_NE(pos, std::string::npos);
  encoded = encoded.substr(0, pos) + "}";
  auto decoded = AlarmRecordCodec::Decode(r.fingerprint, encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->last_decision_json, "");
  EXPECT_EQ(decoded->last_event_json, r.last_event_json);
}

TEST(AlarmRecordCodecTest, EveryStatusAndLevelRoundTrips) {
  for (AlarmStatus s : {AlarmStatus::kAlarm, AlarmStatus::kOk}) {
    for (AlarmLevel l :
         {AlarmLevel::kCritical, AlarmLevel::kMajor, AlarmLevel::kMinor, AlarmLevel::kInfo}) {
      AlarmRecord r = MakeRecord("fp");
      r.status = s;
      r.level = l;
      auto decoded = AlarmRecordCodec::Decode("fp", AlarmRecordCodec::Encode(r));
      ASSERT_TRUE(decoded.ok());
      EXPECT_EQ(decoded->status, s);
      EXPECT_EQ(decoded->level, l);
    }
  }
}

TEST(AlarmRecordCodecTest, EncodingIsJsonWithLeadingVersionAndEmbeddedEvent) {
  const std::string encoded = AlarmRecordCodec::Encode(FullRecord());
  EXPECT_THAT(encoded, StartsWith(R"({"v":1,)"));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(encoded).get(doc), simdjson::SUCCESS);
  // The event is an object inside the record, not a string holding JSON.
  simdjson::dom::object event;
  ASSERT_EQ(doc["last_event"].get_object().get(event), simdjson::SUCCESS);
  std::string_view name;
  ASSERT_EQ(event["alarmName"].get_string().get(name), simdjson::SUCCESS);
  EXPECT_EQ(name, "CPU 高 🔥");
  // So is the decision.
  simdjson::dom::object decision;
  ASSERT_EQ(doc["last_decision"].get_object().get(decision), simdjson::SUCCESS);
  std::string_view note;
  ASSERT_EQ(decision["note"].get_string().get(note), simdjson::SUCCESS);
  EXPECT_EQ(note, "规则 \"a\"");
}

TEST(AlarmRecordCodecTest, UnreadableValuesAreInternalErrorsNamingTheKey) {
  const std::string good = AlarmRecordCodec::Encode(MakeRecord("fp"));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto pos = s.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return s.replace(pos, from.size(), to);
  };
  struct Case {
    std::string name;
    std::string value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"empty", "", "not valid JSON"},
      {"truncated", good.substr(0, good.size() / 2), "not valid JSON"},
      {"garbage", "\x01\x02garbage", "not valid JSON"},
      {"not an object", "[1,2]", "not a JSON object"},
      {"no version", replace(R"("v":1,)", ""), "field v"},
      {"future version", replace(R"("v":1)", R"("v":2)"), "unsupported version 2"},
      {"missing field", replace(R"("count":1,)", ""), "field count"},
      {"wrong type", replace(R"("count":1)", R"("count":"1")"), "field count"},
      {"unknown status", replace(R"("status":"alarm")", R"("status":"firing")"), "unknown status"},
      {"unknown level", replace(R"("level":"Major")", R"("level":"Huge")"), "unknown level"},
      {"incident_num not string", replace(R"("incident_num":null)", R"("incident_num":5)"),
       "field incident_num"},
      {"decision not JSON", replace(R"("last_decision":null)", R"("last_decision":nul)"),
       "not valid JSON"},
  };
  for (const auto& c : cases) {
    auto decoded = AlarmRecordCodec::Decode("the-key", c.value);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr("the-key")) << c.name;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace alarmgate
