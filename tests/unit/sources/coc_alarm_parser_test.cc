// Tests for ParseCocAlarms: every field of seed 003 table 4-84 against each of its rules, the
// seed's examples, and batches.

#include "sources/coc_alarm_parser.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/strict_json_parser.h"
#include "tests/fixtures/seed_alarm_example.h"

namespace alarmgate {
namespace {

constexpr std::string_view kIntegration = "coc-prod";

Result<std::vector<Alarm>> ParseBody(std::string body) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return ParseCocAlarms(*root, kIntegration);
}

// A valid event as (field, raw JSON value) in order; tests override or drop fields.
using Fields = std::vector<std::pair<std::string, std::string>>;

Fields ValidFields() {
  return {{"alarmId", "\"id-1\""},      {"alarmName", "\"CPU high\""},
          {"alarmLevel", "\"Major\""},  {"time", "1709118444540"},
          {"nameSpace", "\"ns\""},      {"regionId", "\"cn-north-4\""},
          {"applicationId", "\"app\""}, {"resourceName", "\"machine-1\""},
          {"resourceId", "\"res-1\""},  {"alarmDesc", "\"desc\""},
          {"URL", "\"https://x.com\""}, {"alarmStatus", "\"alarm\""},
          {"alarmSource", "\"coc\""},   {"additional", "{\"k\":\"v\"}"}};
}

std::string ToJson(const Fields& fields) {
  std::string s = "{";
  for (const auto& [name, value] : fields) {
    if (s.size() > 1) s += ",";
    s += "\"" + name + "\":" + value;
  }
  return s + "}";
}

// The event with `field` set to `raw` (a raw JSON value), or removed when raw is nullopt.
std::string EventWith(const std::string& field, std::optional<std::string> raw) {
  Fields fields;
  for (auto& f : ValidFields()) {
    if (f.first != field) fields.push_back(f);
  }
  if (raw) fields.emplace_back(field, *raw);
  return ToJson(fields);
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Repeat(std::string_view part, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += part;
  return s;
}

// How each field is read back from the Alarm, as text.
const std::map<std::string, std::function<std::string(const Alarm&)>>& Readers() {
  static const auto* readers = new std::map<std::string, std::function<std::string(const Alarm&)>>{
      {"alarmId", [](const Alarm& a) { return a.alarm_id; }},
      {"alarmName", [](const Alarm& a) { return a.alarm_name; }},
      {"alarmLevel", [](const Alarm& a) { return std::string(ToString(a.level)); }},
      {"time", [](const Alarm& a) { return std::to_string(a.time_ms); }},
      {"nameSpace", [](const Alarm& a) { return a.name_space; }},
      {"regionId", [](const Alarm& a) { return a.region_id; }},
      {"applicationId", [](const Alarm& a) { return a.application_id; }},
      {"resourceName", [](const Alarm& a) { return a.resource_name; }},
      {"resourceId", [](const Alarm& a) { return a.resource_id; }},
      {"alarmDesc", [](const Alarm& a) { return a.alarm_desc; }},
      {"URL", [](const Alarm& a) { return a.url; }},
      {"alarmStatus", [](const Alarm& a) { return std::string(ToString(a.status)); }},
      {"alarmSource", [](const Alarm& a) { return a.alarm_source; }},
      {"additional", [](const Alarm& a) { return a.additional_json; }},
  };
  return *readers;
}

struct FieldCase {
  std::string field;
  std::optional<std::string> raw;  // nullopt: the field is absent
  std::string error;               // empty: accepted
  std::string stored;              // when accepted: the value read back from the Alarm
};

std::vector<FieldCase> FieldCases() {
  std::vector<FieldCase> cases;
  const std::string a255(255, 'a'), a256(256, 'a');
  // 2-, 3- and 4-byte characters each count as one.
  const std::string e255 = Repeat("é", 255), e256 = Repeat("é", 256);
  const std::string han255 = Repeat("中", 255), emoji255 = Repeat("😀", 255);
  const std::string emoji256 = Repeat("😀", 256);

  for (std::string f :
       {"alarmId", "alarmName", "nameSpace", "applicationId", "alarmDesc", "alarmSource"}) {
    const std::string size_error = f + " size must be between 1 and 255";
    cases.push_back({f, std::nullopt, f + " must not be null", ""});
    cases.push_back({f, "null", f + " must not be null", ""});
    cases.push_back({f, "42", f + " must be a string", ""});
    cases.push_back({f, "true", f + " must be a string", ""});
    cases.push_back({f, "{}", f + " must be a string", ""});
    cases.push_back({f, "[\"x\"]", f + " must be a string", ""});
    cases.push_back({f, "\"\"", size_error, ""});
    cases.push_back({f, "\"x\"", "", "x"});
    cases.push_back({f, "\" \"", "", " "});
    cases.push_back({f, Quoted(a255), "", a255});
    cases.push_back({f, Quoted(a256), size_error, ""});
    cases.push_back({f, Quoted(e255), "", e255});
    cases.push_back({f, Quoted(e256), size_error, ""});
    cases.push_back({f, Quoted(han255), "", han255});
    cases.push_back({f, Quoted(emoji255), "", emoji255});
    cases.push_back({f, Quoted(emoji256), size_error, ""});
    cases.push_back({f, "\"a\\u00e9\\n\"", "", "aé\n"});
  }
  for (std::string f : {"regionId", "resourceName", "resourceId", "URL"}) {
    const std::string size_error = f + " size must be between 0 and 255";
    cases.push_back({f, std::nullopt, "", ""});
    cases.push_back({f, "null", "", ""});
    cases.push_back({f, "\"\"", "", ""});
    cases.push_back({f, "42", f + " must be a string", ""});
    cases.push_back({f, "false", f + " must be a string", ""});
    cases.push_back({f, "{}", f + " must be a string", ""});
    cases.push_back({f, Quoted(a255), "", a255});
    cases.push_back({f, Quoted(a256), size_error, ""});
    cases.push_back({f, Quoted(e255), "", e255});
    cases.push_back({f, Quoted(e256), size_error, ""});
    cases.push_back({f, Quoted(emoji256), size_error, ""});
  }

  const std::string level_error = "alarmLevel must be one of Critical, Major, Minor, Info";
  for (std::string level : {"Critical", "Major", "Minor", "Info"}) {
    cases.push_back({"alarmLevel", Quoted(level), "", level});
  }
  cases.push_back({"alarmLevel", std::nullopt, "alarmLevel must not be null", ""});
  cases.push_back({"alarmLevel", "null", "alarmLevel must not be null", ""});
  cases.push_back({"alarmLevel", "\"critical\"", level_error, ""});
  cases.push_back({"alarmLevel", "\"Warning\"", level_error, ""});
  cases.push_back({"alarmLevel", "\"\"", level_error, ""});
  cases.push_back({"alarmLevel", "\"Critical \"", level_error, ""});
  cases.push_back({"alarmLevel", "1", "alarmLevel must be a string", ""});

  cases.push_back({"time", "1", "", "1"});
  cases.push_back({"time", "1709118444540", "", "1709118444540"});
  cases.push_back({"time", "9223372036854775807", "", "9223372036854775807"});
  cases.push_back({"time", "9223372036854775808", "time must be at most 9223372036854775807", ""});
  cases.push_back({"time", std::nullopt, "time must not be null", ""});
  cases.push_back({"time", "null", "time must not be null", ""});
  cases.push_back({"time", "0", "time must be greater than 0", ""});
  cases.push_back({"time", "-1709118444540", "time must be greater than 0", ""});
  cases.push_back({"time", "1.5", "time must be an integer", ""});
  cases.push_back({"time", "1709118444540.0", "time must be an integer", ""});
  cases.push_back({"time", "1e3", "time must be an integer", ""});
  cases.push_back({"time", "\"1709118444540\"", "time must be an integer", ""});
  cases.push_back({"time", "true", "time must be an integer", ""});
  cases.push_back({"time", "[1]", "time must be an integer", ""});

  const std::string status_error = "alarmStatus must be one of alarm, ok";
  cases.push_back({"alarmStatus", std::nullopt, "", "alarm"});
  cases.push_back({"alarmStatus", "null", "", "alarm"});
  cases.push_back({"alarmStatus", "\"\"", "", "alarm"});
  cases.push_back({"alarmStatus", "\"alarm\"", "", "alarm"});
  cases.push_back({"alarmStatus", "\"ok\"", "", "ok"});
  cases.push_back({"alarmStatus", "\"OK\"", status_error, ""});
  cases.push_back({"alarmStatus", "\"resolved\"", status_error, ""});
  cases.push_back({"alarmStatus", "1", "alarmStatus must be a string", ""});

  cases.push_back({"additional", std::nullopt, "", "{}"});
  cases.push_back({"additional", "null", "", "{}"});
  cases.push_back({"additional", "{ }", "", "{}"});
  cases.push_back({"additional", "{ \"a\" : [1, {\"b\": null}], \"c\": \"中\" }", "",
                   "{\"a\":[1,{\"b\":null}],\"c\":\"中\"}"});
  cases.push_back({"additional", "[]", "additional must be an object", ""});
  cases.push_back({"additional", "\"x\"", "additional must be an object", ""});
  cases.push_back({"additional", "1", "additional must be an object", ""});
  return cases;
}

TEST(CocAlarmParserTest, EveryFieldAgainstEachRule) {
  for (const FieldCase& c : FieldCases()) {
    SCOPED_TRACE(c.field + " = " + (c.raw ? c.raw->substr(0, 40) : std::string("<absent>")));
    Result<std::vector<Alarm>> result = ParseBody(EventWith(c.field, c.raw));
    if (!c.error.empty()) {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(result.status().message(), c.error);
      continue;
    }
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_EQ(result->size(), 1u);
    EXPECT_EQ(Readers().at(c.field)((*result)[0]), c.stored);
  }
}

TEST(CocAlarmParserTest, SeedRequestExample) {
  const std::string body(seed_examples::kCocAlarmRequest);
  Result<std::vector<Alarm>> result = ParseBody(body);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->size(), 1u);
  const Alarm& a = (*result)[0];
  EXPECT_EQ(a.integration, "coc-prod");
  EXPECT_EQ(a.alarm_id, "18cfxxxxxxxx0f8");
  EXPECT_EQ(a.alarm_name, "Cpu 使用超额预警");
  EXPECT_EQ(a.level, AlarmLevel::kCritical);
  EXPECT_EQ(a.time_ms, 1709118444540);
  EXPECT_EQ(a.name_space, "shanghai");
  EXPECT_EQ(a.region_id, "cn-north-4");
  EXPECT_EQ(a.application_id, "18cfa0a5ef8d");
  EXPECT_EQ(a.resource_name, "machine-1");
  EXPECT_EQ(a.resource_id, "18cxxxxxxxxxxxxff68625");
  EXPECT_EQ(a.alarm_desc, "string");
  EXPECT_EQ(a.url, "https://xxx.com");
  EXPECT_EQ(a.status, AlarmStatus::kAlarm);
  EXPECT_EQ(a.alarm_source, "coc");
  EXPECT_EQ(a.additional_json, "{}");
  EXPECT_EQ(
      a.body_json,
      R"({"alarmId":"18cfxxxxxxxx0f8","alarmName":"Cpu 使用超额预警","alarmLevel":"Critical",)"
      R"("time":1709118444540,"nameSpace":"shanghai","regionId":"cn-north-4",)"
      R"("applicationId":"18cfa0a5ef8d","resourceName":"machine-1",)"
      R"("resourceId":"18cxxxxxxxxxxxxff68625","alarmDesc":"string","URL":"https://xxx.com",)"
      R"("alarmStatus":"alarm","alarmSource":"coc","additional":{}})");
}

TEST(CocAlarmParserTest, SeedBadRequestExampleMessage) {
  // The seed's 400 example: an event without alarmName and alarmId.
  Result<std::vector<Alarm>> result = ParseBody(R"({"alarmLevel":"Critical","time":1709118444540,
      "nameSpace":"shanghai","applicationId":"18cfa0a5ef8d","alarmDesc":"string","alarmSource":"coc"})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "alarmName must not be null | alarmId must not be null");
}

