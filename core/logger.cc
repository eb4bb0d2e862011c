#include "core/logger.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/json_writer.h"

namespace alarmgate {
namespace {

const char* LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

// Text values are quoted when they would otherwise be ambiguous to a key=value parser.
void AppendTextValue(std::string& out, std::string_view v) {
  bool plain = !v.empty();
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) plain = false;
  }
  if (plain) {
    out.append(v);
  } else {
    JsonWriter::AppendEscaped(out, v);
  }
}

}  // namespace

Logger& Logger::Get() {
  static Logger logger;
  return logger;
}

void Logger::Configure(LogLevel level, LogFormat format) {
  level_.store(level);
  format_.store(format);
}

void Logger::Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  std::string line;
  if (format_.load() == LogFormat::kJson) {
    JsonWriter w;
    w.BeginObject().Key("ts").String(Timestamp()).Key("level").String(LevelName(level));
    w.Key("event").String(event);
    for (const auto& f : fields) w.Key(f.key).String(f.value);
    w.EndObject();
    line = w.Take();
  } else {
    line = "ts=" + Timestamp() + " level=" + LevelName(level) + " event=";
    AppendTextValue(line, event);
    for (const auto& f : fields) {
      line.push_back(' ');
      line.append(f.key);
      line.push_back('=');
      AppendTextValue(line, f.value);
    }
  }
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

std::string Redact(std::string_view secret) {
  // Count UTF-8 code points so a multi-byte character is never cut in half.
  size_t bytes = 0;
  int chars = 0;
  while (bytes < secret.size() && chars < 4) {
    ++bytes;
    while (bytes < secret.size() && (static_cast<unsigned char>(secret[bytes]) & 0xC0) == 0x80) {
      ++bytes;
    }
    ++chars;
  }
  return std::string(secret.substr(0, bytes)) + "…";
}

}  // namespace alarmgate
