// Tests for FieldValue / IsKnownField: every wire field, empty optionals as absent, and
// additional.<path> walking nested objects.

#include "rules/field_value.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace alarmgate {
namespace {

Alarm FullAlarm() {
  Alarm a;
  a.integration = "in-house-monitor";
  a.alarm_id = "id-1";
  a.alarm_name = "CpuHigh";
  a.level = AlarmLevel::kMajor;
  a.time_ms = 1700000000123;
  a.name_space = "prod";
  a.region_id = "cn-north-1";
  a.application_id = "billing";
  a.resource_name = "vm-1";
  a.resource_id = "res-1";
  a.alarm_desc = "cpu above 90%";
  a.url = "http://x/1";
  a.status = AlarmStatus::kOk;
  a.alarm_source = "prometheus";
  a.additional_json =
      R"({"team":"sre","count":3,"ratio":1.5,"on":true,"nil":null,"empty":"",)"
      R"("svc":{"name":"api","tags":["a","b"],"deep":{"x":"y"}},"obj":{"b":1,"c":[1,2]}})";
  return a;
}

struct Case {
  std::string field;
  std::optional<std::string> want;
};

TEST(FieldValueTest, ReadsEveryField) {
  const Alarm a = FullAlarm();
  const Case cases[] = {
      {"alarmId", "id-1"},
      {"alarmName", "CpuHigh"},
      {"alarmLevel", "Major"},
      {"time", "1700000000123"},
      {"nameSpace", "prod"},
      {"regionId", "cn-north-1"},
      {"applicationId", "billing"},
      {"resourceName", "vm-1"},
      {"resourceId", "res-1"},
      {"alarmDesc", "cpu above 90%"},
      {"URL", "http://x/1"},
      {"alarmStatus", "ok"},
      {"alarmSource", "prometheus"},
      {"integration", "in-house-monitor"},
      {"additional.team", "sre"},
      {"additional.count", "3"},
      {"additional.ratio", "1.5"},
      {"additional.on", "true"},
      {"additional.nil", "null"},
      {"additional.empty", ""},
      {"additional.svc.name", "api"},
      {"additional.svc.deep.x", "y"},
      {"additional.svc.tags", R"(["a","b"])"},
      {"additional.obj", R"({"b":1,"c":[1,2]})"},
      // Absent: missing keys, walking through a non-object, unknown names.
      {"additional.missing", std::nullopt},
      {"additional.svc.missing", std::nullopt},
      {"additional.team.x", std::nullopt},
      {"additional.svc.tags.0", std::nullopt},
      {"additional.", std::nullopt},
      {"alarmname", std::nullopt},
      {"fingerprint", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FieldValue(a, c.field), c.want) << c.field;
  }
}

TEST(FieldValueTest, EmptyOptionalFieldsAreAbsent) {
  Alarm a = FullAlarm();
  a.region_id.clear();
  a.url.clear();
  a.alarm_desc.clear();
  a.integration.clear();
  EXPECT_EQ(FieldValue(a, "regionId"), std::nullopt);
  EXPECT_EQ(FieldValue(a, "URL"), std::nullopt);
  EXPECT_EQ(FieldValue(a, "alarmDesc"), std::nullopt);
  EXPECT_EQ(FieldValue(a, "integration"), std::nullopt);
  EXPECT_EQ(FieldValue(a, "alarmName"), "CpuHigh");
}

TEST(FieldValueTest, BadOrNonObjectAdditionalIsAbsent) {
  Alarm a = FullAlarm();
  for (const char* json : {"not json", "[1,2]", "\"s\"", ""}) {
    a.additional_json = json;
    EXPECT_EQ(FieldValue(a, "additional.team"), std::nullopt) << json;
  }
}

TEST(FieldValueTest, AlarmFieldsMemoizesAndMatchesFieldValue) {
  const Alarm a = FullAlarm();
  AlarmFields fields(a);
  auto first = fields.Get("additional.svc.name");
  auto again = fields.Get("additional.svc.name");
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->data(), again->data());  // the same cached string, not a re-parse
  EXPECT_EQ(fields.Get("time"), "1700000000123");
  EXPECT_EQ(fields.Get("additional.nope"), std::nullopt);
}

TEST(FieldValueTest, KnownFields) {
  const std::pair<const char*, bool> cases[] = {
      {"alarmId", true},        {"alarmName", true},    {"alarmLevel", true},
      {"time", true},           {"nameSpace", true},    {"regionId", true},
      {"applicationId", true},  {"resourceName", true}, {"resourceId", true},
      {"alarmDesc", true},      {"URL", true},          {"alarmStatus", true},
      {"alarmSource", true},    {"integration", true},  {"additional.x", true},
      {"additional.a.b", true}, {"additional.", false}, {"additional", false},
      {"alarmNme", false},      {"url", false},         {"", false},
  };
  for (const auto& [field, known] : cases) EXPECT_EQ(IsKnownField(field), known) << field;
}

}  // namespace
}  // namespace alarmgate
