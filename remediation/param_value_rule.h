#pragma once
// The parameter-value rule of contract §7, for script parameters and later for rule-template
// parameters: ^((?!\.{2})[a-zA-Z0-9_\-/.\x20?:",=+@\[\]{}])*$. RE2 has no lookahead, and the rule
// needs none: it is "every character in the set, and no `..` anywhere".

#include <string_view>

namespace alarmgate {

// The rule in words, for "<field> <rule>" messages. Messages never quote the value itself: it may
// belong to a sensitive parameter.
inline constexpr std::string_view kParamValueRule =
    "must contain only letters, digits, spaces and _-/.?:\",=+@[]{}, and no \"..\"";

// True when `value` satisfies the rule (the empty value does). Length is checked separately.
bool IsValidParamValue(std::string_view value);

}  // namespace alarmgate
