#pragma once
// Character counting and cutting of valid UTF-8 (every input is validated when parsed): limits in
// the API are in characters, and a cut never splits a character.

#include <cstddef>
#include <string_view>

namespace alarmgate {

// Unicode code points: every byte that is not a continuation byte starts one.
inline size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The longest prefix of `s` holding at most `max_chars` characters.
inline std::string_view CutToChars(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return s.substr(0, i);
    }
  }
  return s;
}

}  // namespace alarmgate
