#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(JsonWriterTest, InsertsCommasBetweenMembersAndElements) {
  JsonWriter w;
  w.BeginObject().Key("a").Int(1).Key("b").BeginArray().Bool(true).Null().String("x").EndArray();
  w.Key("c").BeginObject().EndObject().Key("d").Raw(R"({"k":[1]})").EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[true,null,"x"],"c":{},"d":{"k":[1]}})");
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  JsonWriter w;
  w.String(std::string("q\"b\\n\nt\tz\x01", 10));
  EXPECT_EQ(w.str(), R"("q\"b\\n\nt\tz\u0001")");
}

TEST(JsonWriterTest, EscapesAtTheEdgesAndBackToBack) {
  JsonWriter w;
  w.BeginArray().String("\"").String("\n\r\b\f\x1f").String("\\plain\\").String("").EndArray();
  EXPECT_EQ(w.str(), R"(["\"","\n\r\b\f\u001f","\\plain\\",""])");
}

TEST(JsonWriterTest, PassesUtf8Through) {
  JsonWriter w;
  w.String("Cpu 使用超额预警");
  EXPECT_EQ(w.str(), "\"Cpu 使用超额预警\"");
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  JsonWriter w;
  w.BeginArray().Double(1.5).Double(std::numeric_limits<double>::infinity()).EndArray();
  EXPECT_EQ(w.str(), "[1.5,null]");
}

}  // namespace
}  // namespace alarmgate
