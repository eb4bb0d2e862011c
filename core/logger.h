#pragma once
// One line per event on stderr: `key=value` text or JSON lines. Secrets go through Redact().

#include <atomic>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace alarmgate {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
enum class LogFormat { kText, kJson };

struct LogField {
  std::string_view key;
  std::string value;
  LogField(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const char* v) : key(k), value(v) {}
  LogField(std::string_view k, bool b) : key(k), value(b ? "true" : "false") {}
  template <typename N, typename = std::enable_if_t<std::is_arithmetic_v<N>>>
  LogField(std::string_view k, N n) : key(k), value(std::to_string(n)) {}
};

class Logger {
 public:
  static Logger& Get();

  void Configure(LogLevel level, LogFormat format);
  bool Enabled(LogLevel level) const { return level >= level_.load(); }
  void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields);

 private:
  std::atomic<LogLevel> level_{LogLevel::kInfo};
  std::atomic<LogFormat> format_{LogFormat::kText};
  std::mutex mu_;
};

inline void LogDebug(std::string_view e, std::initializer_list<LogField> f = {}) {
  Logger::Get().Log(LogLevel::kDebug, e, f);
}
inline void LogInfo(std::string_view e, std::initializer_list<LogField> f = {}) {
  Logger::Get().Log(LogLevel::kInfo, e, f);
}
inline void LogWarn(std::string_view e, std::initializer_list<LogField> f = {}) {
  Logger::Get().Log(LogLevel::kWarn, e, f);
}
inline void LogError(std::string_view e, std::initializer_list<LogField> f = {}) {
  Logger::Get().Log(LogLevel::kError, e, f);
}

// The first 4 characters of a secret, then "…": enough to tell keys apart, not to use them.
std::string Redact(std::string_view secret);

}  // namespace alarmgate
