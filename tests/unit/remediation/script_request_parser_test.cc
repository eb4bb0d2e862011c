// Tests for the script request parsers: the seed's examples, then every rule of tables 4-8..4-11,
// 4-13 and 4-22..4-25 and of the approval body, one row per rule, and that no message ever quotes
// a parameter value.

#include "remediation/script_request_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "remediation/param_value_rule.h"
#include "sources/strict_json_parser.h"
#include "tests/fixtures/seed_script_examples.h"

namespace alarmgate {
namespace {

template <typename Command>
Result<Command> Parse(Result<Command> (*parse)(simdjson::dom::element), std::string body) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return parse(*root);
}

Result<CreateScriptCommand> Create(std::string body) {
  return Parse(ParseCreateScript, std::move(body));
}
Result<ModifyScriptCommand> Modify(std::string body) {
  return Parse(ParseModifyScript, std::move(body));
}
Result<ApproveScriptCommand> Approve(std::string body) {
  return Parse(ParseApproveScript, std::move(body));
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Repeat(std::string_view part, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += part;
  return s;
}

// Member overrides of a JSON object: name → raw JSON value, or nullopt to leave the member out.
using Overrides = std::vector<std::pair<std::string, std::optional<std::string>>>;

// The object `base` (name → raw JSON, in order) after `overrides`; new names go last.
std::string Object(std::vector<std::pair<std::string, std::string>> base,
                   const Overrides& overrides) {
  for (const auto& [name, raw] : overrides) {
    auto it =
        std::find_if(base.begin(), base.end(), [&](const auto& m) { return m.first == name; });
    if (it == base.end()) {
      if (raw) base.emplace_back(name, *raw);
    } else if (raw) {
      it->second = *raw;
    } else {
      base.erase(it);
    }
  }
  std::string out = "{";
  for (const auto& [name, raw] : base)
    out += (out.size() > 1 ? "," : "") + Quoted(name) + ":" + raw;
  return out + "}";
}

std::string Param(const Overrides& overrides = {}, int order = 1, std::string name = "a") {
  return Object({{"param_name", Quoted(name)},
                 {"param_value", R"("v")"},
                 {"param_description", R"("d")"},
                 {"param_order", std::to_string(order)},
                 {"sensitive", "false"}},
                overrides);
}

std::string Properties(const Overrides& overrides = {}) {
  return Object({{"risk_level", R"("LOW")"}, {"version", R"("1.0")"}}, overrides);
}

std::string CreateBody(const Overrides& top = {}, const Overrides& properties = {},
                       const Overrides& param = {}) {
  return Object({{"name", R"("deploy_脚本1")"},
                 {"properties", Properties(properties)},
                 {"description", R"("restart the app")"},
                 {"type", R"("SHELL")"},
                 {"content", R"("systemctl restart app")"},
                 {"script_params", "[" + Param(param) + "]"}},
                top);
}

// The message of a refused request, or "ok".
template <typename Command>
std::string Outcome(const Result<Command>& r) {
  return r.ok() ? "ok" : r.status().message();
}

// ---------------------------------------------------------------------------------------------
// Seed examples (tests/fixtures/seed_script_examples.h).

TEST(ParseCreateScriptTest, SeedExample) {
  Result<CreateScriptCommand> c = Create(std::string(seed_examples::kCreateScriptRequest));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->name, "09101112");
  EXPECT_EQ(c->description, "实例脚本");
  EXPECT_EQ(c->type, ScriptType::kShell);
  EXPECT_EQ(c->content, "echo ${value}");
  EXPECT_EQ(c->properties.risk_level, RiskLevel::kHigh);
  EXPECT_EQ(c->properties.version, "1.0.0");
  EXPECT_EQ(c->properties.reviewers,
            (std::vector<Reviewer>{{"test", "7a8513cd87b7448283a1d5190eb91234"}}));
  EXPECT_EQ(c->properties.protocol, NotifyProtocol::kWeChat);
  EXPECT_EQ(c->params, (std::vector<ScriptParam>{{"a", "string", "string", 1, true}}));
}

TEST(ParseCreateScriptTest, SeedErrorExampleWithTheContractsLimit) {
  // The seed's 400 example says "between 0 and 50"; its table and contract §7 say 20.
  std::string params;
  for (int i = 1; i <= 21; ++i) {
    params += (i > 1 ? "," : "") + Param({}, i, "p" + std::to_string(i));
  }
  EXPECT_EQ(Outcome(Create(CreateBody({{"script_params", "[" + params + "]"}}))),
            "script_params size must be between 0 and 20");
}

TEST(ParseModifyScriptTest, SeedExample) {
  Result<ModifyScriptCommand> m = Modify(std::string(seed_examples::kModifyScriptRequest));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->name, "019101112");
  EXPECT_EQ(m->description, "修改");
  EXPECT_EQ(m->type, ScriptType::kShell);
  EXPECT_EQ(m->content, "echo ${a}");
  ASSERT_TRUE(m->properties);
  EXPECT_EQ(m->properties->risk_level, RiskLevel::kHigh);
  EXPECT_EQ(m->properties->version, "1.1.1");
  EXPECT_TRUE(m->properties->reviewers.empty());
  EXPECT_EQ(m->properties->protocol, std::nullopt);
  EXPECT_EQ(m->params, (std::vector<ScriptParam>{{"a", "string", "string", 1, true}}));
  EXPECT_TRUE(CheckScriptUuid(seed_examples::kModifyScriptUuid).ok());
}

