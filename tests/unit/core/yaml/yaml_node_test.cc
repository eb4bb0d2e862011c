// Tests YamlNode's typed getters, table by table: a good value, the wrong type, out of range, an
// empty value, and the exact message and line of every refusal.

#include "core/yaml/yaml_node.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tests/unit/core/yaml/yaml_test_doc.h"

namespace alarmgate {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = YamlNode::kNoMax;
constexpr double kInf = YamlNode::kNoLimit;

// One getter call on the value "v" of `yaml`: either it gives `want`, or it reports exactly
// `message` at `line` and gives nothing.
template <typename T>
struct Case {
  std::string yaml;
  std::function<std::optional<T>(const YamlNode&)> get;
  std::optional<T> want;
  std::string message;  // "" when `want` is set
  int line = 1;
};

template <typename T>
void RunCases(const std::vector<Case<T>>& cases) {
  for (const Case<T>& c : cases) {
    SCOPED_TRACE(c.yaml);
    YamlTestDoc doc(c.yaml);
    const std::optional<T> got = c.get(doc.Get());
    EXPECT_EQ(got, c.want);
    if (c.want) {
      EXPECT_TRUE(doc.problems().empty()) << doc.Dump();
      continue;
    }
    ASSERT_EQ(doc.problems().size(), 1u) << doc.Dump();
    EXPECT_EQ(doc.problems()[0].file, kTestFile);
    EXPECT_EQ(doc.problems()[0].line, c.line);
    EXPECT_EQ(doc.problems()[0].message, c.message);
  }
}

std::function<std::optional<int64_t>(const YamlNode&)> IntIn(int64_t min, int64_t max) {
  return [=](const YamlNode& n) { return n.Int(min, max); };
}

TEST(YamlNodeTest, Int) {
  RunCases<int64_t>({
      {"v: 5\n", IntIn(0, 10), 5, ""},
      {"v: +5\n", IntIn(0, 10), 5, ""},
      {"v: -7\n", IntIn(kMin, kMax), -7, ""},
      {"v: !!int 7\n", IntIn(0, 10), 7, ""},
      {"v: 0\n", IntIn(0, 0), 0, ""},
      {"v: 11\n", IntIn(0, 10), std::nullopt, "v must be an integer between 0 and 10 (got '11')"},
      {"v: -1\n", IntIn(0, kMax), std::nullopt, "v must be an integer >= 0 (got '-1')"},
      {"v: 0\n", IntIn(1, kMax), std::nullopt, "v must be a positive integer (got '0')"},
      {"v: x\n", IntIn(kMin, kMax), std::nullopt, "v must be an integer (got 'x')"},
      {"v: 1.5\n", IntIn(0, 10), std::nullopt, "v must be an integer between 0 and 10 (got '1.5')"},
      {"v: 1e3\n", IntIn(0, kMax), std::nullopt, "v must be an integer >= 0 (got '1e3')"},
      {"v: \"4\"\n", IntIn(0, 10), std::nullopt,
       "v must be an integer between 0 and 10 (got '4')"},  // quoted: a string
      {"v: 99999999999999999999\n", IntIn(1, kMax), std::nullopt,
       "v must be a positive integer (got '99999999999999999999')"},
      {"v:\n", IntIn(0, 10), std::nullopt, "v must be an integer between 0 and 10 (got nothing)"},
      {"v: \"\"\n", IntIn(0, 10), std::nullopt, "v must be an integer between 0 and 10 (got '')"},
      {"v: [1]\n", IntIn(0, 10), std::nullopt,
       "v must be an integer between 0 and 10 (got a list)"},
      {"v: {a: 1}\n", IntIn(0, 10), std::nullopt,
       "v must be an integer between 0 and 10 (got a mapping)"},
  });
}

std::function<std::optional<double>(const YamlNode&)> NumberIn(double min, double max) {
  return [=](const YamlNode& n) { return n.Number(min, max); };
}

TEST(YamlNodeTest, Number) {
  RunCases<double>({
      {"v: 2.5\n", NumberIn(0, kInf), 2.5, ""},
      {"v: 3\n", NumberIn(0, kInf), 3.0, ""},
      {"v: +1e2\n", NumberIn(1, 100), 100.0, ""},
      {"v: !!float 0.5\n", NumberIn(0, 1), 0.5, ""},
      {"v: -1\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got '-1')"},
      {"v: 101\n", NumberIn(1, 100), std::nullopt,
       "v must be a number between 1 and 100 (got '101')"},
      {"v: 2\n", NumberIn(0.5, 1.5), std::nullopt,
       "v must be a number between 0.5 and 1.5 (got '2')"},
      {"v: fast\n", NumberIn(-kInf, kInf), std::nullopt, "v must be a number (got 'fast')"},
      {"v: .nan\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got '.nan')"},
      {"v: inf\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got 'inf')"},
      {"v: '2'\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got '2')"},
      {"v:\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got nothing)"},
      {"v: [1]\n", NumberIn(0, kInf), std::nullopt, "v must be a number >= 0 (got a list)"},
  });
}

std::optional<bool> GetBool(const YamlNode& n) { return n.Bool(); }

constexpr char kBoolHint[] =
    "; write true or false (yes/no, on/off, y/n and capitalised spellings are refused)";

TEST(YamlNodeTest, BoolIsTrueOrFalseOnly) {
  std::vector<Case<bool>> cases = {
      {"v: true\n", GetBool, true, ""},
      {"v: false\n", GetBool, false, ""},
      {"v: !!bool true\n", GetBool, true, ""},
      {"v: 1\n", GetBool, std::nullopt, "v must be true or false (got '1')"},
      {"v: maybe\n", GetBool, std::nullopt, "v must be true or false (got 'maybe')"},
      {"v: \"true\"\n", GetBool, std::nullopt,
       "v must be true or false (got 'true'); write it without quotes"},
      {"v:\n", GetBool, std::nullopt, "v must be true or false (got nothing)"},
      {"v: [true]\n", GetBool, std::nullopt, "v must be true or false (got a list)"},
      {"v: {a: true}\n", GetBool, std::nullopt, "v must be true or false (got a mapping)"},
  };
  // The YAML 1.1 spellings (the "Norway problem") and other cases of true/false: refused, with
  // the hint to write true or false.
  for (const char* word : {"yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "N",
                           "True", "TRUE", "False", "FALSE"}) {
    cases.push_back({"v: " + std::string(word) + "\n", GetBool, std::nullopt,
                     "v must be true or false (got '" + std::string(word) + "')" + kBoolHint});
  }
  cases.push_back({"v: 'yes'\n", GetBool, std::nullopt,
                   std::string("v must be true or false (got 'yes')") + kBoolHint});
  RunCases<bool>(cases);
}

std::optional<std::string> GetString(const YamlNode& n) { return n.String(); }
std::optional<std::string> GetNonEmpty(const YamlNode& n) { return n.NonEmptyString(); }
std::optional<std::string> GetLevel(const YamlNode& n) { return n.OneOf({"debug", "info"}); }

TEST(YamlNodeTest, Strings) {
  RunCases<std::string>({
      {"v: abc\n", GetString, "abc", ""},
      {"v: 12\n", GetString, "12", ""},  // a scalar as written
      {"v: \"\"\n", GetString, "", ""},
      {"v: 'it''s'\n", GetString, "it's", ""},
      {"v:\n", GetString, std::nullopt, "v must be a string (got nothing)"},
      {"v: [a]\n", GetString, std::nullopt, "v must be a string (got a list)"},
      {"v: {a: b}\n", GetString, std::nullopt, "v must be a string (got a mapping)"},
      {"v: abc\n", GetNonEmpty, "abc", ""},
      {"v: \"\"\n", GetNonEmpty, std::nullopt, "v must be a non-empty string (got '')"},
      {"v:\n", GetNonEmpty, std::nullopt, "v must be a non-empty string (got nothing)"},
      {"v: [a]\n", GetNonEmpty, std::nullopt, "v must be a non-empty string (got a list)"},
      {"v: info\n", GetLevel, "info", ""},
      {"v: INFO\n", GetLevel, std::nullopt, "v must be one of debug, info (got 'INFO')"},
      {"v:\n", GetLevel, std::nullopt, "v must be one of debug, info (got nothing)"},
      {"v: [info]\n", GetLevel, std::nullopt, "v must be one of debug, info (got a list)"},
  });
}

TEST(YamlNodeTest, LongValuesAreCutInMessages) {
  YamlTestDoc doc("v: " + std::string(100, 'x') + "\n");
  EXPECT_FALSE(doc.Get().Int());
  ASSERT_EQ(doc.problems().size(), 1u);
  EXPECT_EQ(doc.problems()[0].message,
            "v must be an integer (got '" + std::string(64, 'x') + "...')");
}

TEST(YamlNodeTest, StringList) {
  YamlTestDoc good("v: [a, 2, \"\"]\nw:\n");
  EXPECT_EQ(good.Get().StringList(), (std::vector<std::string>{"a", "2", ""}));
  EXPECT_EQ(good.Get("w").StringList(), std::vector<std::string>{});  // empty value: empty list
  EXPECT_TRUE(good.problems().empty()) << good.Dump();

  YamlTestDoc not_list("v: a\n");
  EXPECT_FALSE(not_list.Get().StringList());
  ASSERT_EQ(not_list.problems().size(), 1u);
  EXPECT_EQ(not_list.problems()[0].message, "v must be a list (got 'a')");

  // Every bad item is reported, each at its own line.
  YamlTestDoc bad_items("v:\n  - a\n  - [b]\n  - {c: d}\n");
  EXPECT_FALSE(bad_items.Get().StringList());
  ASSERT_EQ(bad_items.problems().size(), 2u) << bad_items.Dump();
  EXPECT_EQ(bad_items.problems()[0].ToString(), "t.yaml:3: v[1] must be a string (got a list)");
  EXPECT_EQ(bad_items.problems()[1].ToString(), "t.yaml:4: v[2] must be a string (got a mapping)");
}

TEST(YamlNodeTest, ItemsAreNamedByIndexAndAListOfSaysOfWhat) {
  YamlTestDoc doc("v:\n  - a\n  - b\nw: x\n");
  auto items = doc.Get().Items();
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].name(), "v[0]");
  EXPECT_EQ((*items)[1].name(), "v[1]");
  EXPECT_EQ((*items)[1].Scalar(), "b");
  EXPECT_FALSE(doc.Get("w").Items("fields"));
  ASSERT_EQ(doc.problems().size(), 1u);
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:4: w must be a list of fields (got 'x')");
}

