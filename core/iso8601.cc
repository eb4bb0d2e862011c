// Epoch milliseconds from ISO 8601 / RFC 3339 date-times, as monitors send them.

#include "core/iso8601.h"

#include <array>

namespace alarmgate {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the text with the few reads the grammar needs.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool Digits(int n, int& out) {
    out = 0;
    for (int k = 0; k < n; ++k, ++i_) {
      if (i_ >= s_.size() || !IsDigit(s_[i_])) return false;
      out = out * 10 + (s_[i_] - '0');
    }
    return true;
  }
  bool Accept(std::string_view chars) {
    if (i_ < s_.size() && chars.find(s_[i_]) != std::string_view::npos) {
      last_ = s_[i_++];
      return true;
    }
    return false;
  }
  bool NextIsDigit() const { return i_ < s_.size() && IsDigit(s_[i_]); }
  bool AtEnd() const { return i_ == s_.size(); }
  char last() const { return last_; }

 private:
  std::string_view s_;
  size_t i_ = 0;
  char last_ = 0;
};

}  // namespace

std::optional<int64_t> ParseIso8601Ms(std::string_view text) {
  Scanner in(text);
  int year, month, day, hour, minute, second;
  if (!in.Digits(4, year) || !in.Accept("-") || !in.Digits(2, month) || !in.Accept("-") ||
      !in.Digits(2, day) || !in.Accept("Tt ") || !in.Digits(2, hour) || !in.Accept(":") ||
      !in.Digits(2, minute) || !in.Accept(":") || !in.Digits(2, second)) {
    return std::nullopt;
  }
  int millis = 0;
  if (in.Accept(".,")) {
    int digits = 0;
    for (int d; in.NextIsDigit(); ++digits) {
      in.Digits(1, d);
      if (digits < 3) millis = millis * 10 + d;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
  }
  int offset_minutes = 0;
  if (!in.Accept("Zz")) {
    if (!in.Accept("+-")) return std::nullopt;  // a zone is required: local time is ambiguous
    const int sign = in.last() == '-' ? -1 : 1;
    int offset_hour, offset_minute = 0;
    if (!in.Digits(2, offset_hour)) return std::nullopt;
    if (in.Accept(":")) {
      if (!in.Digits(2, offset_minute)) return std::nullopt;
    } else if (in.NextIsDigit() && !in.Digits(2, offset_minute)) {
      return std::nullopt;
    }
    if (offset_hour > 23 || offset_minute > 59) return std::nullopt;
    offset_minutes = sign * (offset_hour * 60 + offset_minute);
  }
  if (!in.AtEnd()) return std::nullopt;
  // RFC 3339 allows second 60 (a leap second); it counts as the next second's start.
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  const int64_t seconds = ((DaysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 +
                          second - int64_t{offset_minutes} * 60;
  return seconds * 1000 + millis;
}

}  // namespace alarmgate