// ---------------------------------------------------------------------------------------------
// Create: one row per rule. `where` says which object the override applies to.

enum class Where { kBody, kProperties, kParam };

struct Row {
  std::string label;
  Where where;
  std::string field;
  std::optional<std::string> raw;  // nullopt: the member is left out
  std::string expected;            // the whole message, or "ok"
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.label; }

class CreateRuleTest : public testing::TestWithParam<Row> {};

TEST_P(CreateRuleTest, Outcome) {
  const Row& row = GetParam();
  Overrides change = {{row.field, row.raw}};
  std::string body = row.where == Where::kBody         ? CreateBody(change)
                     : row.where == Where::kProperties ? CreateBody({}, change)
                                                       : CreateBody({}, {}, change);
  EXPECT_EQ(Outcome(Create(body)), row.expected) << body;
}

const std::string k64Han = Repeat("脚", 64);
const std::string kSizeName = "name size must be between 1 and 64";

INSTANTIATE_TEST_SUITE_P(
    Body, CreateRuleTest,
    testing::Values(
        Row{"valid", Where::kBody, "unused", std::nullopt, "ok"},
        Row{"name_missing", Where::kBody, "name", std::nullopt, "name must not be null"},
        Row{"name_null", Where::kBody, "name", "null", "name must not be null"},
        Row{"name_number", Where::kBody, "name", "7", "name must be a string"},
        Row{"name_empty", Where::kBody, "name", R"("")", kSizeName},
        Row{"name_64_ascii", Where::kBody, "name", Quoted(Repeat("a", 64)), "ok"},
        Row{"name_65_ascii", Where::kBody, "name", Quoted(Repeat("a", 65)), kSizeName},
        Row{"name_64_han", Where::kBody, "name", Quoted(k64Han), "ok"},
        Row{"name_65_han", Where::kBody, "name", Quoted(k64Han + "本"), kSizeName},
        Row{"name_extension_a", Where::kBody, "name", Quoted("\xE3\x90\x80"), "ok"},  // U+3400
        Row{"name_dash", Where::kBody, "name", R"("a-b")",
            "name must contain only Chinese characters, letters, digits and _"},
        Row{"name_space", Where::kBody, "name", R"("a b")",
            "name must contain only Chinese characters, letters, digits and _"},
        Row{"name_chinese_comma", Where::kBody, "name", R"("脚本，")",
            "name must contain only Chinese characters, letters, digits and _"},
        Row{"name_kana", Where::kBody, "name", R"("スクリプト")",
            "name must contain only Chinese characters, letters, digits and _"},
        Row{"name_emoji", Where::kBody, "name", "\"a\xF0\x9F\x98\x80\"",
            "name must contain only Chinese characters, letters, digits and _"},
        Row{"description_missing", Where::kBody, "description", std::nullopt,
            "description must not be null"},
        Row{"description_empty", Where::kBody, "description", R"("")",
            "description size must be between 1 and 256"},
        Row{"description_256_han", Where::kBody, "description", Quoted(Repeat("述", 256)), "ok"},
        Row{"description_257", Where::kBody, "description", Quoted(Repeat("述", 257)),
            "description size must be between 1 and 256"},
        Row{"description_array", Where::kBody, "description", "[]", "description must be a string"},
        Row{"type_missing", Where::kBody, "type", std::nullopt, "type must not be null"},
        Row{"type_python", Where::kBody, "type", R"("PYTHON")", "ok"},
        Row{"type_bat", Where::kBody, "type", R"("BAT")", "ok"},
        Row{"type_lower", Where::kBody, "type", R"("shell")",
            "type must be one of SHELL, PYTHON, BAT"},
        Row{"type_empty", Where::kBody, "type", R"("")", "type must be one of SHELL, PYTHON, BAT"},
        Row{"type_number", Where::kBody, "type", "1", "type must be a string"},
        Row{"content_missing", Where::kBody, "content", std::nullopt, "content must not be null"},
        Row{"content_empty", Where::kBody, "content", R"("")",
            "content size must be between 1 and 4096"},
        Row{"content_4096", Where::kBody, "content", Quoted(Repeat("echo", 1024)), "ok"},
        Row{"content_4096_han", Where::kBody, "content", Quoted(Repeat("码", 4096)), "ok"},
        Row{"content_4097", Where::kBody, "content", Quoted(Repeat("码", 4097)),
            "content size must be between 1 and 4096"},
        Row{"content_shell", Where::kBody, "content", R"("#!/bin/sh\nrm -rf \"$X\"; echo `id`")",
            "ok"},
        Row{"properties_missing", Where::kBody, "properties", std::nullopt,
            "properties must not be null"},
        Row{"properties_string", Where::kBody, "properties", R"("HIGH")",
            "properties must be an object"},
        Row{"params_missing", Where::kBody, "script_params", std::nullopt, "ok"},
        Row{"params_null", Where::kBody, "script_params", "null", "ok"},
        Row{"params_empty", Where::kBody, "script_params", "[]", "ok"},
        Row{"params_object", Where::kBody, "script_params", "{}", "script_params must be an array"},
        Row{"params_item_string", Where::kBody, "script_params", R"(["a"])",
            "script_params[0] must be an object"}));

