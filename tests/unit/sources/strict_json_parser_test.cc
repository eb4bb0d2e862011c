// Tests for StrictJsonParser: what strict JSON accepts, what it refuses and with which message.

#include "sources/strict_json_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace alarmgate {
namespace {

constexpr std::string_view kNotJson = "request body is not valid JSON: ";

std::string Nested(int levels, bool arrays) {
  std::string s;
  for (int i = 0; i < levels; ++i) s += arrays ? "[" : "{\"k\":";
  s += "1";
  for (int i = 0; i < levels; ++i) s += arrays ? "]" : "}";
  return s;
}

std::string Repeat(std::string_view part, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += part;
  return s;
}

struct Refusal {
  std::string name;
  std::string body;
  std::string message;
};

TEST(StrictJsonParserTest, RefusesWithClearMessages) {
  const std::string key100(100, 'k');
  const std::vector<Refusal> cases = {
      {"empty", "", "request body is empty"},
      {"whitespace only", " \t\r\n ", "request body is empty"},
      // Trailing data after a complete value.
      {"word after object", "{} x", "trailing data after the JSON value"},
      {"two objects", "{\"a\":1}{\"a\":1}", "trailing data after the JSON value"},
      {"two numbers", "1 2", "trailing data after the JSON value"},
      {"extra brace", "{\"a\":1}}", "trailing data after the JSON value"},
      {"two arrays", "[1] [2]", "trailing data after the JSON value"},
      {"string then number", "\"s\" 1", "trailing data after the JSON value"},
      {"brace inside string then trailing", "{\"a\":\"}\"} 1",
       "trailing data after the JSON value"},
      // Duplicate keys, at any depth.
      {"duplicate top level", R"({"alarmId":"a","x":1,"alarmId":"b"})",
       "duplicate key \"alarmId\""},
      {"duplicate in additional", R"({"alarmId":"a","additional":{"k":1,"k":2}})",
       "duplicate key \"k\""},
      {"duplicate in batch element", R"([{"a":1},{"b":1,"b":2}])", "duplicate key \"b\""},
      {"duplicate deep in arrays", R"({"a":[[{"x":{"y":1,"y":null}}]]})", "duplicate key \"y\""},
      {"duplicate via escape", R"({"a":1,"\u0061":2})", "duplicate key \"a\""},
      {"first repeat in document order", R"({"b":1,"a":1,"b":2,"a":2})", "duplicate key \"b\""},
      {"long key cut in message", "{\"" + key100 + "\":1,\"" + key100 + "\":2}",
       "duplicate key \"" + std::string(64, 'k') + "\""},
      // Nesting.
      {"65 arrays", Nested(65, true), "JSON nesting deeper than 64 levels"},
      {"65 objects", Nested(65, false), "JSON nesting deeper than 64 levels"},
      {"1000 arrays", Nested(1000, true), "JSON nesting deeper than 64 levels"},
      // Invalid UTF-8, wherever it is.
      {"overlong", "{\"a\":\"\xC0\xAF\"}", "request body is not valid UTF-8"},
      {"lone continuation", "{\"a\":\"\x80\"}", "request body is not valid UTF-8"},
      {"encoded surrogate", "{\"a\":\"\xED\xA0\x80\"}", "request body is not valid UTF-8"},
      {"truncated sequence", "{\"a\":\"\xE4\xBD\"}", "request body is not valid UTF-8"},
      {"byte FF", "{\"a\":\"\xFF\"}", "request body is not valid UTF-8"},
      {"in a key", "{\"\x80\":1}", "request body is not valid UTF-8"},
      {"beyond U+10FFFF", "{\"a\":\"\xF4\x90\x80\x80\"}", "request body is not valid UTF-8"},
      // Numbers out of range.
      {"uint64 max + 1", "{\"n\":18446744073709551616}", "number out of range"},
      {"huge integer", "[123456789012345678901234567890]", "number out of range"},
      {"int64 min - 1", "-9223372036854775809", "number out of range"},
      {"1e400", "{\"n\":1e400}", "number out of range"},
      {"-1e400", "{\"n\":-1e400}", "number out of range"},
      {"just above double max", "1.8e308", "number out of range"},
      {"big number after one in a string", R"({"s":"1 01 1e400","n":1e400})",
       "number out of range"},
      // Malformed numbers are not "out of range".
      {"leading zero", "{\"n\":01}", std::string(kNotJson) + "malformed number"},
      {"leading zero after big one in string", R"({"s":"1e400","n":01})",
       std::string(kNotJson) + "malformed number"},
      {"minus alone", "[-]", std::string(kNotJson) + "malformed number"},
      {"no exponent digits", "[1e]", std::string(kNotJson) + "malformed number"},
      // Other syntax errors.
      {"bare word", "abc",
       std::string(kNotJson) + "improper structure (a missing or extra comma, colon, brace, "
                               "bracket or key)"},
      {"trailing comma", "{\"a\":1,}",
       std::string(kNotJson) + "improper structure (a missing or extra comma, colon, "
                               "brace, bracket or key)"},
      {"unquoted key", "{a:1}",
       std::string(kNotJson) + "improper structure (a missing or extra comma, colon, brace, "
                               "bracket or key)"},
      {"unclosed object", "{\"a\":1",
       std::string(kNotJson) + "improper structure (a missing or extra comma, colon, "
                               "brace, bracket or key)"},
      {"mismatched brackets", "{\"a\":[1}]",
       std::string(kNotJson) + "improper structure (a missing or extra comma, "
                               "colon, brace, bracket or key)"},
      {"unterminated string", "{\"a\":\"x", std::string(kNotJson) + "unterminated string"},
      {"control character", "{\"a\":\"\x01\"}",
       std::string(kNotJson) + "unescaped control character in a string"},
      {"bad escape", R"({"a":"\x"})",
       std::string(kNotJson) + "invalid escape sequence in a string"},
      {"escaped lone surrogate", R"({"a":"\ud800"})",
       std::string(kNotJson) + "invalid escape sequence in a string"},
      {"bad literal", "[tru]",
       std::string(kNotJson) + "unknown literal (expected true, false or null)"},
  };
  StrictJsonParser parser;
  for (const Refusal& c : cases) {
    SCOPED_TRACE(c.name);
    std::string body = c.body;
    Result<simdjson::dom::element> result = parser.Parse(body);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(), c.message);
  }
}

