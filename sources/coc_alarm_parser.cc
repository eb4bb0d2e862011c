// COC alarm validation and extraction, both driven by one field table (seed 003 table 4-84).

#include "sources/coc_alarm_parser.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/problem_list.h"
#include "core/utf8.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

using Problems = ProblemList;

enum class FieldKind {
  kString,  // a string of min..max characters, stored in `target`
  kLevel,   // Critical|Major|Minor|Info
  kTime,    // an integer > 0 (epoch ms)
  kStatus,  // alarm|ok; "" means alarm (the seed allows length 0)
  kObject,  // any JSON object, kept verbatim
};

struct FieldSpec {
  std::string_view name;
  bool required;
  uint32_t min_chars;
  uint32_t max_chars;
  FieldKind kind;
  std::string Alarm::*target;  // kString only
};

// In the order problems are reported: the seed's 400 example names alarmName before alarmId.
constexpr std::array<FieldSpec, 14> kFields = {{
    {"alarmName", true, 1, 255, FieldKind::kString, &Alarm::alarm_name},
    {"alarmId", true, 1, 255, FieldKind::kString, &Alarm::alarm_id},
    {"alarmLevel", true, 1, 255, FieldKind::kLevel, nullptr},
    {"time", true, 0, 0, FieldKind::kTime, nullptr},
    {"nameSpace", true, 1, 255, FieldKind::kString, &Alarm::name_space},
    {"regionId", false, 0, 255, FieldKind::kString, &Alarm::region_id},
    {"applicationId", true, 1, 255, FieldKind::kString, &Alarm::application_id},
    {"resourceName", false, 0, 255, FieldKind::kString, &Alarm::resource_name},
    {"resourceId", false, 0, 255, FieldKind::kString, &Alarm::resource_id},
    {"alarmDesc", true, 1, 255, FieldKind::kString, &Alarm::alarm_desc},
    {"URL", false, 0, 255, FieldKind::kString, &Alarm::url},
    {"alarmStatus", false, 0, 255, FieldKind::kStatus, nullptr},
    {"alarmSource", true, 1, 255, FieldKind::kString, &Alarm::alarm_source},
    {"additional", false, 0, 0, FieldKind::kObject, nullptr},
}};


// Validates one field's value and stores it in `alarm`. Returns false (and records why) if invalid.
bool ApplyField(const FieldSpec& spec, simdjson::dom::element value, Alarm& alarm,
                std::string_view prefix, Problems& problems) {
  std::string_view text;
  switch (spec.kind) {
    case FieldKind::kString: {
      if (value.get_string().get(text)) {
        problems.Add(prefix, spec.name, "must be a string");
        return false;
      }
      size_t chars = CodePoints(text);
      if (chars < spec.min_chars || chars > spec.max_chars) {
        problems.Add(prefix, spec.name,
                     "size must be between " + std::to_string(spec.min_chars) + " and " +
                         std::to_string(spec.max_chars));
        return false;
      }
      alarm.*spec.target = text;
      return true;
    }
    case FieldKind::kLevel: {
      if (value.get_string().get(text)) {
        problems.Add(prefix, spec.name, "must be a string");
        return false;
      }
      std::optional<AlarmLevel> level = ParseAlarmLevel(text);
      if (!level) {
        problems.Add(prefix, spec.name, "must be one of Critical, Major, Minor, Info");
        return false;
      }
      alarm.level = *level;
      return true;
    }
    case FieldKind::kStatus: {
      if (value.get_string().get(text)) {
        problems.Add(prefix, spec.name, "must be a string");
        return false;
      }
      std::optional<AlarmStatus> status =
          text.empty() ? std::optional(AlarmStatus::kAlarm) : ParseAlarmStatus(text);
      if (!status) {
        problems.Add(prefix, spec.name, "must be one of alarm, ok");
        return false;
      }
      alarm.status = *status;
      return true;
    }
    case FieldKind::kTime: {
      // simdjson types a number by its text: 1.0 is a double, so only integer literals pass.
      if (value.type() == simdjson::dom::element_type::UINT64) {
        problems.Add(prefix, spec.name, "must be at most 9223372036854775807");
        return false;
      }
      int64_t ms;
      if (value.type() != simdjson::dom::element_type::INT64 || value.get_int64().get(ms)) {
        problems.Add(prefix, spec.name, "must be an integer");
        return false;
      }
      if (ms <= 0) {
        problems.Add(prefix, spec.name, "must be greater than 0");
        return false;
      }
      alarm.time_ms = ms;
      return true;
    }
    case FieldKind::kObject: {
      simdjson::dom::object object;
      if (value.get_object().get(object)) {
        problems.Add(prefix, spec.name, "must be an object");
        return false;
      }
      // `{}` is the common case and already the default: skip a second minify per alarm.
      if (object.size() != 0) alarm.additional_json = MinifiedJson(value);
      return true;
    }
  }
  return false;
}

// Validates one event object into `alarm`; problems are recorded with `prefix` ("" or "[i].").
void ParseEvent(simdjson::dom::element event, simdjson::dom::object object, Alarm& alarm,
                std::string_view prefix, Problems& problems) {
  // One pass over the event's fields; unknown ones are ignored (they stay in body_json).
  std::array<std::optional<simdjson::dom::element>, kFields.size()> values;
  for (simdjson::dom::key_value_pair field : object) {
    if (field.value.is_null()) continue;  // null counts as absent
    for (size_t i = 0; i < kFields.size(); ++i) {
      if (kFields[i].name == field.key) {
        if (!values[i]) values[i] = field.value;
        break;
      }
    }
  }
  bool ok = true;
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (!values[i]) {
      if (kFields[i].required) {
        problems.Add(prefix, kFields[i].name, "must not be null");
        ok = false;
      }
      continue;
    }
    ok = ApplyField(kFields[i], *values[i], alarm, prefix, problems) && ok;
  }
  if (ok) alarm.body_json = MinifiedJson(event);
}

}  // namespace

Result<std::vector<Alarm>> ParseCocAlarms(simdjson::dom::element root,
                                          std::string_view integration_name) {
  std::vector<Alarm> alarms;
  Problems problems;
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (!root.get_object().get(object)) {
    Alarm& alarm = alarms.emplace_back();
    alarm.integration = integration_name;
    ParseEvent(root, object, alarm, "", problems);
  } else if (!root.get_array().get(array)) {
    size_t count = array.size();
    if (count == 0) return Status::InvalidArgument("a batch must hold at least one alarm");
    if (count > kMaxCocBatchSize) {
      return Status::InvalidArgument("a batch holds at most " + std::to_string(kMaxCocBatchSize) +
                                     " alarms");
    }
    alarms.reserve(count);
    size_t index = 0;
    for (simdjson::dom::element event : array) {
      std::string prefix = "[" + std::to_string(index++) + "]";
      if (event.get_object().get(object)) {
        problems.Add("", prefix, "must be an object");
        continue;
      }
      prefix += ".";
      Alarm& alarm = alarms.emplace_back();
      alarm.integration = integration_name;
      ParseEvent(event, object, alarm, prefix, problems);
    }
  } else {
    return Status::InvalidArgument("request body must be a JSON object or an array of objects");
  }
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return alarms;
}

}  // namespace alarmgate