INSTANTIATE_TEST_SUITE_P(
    Properties, CreateRuleTest,
    testing::Values(
        Row{"risk_missing", Where::kProperties, "risk_level", std::nullopt,
            "properties.risk_level must not be null"},
        Row{"risk_medium", Where::kProperties, "risk_level", R"("MEDIUM")", "ok"},
        Row{"risk_high", Where::kProperties, "risk_level", R"("HIGH")", "ok"},
        Row{"risk_unknown", Where::kProperties, "risk_level", R"("CRITICAL")",
            "properties.risk_level must be one of LOW, MEDIUM, HIGH"},
        Row{"version_missing", Where::kProperties, "version", std::nullopt,
            "properties.version must not be null"},
        Row{"version_empty", Where::kProperties, "version", R"("")",
            "properties.version size must be between 1 and 10"},
        Row{"version_10", Where::kProperties, "version", R"("1.22.333.4")", "ok"},
        Row{"version_11", Where::kProperties, "version", R"("1.22.333.44")",
            "properties.version size must be between 1 and 10"},
        Row{"version_number", Where::kProperties, "version", "1.0",
            "properties.version must be a string"},
        Row{"protocol_each", Where::kProperties, "protocol", R"("NOT_TO_NOTIFY")", "ok"},
        Row{"protocol_unknown", Where::kProperties, "protocol", R"("FAX")",
            "properties.protocol must be one of DEFAULT, SMS, EMAIL, DING_TALK, WE_LINK, WECHAT, "
            "CALLNOTIFY, NOT_TO_NOTIFY"},
        Row{"reviewers_empty", Where::kProperties, "reviewers", "[]", "ok"},
        Row{"reviewers_object", Where::kProperties, "reviewers", "{}",
            "properties.reviewers must be an array"},
        Row{"reviewer_string", Where::kProperties, "reviewers", R"(["u1"])",
            "properties.reviewers[0] must be an object"},
        Row{"reviewer_no_id", Where::kProperties, "reviewers", R"([{"reviewer_name":"n"}])",
            "properties.reviewers[0].reviewer_id must not be null"},
        Row{"reviewer_empty_id", Where::kProperties, "reviewers",
            R"([{"reviewer_name":"n","reviewer_id":""}])",
            "properties.reviewers[0].reviewer_id size must be between 1 and 32"},
        Row{"reviewer_id_33", Where::kProperties, "reviewers",
            R"([{"reviewer_name":"n","reviewer_id":")" + Repeat("i", 33) + R"("}])",
            "properties.reviewers[0].reviewer_id size must be between 1 and 32"},
        Row{"reviewer_name_empty", Where::kProperties, "reviewers",
            R"([{"reviewer_name":"","reviewer_id":"u1"}])",
            "properties.reviewers[0].reviewer_name size must be between 1 and 64"},
        Row{"reviewer_name_65", Where::kProperties, "reviewers",
            R"([{"reviewer_name":")" + Repeat("名", 65) + R"(","reviewer_id":"u1"}])",
            "properties.reviewers[0].reviewer_name size must be between 1 and 64"},
        Row{"reviewer_duplicate", Where::kProperties, "reviewers",
            R"([{"reviewer_name":"a","reviewer_id":"u1"},{"reviewer_name":"b","reviewer_id":"u1"}])",
            "properties.reviewers[1].reviewer_id must be unique: u1"}));

