// Incident number formatting: sequence first (it orders), UTC time second (it informs).

#include "incidents/incident_number.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace alarmgate {
namespace {

// 9999-12-31T23:59:59.999Z in epoch milliseconds: the last instant 14 digits can show.
constexpr int64_t kMaxTimeMs = 253'402'300'799'999;

}  // namespace

std::string FormatIncidentNum(uint64_t sequence, int64_t now_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds(std::clamp<int64_t>(now_ms, 0, kMaxTimeMs))};
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{floor<seconds>(t - day)};
  char buf[64];
  std::snprintf(buf, sizeof(buf), "IM%010llu%04d%02u%02u%02lld%02lld%02lld",
                static_cast<unsigned long long>(sequence), static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buf;
}

bool IsIncidentNum(std::string_view text) {
  if (text.size() != 26 || text.substr(0, 2) != "IM") return false;
  return std::all_of(text.begin() + 2, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<uint64_t> IncidentSequenceOf(std::string_view incident_num) {
  if (!IsIncidentNum(incident_num)) return std::nullopt;
  uint64_t sequence = 0;
  for (char c : incident_num.substr(2, 10)) sequence = sequence * 10 + (c - '0');
  return sequence;
}

}  // namespace alarmgate
