#pragma once
// Expands ${field} placeholders (contract §5): a missing field expands to empty; the result is
// cut to `max_chars` characters at a UTF-8 boundary.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alarms/alarm.h"
#include "rules/rule.h"

namespace alarmgate {

// There is no escaping: every "${" starts a placeholder. An unterminated "${" is kept as text
// (the loader refuses such templates, see TemplateProblems).
std::string Expand(const Template& t, const Alarm& alarm, size_t max_chars = SIZE_MAX);

// The field names a template uses, for the loader's checks.
std::vector<std::string> TemplateFields(const Template& t);

// What is wrong with a template, one message per problem: an unterminated "${", a placeholder
// naming no known field. Empty = valid.
std::vector<std::string> TemplateProblems(const Template& t);

// `s` cut to at most `max_chars` code points, never inside a UTF-8 sequence.
std::string TruncateUtf8(std::string s, size_t max_chars);

}  // namespace alarmgate