TEST(CocAlarmParserTest, ReportsEveryProblemInTableOrder) {
  Result<std::vector<Alarm>> empty = ParseBody("{}");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            "alarmName must not be null | alarmId must not be null | alarmLevel must not be null | "
            "time must not be null | nameSpace must not be null | applicationId must not be null | "
            "alarmDesc must not be null | alarmSource must not be null");

  // Field order in the body does not change the order of the messages.
  Result<std::vector<Alarm>> mixed = ParseBody(
      R"({"additional":[],"alarmSource":"","alarmStatus":"x","URL":1,"time":1.5,"alarmLevel":"x",)"
      R"("alarmId":"i","alarmName":"n","nameSpace":"n","applicationId":"a","alarmDesc":"d"})");
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.status().message(),
            "alarmLevel must be one of Critical, Major, Minor, Info | time must be an integer | "
            "URL must be a string | alarmStatus must be one of alarm, ok | "
            "alarmSource size must be between 1 and 255 | additional must be an object");
}

TEST(CocAlarmParserTest, UnknownFieldsAreIgnoredButKeptInBody) {
  Fields fields = ValidFields();
  fields.emplace_back("extra", "{\"x\":[1,2]}");
  fields.emplace_back("alarmid", "42");  // names are case-sensitive: this is just another unknown
  Result<std::vector<Alarm>> result = ParseBody(ToJson(fields));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ((*result)[0].alarm_id, "id-1");
  EXPECT_EQ((*result)[0].body_json, ToJson(fields));
  EXPECT_EQ((*result)[0].additional_json, "{\"k\":\"v\"}");
}

