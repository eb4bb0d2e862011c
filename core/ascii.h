#pragma once
// ASCII character classes that config, inventory and request values are checked against
// (integration keys and names, token hashes, hosts), and ASCII lower-casing.

#include <algorithm>
#include <string>
#include <string_view>

namespace alarmgate {

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c);
}
inline bool IsHexChar(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Integration keys: [A-Za-z0-9_-]; integration names also allow '.'.
inline bool IsKeyChar(char c) { return IsAsciiAlnum(c) || c == '_' || c == '-'; }
inline bool IsNameChar(char c) { return IsKeyChar(c) || c == '.'; }

inline bool AllOf(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace alarmgate
