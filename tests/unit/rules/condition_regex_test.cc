// CompileConditionRegex: the pattern's own flags, full-match use, and errors as values.

#include "rules/condition_regex.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace alarmgate {
namespace {

TEST(ConditionRegexTest, CompilesThePatternWithItsInlineFlags) {
  Condition c;
  c.kind = Condition::Kind::kRegex;
  c.pattern = R"((?i)web-\d+)";
  ASSERT_TRUE(CompileConditionRegex(c).ok());
  ASSERT_NE(c.regex, nullptr);
  EXPECT_EQ(c.regex->pattern(), c.pattern);
  EXPECT_TRUE(RE2::FullMatch("WEB-12", *c.regex));
  EXPECT_FALSE(RE2::FullMatch("web-12x", *c.regex));
}

TEST(ConditionRegexTest, APatternThatDoesNotCompileIsInvalidArgumentWithRe2sMessage) {
  Condition c;
  c.kind = Condition::Kind::kRegex;
  c.pattern = "(a+";
  Status s = CompileConditionRegex(c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("missing )"), std::string::npos) << s.message();
  EXPECT_EQ(c.regex, nullptr);
}

}  // namespace
}  // namespace alarmgate
