// Script uuids: a time stamp for the eye, a permuted counter for uniqueness.

#include "remediation/script_uuid.h"

#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>

namespace alarmgate {
namespace {

constexpr uint64_t kMask36 = (uint64_t{1} << 36) - 1;
// 9999-12-31T23:59:59.999Z: the last instant 14 digits can show.
constexpr int64_t kMaxTimeMs = 253'402'300'799'999;

// A bijection of 36-bit values (multiplying by an odd number and xor-shifting right are each
// invertible modulo 2^36), so distinct counters give distinct suffixes that do not look sequential.
uint64_t Permute36(uint64_t x) {
  x = (x * 0x9E3779B97ull) & kMask36;
  x ^= x >> 17;
  x = (x * 0x5BD1E995ull) & kMask36;
  x ^= x >> 15;
  return x;
}

uint64_t RandomStart() {
  unsigned char bytes[8] = {};
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // Without OpenSSL's generator the time still separates processes started apart.
    return static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  uint64_t v = 0;
  for (unsigned char b : bytes) v = (v << 8) | b;
  return v;
}

uint64_t NextSuffix() {
  static std::atomic<uint64_t> counter{RandomStart()};
  return Permute36(counter.fetch_add(1, std::memory_order_relaxed) & kMask36);
}

}  // namespace

std::string NewScriptUuid(int64_t now_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds(std::clamp<int64_t>(now_ms, 0, kMaxTimeMs))};
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{floor<seconds>(t - day)};
  char buf[64];  // 25 used; room for what the compiler cannot rule out
  std::snprintf(
      buf, sizeof buf, "SC%04d%02u%02u%02lld%02lld%02lld%09llx", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
      static_cast<long long>(hms.seconds().count()), static_cast<unsigned long long>(NextSuffix()));
  return buf;
}

bool IsScriptUuid(std::string_view text) {
  if (text.size() != kScriptUuidLength || text.substr(0, 2) != "SC") return false;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto hex = [&](char c) { return digit(c) || (c >= 'a' && c <= 'f'); };
  return std::all_of(text.begin() + 2, text.begin() + 16, digit) &&
         std::all_of(text.begin() + 16, text.end(), hex);
}

}  // namespace alarmgate
