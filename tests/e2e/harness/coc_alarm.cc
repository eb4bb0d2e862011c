// Builds COC alarm bodies; string fields are escaped so any test id is safe.

#include "tests/e2e/harness/coc_alarm.h"

#include <cstdio>

#include "tests/fixtures/seed_alarm_example.h"

namespace alarmgate::e2e {

// A literal: NUL-terminated, so .data() is a C string.
const char* const kSeedExampleBody = seed_examples::kCocAlarmRequest.data();

namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

std::string CocAlarm::ToJson() const {
  return "{\"alarmId\":" + Quote(alarm_id) + ",\"alarmName\":" + Quote(alarm_name) +
         ",\"alarmLevel\":" + Quote(alarm_level) + ",\"time\":" + std::to_string(time) +
         ",\"nameSpace\":\"shanghai\",\"regionId\":\"cn-north-4\",\"applicationId\":"
         "\"18cfa0a5ef8d\""
         ",\"resourceName\":\"machine-1\",\"resourceId\":\"18cxxxxxxxxxxxxff68625\""
         ",\"alarmDesc\":\"e2e\",\"URL\":\"https://example.com\",\"alarmStatus\":" +
         Quote(alarm_status) + ",\"alarmSource\":\"coc\",\"additional\":" + additional_json + "}";
}

std::string CocPath(const std::string& key) { return "/v1/event/huawei/custom/" + key; }

}  // namespace alarmgate::e2e