INSTANTIATE_TEST_SUITE_P(
    Param, CreateRuleTest,
    testing::Values(
        Row{"name_missing", Where::kParam, "param_name", std::nullopt,
            "script_params[0].param_name must not be null"},
        Row{"name_empty", Where::kParam, "param_name", R"("")",
            "script_params[0].param_name size must be between 1 and 64"},
        Row{"name_64", Where::kParam, "param_name", Quoted(Repeat("A_9", 21) + "x"), "ok"},
        Row{"name_65", Where::kParam, "param_name", Quoted(Repeat("a", 65)),
            "script_params[0].param_name size must be between 1 and 64"},
        Row{"name_dash", Where::kParam, "param_name", R"("a-b")",
            "script_params[0].param_name must match [A-Za-z0-9_]"},
        Row{"name_han", Where::kParam, "param_name", R"("参数")",
            "script_params[0].param_name must match [A-Za-z0-9_]"},
        Row{"name_number", Where::kParam, "param_name", "1",
            "script_params[0].param_name must be a string"},
        Row{"value_missing", Where::kParam, "param_value", std::nullopt,
            "script_params[0].param_value must not be null"},
        Row{"value_empty", Where::kParam, "param_value", R"("")", "ok"},
        Row{"value_1024", Where::kParam, "param_value", Quoted(Repeat("a", 1024)), "ok"},
        Row{"value_1025", Where::kParam, "param_value", Quoted(Repeat("a", 1025)),
            "script_params[0].param_value size must be between 0 and 1024"},
        Row{"value_rule", Where::kParam, "param_value", R"x("$(id)")x",
            "script_params[0].param_value " + std::string(kParamValueRule)},
        Row{"value_dotdot", Where::kParam, "param_value", R"("../x")",
            "script_params[0].param_value " + std::string(kParamValueRule)},
        Row{"value_number", Where::kParam, "param_value", "5",
            "script_params[0].param_value must be a string"},
        Row{"description_missing", Where::kParam, "param_description", std::nullopt,
            "script_params[0].param_description must not be null"},
        Row{"description_empty", Where::kParam, "param_description", R"("")", "ok"},
        Row{"description_257", Where::kParam, "param_description", Quoted(Repeat("述", 257)),
            "script_params[0].param_description size must be between 0 and 256"},
        Row{"order_missing", Where::kParam, "param_order", std::nullopt,
            "script_params[0].param_order must not be null"},
        Row{"order_zero", Where::kParam, "param_order", "0",
            "script_params[0].param_order must be between 1 and 20"},
        Row{"order_21", Where::kParam, "param_order", "21",
            "script_params[0].param_order must be between 1 and 20"},
        Row{"order_huge", Where::kParam, "param_order", "18446744073709551615",
            "script_params[0].param_order must be between 1 and 20"},
        Row{"order_fraction", Where::kParam, "param_order", "1.5",
            "script_params[0].param_order must be an integer"},
        Row{"order_string", Where::kParam, "param_order", R"("1")",
            "script_params[0].param_order must be an integer"},
        Row{"sensitive_missing", Where::kParam, "sensitive", std::nullopt,
            "script_params[0].sensitive must not be null"},
        Row{"sensitive_string", Where::kParam, "sensitive", R"("true")",
            "script_params[0].sensitive must be a boolean"},
        Row{"sensitive_true", Where::kParam, "sensitive", "true", "ok"}));

