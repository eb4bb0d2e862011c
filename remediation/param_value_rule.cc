// The parameter-value rule as a character set plus one forbidden pair: it keeps shell
// metacharacters ($, `, ;, |, &, ', newlines) and path climbing ("..") out of values.

#include "remediation/param_value_rule.h"

namespace alarmgate {
namespace {

// The set's symbols; every byte of a multi-byte UTF-8 character is outside the set.
constexpr std::string_view kSymbols = "_-/. ?:\",=+@[]{}";

bool IsAllowed(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return kSymbols.find(c) != std::string_view::npos;
}

}  // namespace

bool IsValidParamValue(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    if (!IsAllowed(value[i])) return false;
    if (value[i] == '.' && i + 1 < value.size() && value[i + 1] == '.') return false;
  }
  return true;
}

}  // namespace alarmgate
