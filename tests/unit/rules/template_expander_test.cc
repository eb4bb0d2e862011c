// Tests for template expansion: placeholders, missing fields, UTF-8-safe truncation, and the
// problems the loader reports.

#include "rules/template_expander.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace alarmgate {
namespace {

Alarm TestAlarm() {
  Alarm a;
  a.alarm_name = "CpuHigh";
  a.resource_name = "vm-1";
  a.level = AlarmLevel::kCritical;
  a.integration = "mon";
  a.additional_json = R"({"svc":{"name":"api"},"n":7})";
  return a;
}

TEST(TemplateExpanderTest, Expands) {
  const Alarm a = TestAlarm();
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},
      {"plain text", "plain text"},
      {"${alarmName}", "CpuHigh"},
      {"${alarmName} on ${resourceName}", "CpuHigh on vm-1"},
      {"[${alarmLevel}] ${integration}", "[Critical] mon"},
      {"${additional.svc.name}/${additional.n}", "api/7"},
      {"x${alarmDesc}y", "xy"},           // absent (empty) field → empty
      {"x${additional.missing}y", "xy"},  // missing path → empty
      {"${alarmNme}", ""},                // unknown name → empty (the loader refuses it)
      {"cost $5 ${alarmName}", "cost $5 CpuHigh"},
      {"open ${alarmName", "open ${alarmName"},  // unterminated: kept as text
      {"${alarmName}${resourceName}", "CpuHighvm-1"},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(Expand(Template{text}, a), want) << text;
}

TEST(TemplateExpanderTest, TruncatesAtCodePointBoundaries) {
  Alarm a = TestAlarm();
  a.alarm_name = "日本語テキスト";  // 3-byte characters
  EXPECT_EQ(Expand(Template{"${alarmName}"}, a, 2), "日本");
  EXPECT_EQ(Expand(Template{"a${alarmName}"}, a, 3), "a日本");
  EXPECT_EQ(Expand(Template{"${alarmName}"}, a, 7), "日本語テキスト");
  EXPECT_EQ(Expand(Template{"${alarmName}"}, a, 100), "日本語テキスト");
  EXPECT_EQ(Expand(Template{"${alarmName}"}, a, 0), "");

  const std::pair<std::pair<std::string, size_t>, std::string> cases[] = {
      {{"abcdef", 3}, "abc"}, {{"abc", 3}, "abc"},
      {{"a😀b", 2}, "a😀"},  // 4-byte sequence kept whole
      {{"a😀b", 1}, "a"},      {{"é", 1}, "é"},
      {{"éé", 1}, "é"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(TruncateUtf8(in.first, in.second), want) << in.first << " " << in.second;
  }
}

TEST(TemplateExpanderTest, Fields) {
  EXPECT_EQ(TemplateFields(Template{"${a} and ${additional.x.y} ${b"}),
            (std::vector<std::string>{"a", "additional.x.y"}));
  EXPECT_TRUE(TemplateFields(Template{"none"}).empty());
}

TEST(TemplateExpanderTest, Problems) {
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {"${alarmName} on ${resourceName}", {}},
      {"${additional.anything.at.all}", {}},
      {"${alarmNme}", {"unknown field 'alarmNme'"}},
      {"${}", {"unknown field ''"}},
      {"x ${alarmName", {"unterminated '${' at offset 2"}},
      {"${bad} ${alarmName", {"unknown field 'bad'", "unterminated"}},
  };
  for (const auto& [text, want] : cases) {
    std::vector<std::string> got = TemplateProblems(Template{text});
    ASSERT_EQ(got.size(), want.size()) << text;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_NE(got[i].find(want[i]), std::string::npos) << got[i];
    }
  }
}

}  // namespace
}  // namespace alarmgate