TEST(StrictJsonParserTest, AcceptsStrictlyValidDocuments) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // name, body; the expectation is the minified form of the body.
      {"64 arrays", Nested(64, true)},
      {"64 objects", Nested(64, false)},
      {"64 mixed", "{\"a\":" + Repeat("[", 63) + "1" + Repeat("]", 63) + "}"},
      {"same key in sibling objects", R"({"a":{"a":1},"b":{"a":2},"c":[{"a":3},{"a":4}]})"},
      {"keys that differ only in case", R"({"a":1,"A":2})"},
      {"uint64 max", "18446744073709551615"},
      {"int64 min", "-9223372036854775808"},
      {"double max", "1.7976931348623157e308"},
      {"scalar root", "\"text\""},
      {"null root", "null"},
      {"multi-byte UTF-8", R"({"名前":"Cpu 使用超额预警 😀"})"},
      {"escaped surrogate pair", R"({"a":"\ud83d\ude00"})"},
  };
  StrictJsonParser parser;
  for (const auto& [name, json] : cases) {
    SCOPED_TRACE(name);
    std::string body = json;
    Result<simdjson::dom::element> result = parser.Parse(body);
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(body, json) << "the body's content must be left as it was";
  }
}

TEST(StrictJsonParserTest, UnderflowingFloatIsZeroNotAnError) {
  StrictJsonParser parser;
  std::string body = "[1e-400]";
  Result<simdjson::dom::element> result = parser.Parse(body);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(MinifiedJson(*result), "[0.0]");
}

TEST(StrictJsonParserTest, TrailingWhitespaceIsFine) {
  StrictJsonParser parser;
  std::string body = " \n{\"a\":1} \r\n\t ";
  Result<simdjson::dom::element> result = parser.Parse(body);
  ASSERT_TRUE(result.ok()) << result.status().message();
  int64_t a = 0;
  ASSERT_FALSE((*result)["a"].get(a));
  EXPECT_EQ(a, 1);
}

TEST(StrictJsonParserTest, ReservesPaddingOnTheBodyItself) {
  StrictJsonParser parser;
  std::string body = R"({"alarmId":"x"})";
  body.shrink_to_fit();
  Result<simdjson::dom::element> result = parser.Parse(body);
  ASSERT_TRUE(result.ok());
  EXPECT_GE(body.capacity(), body.size() + simdjson::SIMDJSON_PADDING);
  EXPECT_EQ(body, R"({"alarmId":"x"})");
}

TEST(StrictJsonParserTest, ParserIsReusableAcrossCallsAndErrors) {
  StrictJsonParser parser;
  // A large document first makes simdjson grow its buffers; the depth limit must survive that.
  std::string big = "[" + Repeat("\"0123456789\",", 20000) + "1]";
  ASSERT_TRUE(parser.Parse(big).ok());

  std::string deep = Nested(65, true);
  EXPECT_EQ(parser.Parse(deep).status().message(), "JSON nesting deeper than 64 levels");

  std::string dup = R"({"a":1,"a":2})";
  EXPECT_EQ(parser.Parse(dup).status().message(), "duplicate key \"a\"");

  std::string first = R"({"name":"first","n":1})";
  Result<simdjson::dom::element> r1 = parser.Parse(first);
  ASSERT_TRUE(r1.ok());
  std::string_view name;
  ASSERT_FALSE((*r1)["name"].get(name));
  EXPECT_EQ(name, "first");

  std::string trailing = "{} {}";
  EXPECT_EQ(parser.Parse(trailing).status().message(), "trailing data after the JSON value");

  std::string second = R"({"name":"second","n":2})";
  Result<simdjson::dom::element> r2 = parser.Parse(second);
  ASSERT_TRUE(r2.ok());
  ASSERT_FALSE((*r2)["name"].get(name));
  EXPECT_EQ(name, "second");
  EXPECT_EQ(MinifiedJson(*r2), R"({"name":"second","n":2})");
}

TEST(StrictJsonParserTest, MinifiedJsonKeepsOrderAndContent) {
  StrictJsonParser parser;
  std::string body =
      "{ \"b\" : [ 1 , 2.5 , true , null ] ,\n \"a\" : \"\\u00e9\\n\\\"q\\\"\" , \"c\" : { } }";
  Result<simdjson::dom::element> result = parser.Parse(body);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(MinifiedJson(*result), "{\"b\":[1,2.5,true,null],\"a\":\"é\\n\\\"q\\\"\",\"c\":{}}");
}

}  // namespace
}  // namespace alarmgate
