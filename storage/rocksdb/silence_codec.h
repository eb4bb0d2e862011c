#pragma once
// The on-disk value of an API silence: a JSON object with a leading format version; regex
// matchers are kept as their pattern text (Condition::pattern). The key is the silence id.

#include <string>
#include <string_view>

#include "core/status.h"
#include "rules/silence.h"

namespace alarmgate {

class SilenceCodec {
 public:
  static constexpr int kVersion = 1;

  // Only a regex condition's `pattern` is stored, not its compiled `regex`: flags live in the
  // pattern ("(?i)…"), and every reader compiles it the same way (rules/condition_regex.h).
  static std::string Encode(const Silence& silence);
  // `key` is the id the value was stored under; it becomes Silence::id and names the silence in
  // errors. Regex conditions come back with their `pattern` and no `regex`. Internal when the
  // value is not a silence this build can read.
  static Result<Silence> Decode(std::string_view key, std::string_view value);
};

}  // namespace alarmgate
