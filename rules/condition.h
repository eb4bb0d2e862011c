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
  std::shared_ptr<const re2::RE2> regex;  // kRegex: full match, RE2 syntax
};

}  // namespace alarmgate
