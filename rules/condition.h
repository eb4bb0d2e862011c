#pragma once
// Condition: the test of one alarm field, shared by rule matches and silence matchers.

#include <memory>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace alarmgate {

// One field's test. `field` is an alarm field name as on the wire ("alarmName", "alarmLevel",
// "resourceId", …), "integration", or "additional.<path>" (dots walk nested objects).
struct Condition {
  enum class Kind { kEquals, kAnyOf, kRegex };
  std::string field;
  Kind kind = Kind::kEquals;
  bool negated = false;             // {not: …}
  std::vector<std::string> values;  // kEquals: one value; kAnyOf: the list
  // kRegex: the text as written, RE2 syntax (flags inside it: "(?i)…"). It is what is stored and
  // shown; `regex` is compiled from it (rules/condition_regex.h) and matched in full.
  std::string pattern;
  std::shared_ptr<const re2::RE2> regex;
};

}  // namespace alarmgate
