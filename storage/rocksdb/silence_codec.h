#pragma once
// The on-disk value of an API silence: a JSON object with a leading format version; regex
// matchers are kept as their pattern and compiled again when read. The key is the silence id.

#include <string>
#include <string_view>

#include "core/status.h"
#include "rules/silence.h"

namespace alarmgate {

class SilenceCodec {
 public:
  static constexpr int kVersion = 1;

  // Regexes are stored as `regex->pattern()` only: options beyond RE2's defaults are lost, so
  // whoever compiles them must put flags in the pattern ("(?i)…"), as the rules loader does.
  static std::string Encode(const Silence& silence);
  // `key` is the id the value was stored under; it becomes Silence::id and names the silence in
  // errors. Internal when the value is not a silence this build can read, including a pattern
  // this build's RE2 no longer compiles.
  static Result<Silence> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
