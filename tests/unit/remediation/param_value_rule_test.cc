// Tests for the parameter-value rule: the contract's regular expression, case by case, including
// the shell metacharacters and the ".." it exists to keep out.

#include "remediation/param_value_rule.h"

#include <gtest/gtest.h>

#include <string>

namespace alarmgate {
namespace {

struct Case {
  std::string value;
  bool valid;
};

class ParamValueRuleTest : public testing::TestWithParam<Case> {};

TEST_P(ParamValueRuleTest, MatchesTheContractRule) {
  EXPECT_EQ(IsValidParamValue(GetParam().value), GetParam().valid)
      << "[" << GetParam().value << "]";
}

INSTANTIATE_TEST_SUITE_P(
    Values, ParamValueRuleTest,
    testing::Values(
        // Allowed: the empty value, every character of the set, single dots anywhere.
        Case{"", true}, Case{"string", true}, Case{"abcXYZ019_", true},
        Case{"-/. ?:\",=+@[]{}", true}, Case{"/var/log/app.log", true}, Case{".hidden", true},
        Case{"a.b.c", true}, Case{"end.", true}, Case{"key=value,other=2", true},
        Case{"user@example.com", true}, Case{"{\"json\": [1, 2]}", true},
        Case{"http://host:80/path?q=1", true},
        // ".." anywhere, and any longer run of dots.
        Case{"..", false}, Case{"a..b", false}, Case{"../etc/passwd", false}, Case{"dir/..", false},
        Case{"...", false}, Case{"a.b..c", false},
        // Shell metacharacters and everything else outside the set.
        Case{"$(x)", false}, Case{"${x}", false}, Case{"`id`", false}, Case{"a;b", false},
        Case{"a|b", false}, Case{"a&b", false}, Case{"a>b", false}, Case{"a<b", false},
        Case{"a\nb", false}, Case{"a\rb", false}, Case{"a\tb", false}, Case{"'quoted'", false},
        Case{"a\\b", false}, Case{"a*b", false}, Case{"******", false}, Case{"#", false},
        Case{"%", false}, Case{"!", false}, Case{"~", false}, Case{"(x)", false},
        Case{"中文", false}, Case{std::string("a\0b", 3), false}));

}  // namespace
}  // namespace alarmgate
