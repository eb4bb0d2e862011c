#pragma once
// A silence as the API shows it: {"id","matchers":{field: value | [values] | {"regex":…} |
// {"not":…}},"starts_at","ends_at","comment","creator","source":"file"|"api",
// "state":"pending"|"active"|"expired"}.

#include <cstdint>
#include <string_view>

#include "core/json_writer.h"
#include "rules/silence.h"

namespace alarmgate {

void WriteSilence(JsonWriter& w, const Silence& silence, int64_t now_ms);

// "pending" before starts_at, "active" until ends_at, then "expired".
std::string_view SilenceState(const Silence& silence, int64_t now_ms);

}  // namespace alarmgate
