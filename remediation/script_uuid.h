#pragma once
// script_uuid: "SC" + 23 characters, in the seed's shape SC2023102521413701c4a8a62 — the UTC time
// as yyyyMMddHHmmss, then 9 lower-case hex digits.

#include <cstdint>
#include <string>
#include <string_view>

namespace alarmgate {

inline constexpr size_t kScriptUuidLength = 25;

// A new uuid at `now_ms` (clamped to years 1970..9999). The 9 hex digits are a 36-bit permutation
// of a per-process counter whose start comes from OpenSSL's RAND_bytes: never the same twice in
// one process (for 2^36 calls), unpredictable across processes. Another process issuing in the
// same second may collide with a chance of about 1 in 2^36 per pair: the service refuses an
// existing uuid on insert and asks for another.
std::string NewScriptUuid(int64_t now_ms);

// True for the shape NewScriptUuid produces: "SC", 14 digits, 9 lower-case hex digits.
bool IsScriptUuid(std::string_view text);

}  // namespace alarmgate