// ---------------------------------------------------------------------------------------------
// Rules over several parameters, and several problems at once.

std::string WithParams(const std::vector<std::string>& params) {
  std::string list;
  for (const std::string& p : params) list += (list.empty() ? "" : ",") + p;
  return CreateBody({{"script_params", "[" + list + "]"}});
}

TEST(ParseCreateScriptTest, TwentyParamsInAnyOrderAreSortedLater) {
  std::vector<std::string> params;
  for (int i = 20; i >= 1; --i) params.push_back(Param({}, i, "p" + std::to_string(i)));
  Result<CreateScriptCommand> c = Create(WithParams(params));
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->params.size(), 20u);
  EXPECT_EQ(c->params.front().order, 20);  // request order; CreateScript sorts
}

TEST(ParseCreateScriptTest, DuplicateParamNames) {
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 1, "a"), Param({}, 2, "b"), Param({}, 3, "a")}))),
            "script_params[2].param_name must be unique: a");
}

TEST(ParseCreateScriptTest, ParamOrderMustBeContiguousFromOne) {
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 1, "a"), Param({}, 3, "b")}))),
            "script_params param_order must be contiguous from 1 (got 1, 3)");
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 2, "a")}))),
            "script_params param_order must be contiguous from 1 (got 2)");
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 1, "a"), Param({}, 1, "b")}))),
            "script_params param_order must be contiguous from 1 (got 1, 1)");
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 2, "a"), Param({}, 1, "b")}))), "ok");
}

TEST(ParseCreateScriptTest, ContiguityIsNotJudgedOverInvalidOrders) {
  EXPECT_EQ(Outcome(Create(WithParams({Param({}, 1, "a"), Param({}, 0, "b")}))),
            "script_params[1].param_order must be between 1 and 20");
}

