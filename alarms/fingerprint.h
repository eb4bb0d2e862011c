#pragma once
// The identity of an alarm (contract §4.4): integration name + alarmId, hashed so that it is
// URL-safe and fixed-length whatever the alarmId holds.

#include <string>
#include <string_view>

#include "core/crypto.h"

namespace alarmgate {

inline std::string Fingerprint(std::string_view integration, std::string_view alarm_id) {
  std::string input;
  input.reserve(integration.size() + 1 + alarm_id.size());
  input.append(integration).push_back('\n');  // '\n' cannot occur in an integration name
  input.append(alarm_id);
  std::string hex = Sha256Hex(input);
  hex.resize(32);  // truncated in place: no second string
  return hex;
}

}  // namespace alarmgate