TEST(CocAlarmParserTest, FieldNamesAreCaseSensitive) {
  Fields fields;
  for (auto& f : ValidFields())
    fields.emplace_back(f.first == "alarmId" ? "AlarmId" : f.first, f.second);
  Result<std::vector<Alarm>> result = ParseBody(ToJson(fields));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "alarmId must not be null");
}

TEST(CocAlarmParserTest, RootMustBeObjectOrArrayOfObjects) {
  for (std::string body : {"42", "\"text\"", "null", "true"}) {
    SCOPED_TRACE(body);
    Result<std::vector<Alarm>> result = ParseBody(body);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(),
              "request body must be a JSON object or an array of objects");
  }
  Result<std::vector<Alarm>> empty = ParseBody("[]");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "a batch must hold at least one alarm");

  Result<std::vector<Alarm>> not_objects = ParseBody("[1, [], null]");
  ASSERT_FALSE(not_objects.ok());
  EXPECT_EQ(not_objects.status().message(),
            "[0] must be an object | [1] must be an object | [2] must be an object");
}

TEST(CocAlarmParserTest, BatchKeepsOrderAndEachEventsBody) {
  Fields second = ValidFields();
  second[0].second = "\"id-2\"";
  second[11].second = "\"ok\"";
  const std::string body = "[" + ToJson(ValidFields()) + ", " + ToJson(second) + "]";
  Result<std::vector<Alarm>> result = ParseBody(body);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ((*result)[0].alarm_id, "id-1");
  EXPECT_EQ((*result)[0].status, AlarmStatus::kAlarm);
  EXPECT_EQ((*result)[0].body_json, ToJson(ValidFields()));
  EXPECT_EQ((*result)[1].alarm_id, "id-2");
  EXPECT_EQ((*result)[1].status, AlarmStatus::kOk);
  EXPECT_EQ((*result)[1].body_json, ToJson(second));
  for (const Alarm& a : *result) EXPECT_EQ(a.integration, "coc-prod");
}

TEST(CocAlarmParserTest, BatchIsAllOrNothingWithIndexedMessages) {
  const std::string valid = ToJson(ValidFields());
  const std::string body = "[" + valid + "," + EventWith("time", "1.5") + "," + valid + ",5," +
                           EventWith("alarmId", std::nullopt) + "]";
  Result<std::vector<Alarm>> result = ParseBody(body);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "[1].time must be an integer | [3] must be an object | [4].alarmId must not be null");
}

TEST(CocAlarmParserTest, BatchOf1000IsAcceptedAnd1001Refused) {
  const std::string event = ToJson(ValidFields());
  auto batch = [&](int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) s += (i ? "," : "") + event;
    return s + "]";
  };
  Result<std::vector<Alarm>> ok = ParseBody(batch(1000));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->size(), 1000u);

  Result<std::vector<Alarm>> refused = ParseBody(batch(1001));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "a batch holds at most 1000 alarms");
}

}  // namespace
}  // namespace alarmgate