TEST(ParseCreateScriptTest, FiveReviewersButNotSix) {
  std::string five;
  for (int i = 0; i < 5; ++i) {
    five += std::string(i ? "," : "") + R"({"reviewer_name":"n","reviewer_id":"u)" +
            std::to_string(i) + R"("})";
  }
  EXPECT_EQ(Outcome(Create(CreateBody({}, {{"reviewers", "[" + five + "]"}}))), "ok");
  std::string six = five + R"(,{"reviewer_name":"n","reviewer_id":"u5"})";
  EXPECT_EQ(Outcome(Create(CreateBody({}, {{"reviewers", "[" + six + "]"}}))),
            "properties.reviewers size must be between 0 and 5");
}

TEST(ParseCreateScriptTest, EveryProblemIsNamedInTableOrder) {
  std::string body =
      CreateBody({{"name", R"("")"}, {"type", R"("PERL")"}, {"content", std::nullopt}},
                 {{"risk_level", R"("low")"}}, {{"param_name", R"("a b")"}, {"param_order", "2"}});
  EXPECT_EQ(Outcome(Create(body)),
            "name size must be between 1 and 64 | "
            "properties.risk_level must be one of LOW, MEDIUM, HIGH | "
            "type must be one of SHELL, PYTHON, BAT | content must not be null | "
            "script_params[0].param_name must match [A-Za-z0-9_] | "
            "script_params param_order must be contiguous from 1 (got 2)");
}

TEST(ParseCreateScriptTest, BodyMustBeAnObject) {
  EXPECT_EQ(Outcome(Create("[]")), "request body must be a JSON object");
  EXPECT_EQ(Outcome(Create("\"x\"")), "request body must be a JSON object");
}

TEST(ParseCreateScriptTest, UnknownMembersAreIgnored) {
  EXPECT_EQ(Outcome(Create(CreateBody({{"interpreter", R"("bash")"}}))), "ok");
}

TEST(ParseCreateScriptTest, MaskIsNotAValueOnCreate) {
  EXPECT_EQ(
      Outcome(Create(CreateBody({}, {}, {{"param_value", R"("******")"}, {"sensitive", "true"}}))),
      "script_params[0].param_value " + std::string(kParamValueRule));
}

// ---------------------------------------------------------------------------------------------
// Sensitive values never appear in a message, whatever else is wrong.

TEST(ParseScriptSensitiveTest, ValuesAreNeverQuoted) {
  const std::vector<std::string> secrets = {"hunter2$(curl evil)", "hunter2;rm", "hunter2..x",
                                            "hunter2'", Repeat("hunter2", 200)};
  for (const std::string& secret : secrets) {
    std::string body = CreateBody({{"name", R"("bad name")"}}, {},
                                  {{"param_value", Quoted(secret)}, {"sensitive", "true"}});
    Result<CreateScriptCommand> c = Create(body);
    ASSERT_FALSE(c.ok()) << secret;
    EXPECT_EQ(c.status().message().find("hunter2"), std::string::npos) << c.status().message();
    Result<ModifyScriptCommand> m = Modify(body);
    ASSERT_FALSE(m.ok()) << secret;
    EXPECT_EQ(m.status().message().find("hunter2"), std::string::npos) << m.status().message();
  }
}

// ---------------------------------------------------------------------------------------------
// Modify (table 4-22).

std::string ModifyBody(const Overrides& top = {}) {
  return Object({{"description", R"("d2")"}, {"content", R"("echo 2")"}}, top);
}

TEST(ParseModifyScriptTest, OnlyDescriptionAndContentAreRequired) {
  Result<ModifyScriptCommand> m = Modify(ModifyBody());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->description, "d2");
  EXPECT_EQ(m->content, "echo 2");
  EXPECT_EQ(m->name, std::nullopt);
  EXPECT_EQ(m->type, std::nullopt);
  EXPECT_EQ(m->properties, std::nullopt);
  EXPECT_EQ(m->params, std::nullopt);
  EXPECT_EQ(Outcome(Modify("{}")), "description must not be null | content must not be null");
}

