#pragma once
// Hashing and comparison of credentials, through OpenSSL: never hand-rolled.

#include <string>
#include <string_view>

namespace alarmgate {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Equality that takes the same time wherever the inputs differ (for tokens and keys).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace alarmgate
