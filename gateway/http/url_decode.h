#pragma once
// Percent-decoding for request paths and query strings (RFC 3986; '+' as space in queries only).

#include <string>
#include <string_view>

namespace alarmgate {

// Decodes %XX escapes; a '%' not followed by two hex digits is kept as it is.
std::string PercentDecode(std::string_view in, bool plus_as_space);

}  // namespace alarmgate