TEST(YamlNodeTest, NamedRenamesTheValueAndItsKeys) {
  YamlTestDoc doc("rules:\n  - name: [a]\n    bogus: 1\n");
  auto items = doc.Get("rules").Items();
  ASSERT_TRUE(items);
  EXPECT_EQ(items->at(0).name(), "rules[0]");
  const YamlNode rule = items->at(0).Named("a rule", "");
  EXPECT_EQ(rule.name(), "a rule");
  EXPECT_EQ(rule.KeyName("name"), "name");
  auto map = rule.Map({"name"});
  ASSERT_TRUE(map);
  EXPECT_FALSE(map->Get("name")->Named("rule name").String());
  ASSERT_EQ(doc.problems().size(), 2u) << doc.Dump();
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:3: unknown key 'bogus'");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:2: rule name must be a string (got a list)");
  EXPECT_EQ(doc.Get("rules").Named("x").KeyName("y"), "x.y");
}

TEST(YamlNodeTest, ProblemAndProblemAtKeyBlameTheValueAndTheKeyLines) {
  YamlTestDoc doc("v:\n  a: 1\n");
  const YamlNode v = doc.Get();
  EXPECT_EQ(v.line(), 2);
  EXPECT_EQ(v.key_line(), 1);
  v.Problem("at the value");
  v.ProblemAtKey("at the key");
  ASSERT_EQ(doc.problems().size(), 2u);
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:2: at the value");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:1: at the key");
  EXPECT_EQ(v.file(), kTestFile);
}

TEST(YamlNodeTest, QuotedIsTheOneQuotingStyle) {
  EXPECT_EQ(Quoted("x"), "'x'");
  EXPECT_EQ(Quoted(""), "''");
}

}  // namespace
}  // namespace alarmgate