TEST(ParseModifyScriptTest, OptionalMembersFollowCreatesRules) {
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"name", R"("a/b")"}}))),
            "name must contain only Chinese characters, letters, digits and _");
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"type", R"("BASH")"}}))),
            "type must be one of SHELL, PYTHON, BAT");
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"properties", R"({"version":"1"})"}}))),
            "properties.risk_level must not be null");
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"content", R"("")"}, {"description", "1"}}))),
            "description must be a string | content size must be between 1 and 4096");
}

TEST(ParseModifyScriptTest, EmptyParamsRemoveThemAll) {
  Result<ModifyScriptCommand> m = Modify(ModifyBody({{"script_params", "[]"}}));
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(m->params);
  EXPECT_TRUE(m->params->empty());
}

TEST(ParseModifyScriptTest, TwentyParamsAsOnCreate) {
  std::string params;
  for (int i = 1; i <= 20; ++i)
    params += (i > 1 ? "," : "") + Param({}, i, "p" + std::to_string(i));
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"script_params", "[" + params + "]"}}))), "ok");
}

TEST(ParseModifyScriptTest, MaskKeepsASensitiveValue) {
  std::string sensitive = Param({{"param_value", R"("******")"}, {"sensitive", "true"}});
  Result<ModifyScriptCommand> m = Modify(ModifyBody({{"script_params", "[" + sensitive + "]"}}));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ((*m->params)[0].value, kMaskedValue);
  // Not for a parameter sent as not sensitive: that could unmask the stored value.
  std::string plain = Param({{"param_value", R"("******")"}});
  EXPECT_EQ(Outcome(Modify(ModifyBody({{"script_params", "[" + plain + "]"}}))),
            "script_params[0].param_value " + std::string(kParamValueRule));
}

// ---------------------------------------------------------------------------------------------
// Approve (contract §7).

TEST(ParseApproveScriptTest, Valid) {
  Result<ApproveScriptCommand> a = Approve(
      R"({"reviewer_id":"7a8513cd87b7448283a1d5190eb91234","approved":true,"comment":"好"})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->reviewer_id, "7a8513cd87b7448283a1d5190eb91234");
  EXPECT_TRUE(a->approved);
  EXPECT_EQ(a->comment, "好");
  Result<ApproveScriptCommand> reject = Approve(R"({"reviewer_id":"u1","approved":false})");
  ASSERT_TRUE(reject.ok());
  EXPECT_FALSE(reject->approved);
  EXPECT_EQ(reject->comment, "");
}

TEST(ParseApproveScriptTest, Rules) {
  EXPECT_EQ(Outcome(Approve("{}")), "reviewer_id must not be null | approved must not be null");
  EXPECT_EQ(Outcome(Approve(R"({"reviewer_id":"","approved":"yes"})")),
            "reviewer_id size must be between 1 and 32 | approved must be a boolean");
  EXPECT_EQ(Outcome(Approve(R"({"reviewer_id":")" + Repeat("u", 33) + R"(","approved":true})")),
            "reviewer_id size must be between 1 and 32");
  EXPECT_EQ(Outcome(Approve(R"({"reviewer_id":"u","approved":true,"comment":")" +
                            Repeat("评", 257) + R"("})")),
            "comment size must be between 0 and 256");
  EXPECT_EQ(Outcome(Approve("true")), "request body must be a JSON object");
}

// ---------------------------------------------------------------------------------------------
// List query (table 4-13).

Result<ScriptListQuery> Query(std::map<std::string, std::string> params) {
  return ParseScriptListQuery([params](std::string_view name) -> std::optional<std::string> {
    auto it = params.find(std::string(name));
    if (it == params.end()) return std::nullopt;
    return it->second;
  });
}

TEST(ParseScriptListQueryTest, DefaultsWithoutParameters) {
  Result<ScriptListQuery> q = Query({});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->limit, 20);
  EXPECT_EQ(q->marker, std::nullopt);
  EXPECT_EQ(q->name_like, "");
  EXPECT_EQ(q->risk_level, std::nullopt);
  EXPECT_EQ(q->type, std::nullopt);
}

TEST(ParseScriptListQueryTest, EveryFilter) {
  Result<ScriptListQuery> q = Query({{"limit", "100"},
                                     {"marker", "0"},
                                     {"name_like", Repeat("脚", 32)},
                                     {"creator", Repeat("c", 64)},
                                     {"risk_level", "HIGH"},
                                     {"type", "BAT"}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->limit, 100);
  EXPECT_EQ(q->marker, 0);
  EXPECT_EQ(q->name_like, Repeat("脚", 32));
  EXPECT_EQ(q->creator, Repeat("c", 64));
  EXPECT_EQ(q->risk_level, RiskLevel::kHigh);
  EXPECT_EQ(q->type, ScriptType::kBat);
  EXPECT_EQ(Query({{"limit", ""}, {"type", ""}})->limit, 20);  // empty counts as absent
}

struct QueryRow {
  std::string name, value, expected;
};

class ScriptListQueryRuleTest : public testing::TestWithParam<QueryRow> {};

TEST_P(ScriptListQueryRuleTest, Refused) {
  const QueryRow& row = GetParam();
  EXPECT_EQ(Outcome(Query({{row.name, row.value}})), row.expected) << row.value;
}

const std::string kLimitRule = "limit must be an integer between 1 and 100";
const std::string kMarkerRule = "marker must be an integer between 0 and 9223372036854775807";

INSTANTIATE_TEST_SUITE_P(
    Rows, ScriptListQueryRuleTest,
    testing::Values(QueryRow{"limit", "0", kLimitRule}, QueryRow{"limit", "101", kLimitRule},
                    QueryRow{"limit", "-1", kLimitRule}, QueryRow{"limit", "ten", kLimitRule},
                    QueryRow{"limit", "1x", kLimitRule}, QueryRow{"limit", "2.0", kLimitRule},
                    QueryRow{"marker", "-1", kMarkerRule},
                    QueryRow{"marker", "9223372036854775808", kMarkerRule},
                    QueryRow{"marker", "abc", kMarkerRule},
                    QueryRow{"name_like", Repeat("脚", 33),
                             "name_like size must be between 1 and 32"},
                    QueryRow{"name_like", "\xFF", "name_like must be valid UTF-8"},
                    QueryRow{"creator", Repeat("c", 65), "creator size must be between 1 and 64"},
                    QueryRow{"risk_level", "low", "risk_level must be one of LOW, MEDIUM, HIGH"},
                    QueryRow{"type", "PERL", "type must be one of SHELL, PYTHON, BAT"}));

TEST(ParseScriptListQueryTest, EveryProblemAtOnce) {
  EXPECT_EQ(Outcome(Query({{"limit", "0"}, {"type", "x"}, {"marker", "m"}})),
            kLimitRule + " | " + kMarkerRule + " | type must be one of SHELL, PYTHON, BAT");
}

// ---------------------------------------------------------------------------------------------
// The {script_uuid} path parameter (tables 4-19, 4-21, 4-27).

TEST(CheckScriptUuidTest, Rules) {
  EXPECT_TRUE(CheckScriptUuid("SC2023102521413701c4a8a62").ok());
  EXPECT_TRUE(CheckScriptUuid("x").ok());  // well-formed enough: unknown is the service's 404
  EXPECT_EQ(CheckScriptUuid("").message(), "script_uuid size must be between 1 and 25");
  EXPECT_EQ(CheckScriptUuid(Repeat("a", 26)).message(),
            "script_uuid size must be between 1 and 25");
  EXPECT_EQ(CheckScriptUuid("../SC1").message(),
            "script_uuid must contain only letters and digits");
  EXPECT_EQ(CheckScriptUuid("SC_1").message(), "script_uuid must contain only letters and digits");
}

}  // namespace
}  // namespace alarmgate
