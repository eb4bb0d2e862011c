// PagerDuty Events API v2 validation (every problem, one per line) and the event → Alarm mapping.

#include "sources/pagerduty_event_parser.h"

#include <array>
#include <limits>
#include <utility>

#include "core/iso8601.h"
#include "core/json_writer.h"
#include "core/logger.h"
#include "core/problem_list.h"
#include "core/utf8.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

using Problems = ProblemList;

// The COC limit of every mapped string (seed 003 table 4-84); also PagerDuty's for dedup_key and
// source.
constexpr size_t kMaxChars = 255;
constexpr size_t kUnlimited = std::numeric_limits<size_t>::max();
constexpr std::string_view kDefaultName = "default";

constexpr std::array<std::pair<std::string_view, AlarmLevel>, 4> kSeverities = {{
    {"critical", AlarmLevel::kCritical},
    {"error", AlarmLevel::kMajor},
    {"warning", AlarmLevel::kMinor},
    {"info", AlarmLevel::kInfo},
}};


void Report(Problems* problems, std::string_view path, std::string_view rule) {
  if (problems != nullptr) problems->Add(path, rule);
}

std::string SizeRule(size_t min_chars, size_t max_chars) {
  return "size must be between " + std::to_string(min_chars) + " and " + std::to_string(max_chars);
}

// The member `key` of `object`, or nullopt when absent or null (null counts as absent).
std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) || value.is_null()) return std::nullopt;
  return value;
}

// The string member `key` (reported as `path`) of min_chars..max_chars characters; nullopt when
// absent or invalid. A required one that is absent is reported.
std::optional<std::string_view> StringMember(simdjson::dom::object object, std::string_view key,
                                             std::string_view path, bool required, size_t min_chars,
                                             size_t max_chars, Problems* problems) {
  std::optional<simdjson::dom::element> value = Member(object, key);
  if (!value) {
    if (required) Report(problems, path, "must not be null");
    return std::nullopt;
  }
  std::string_view text;
  if (value->get_string().get(text)) {
    Report(problems, path, "must be a string");
    return std::nullopt;
  }
  if (max_chars != kUnlimited) {
    size_t chars = CodePoints(text);
    if (chars < min_chars || chars > max_chars) {
      Report(problems, path, SizeRule(min_chars, max_chars));
      return std::nullopt;
    }
  }
  return text;
}

bool IsKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// links / images: an optional array of objects, each with the string member `required_key`.
// Returns the minified array ("[]" when absent or invalid).
std::string ReadObjectArray(simdjson::dom::object event, std::string_view key,
                            std::string_view required_key, Problems* problems) {
  std::optional<simdjson::dom::element> value = Member(event, key);
  if (!value) return "[]";
  simdjson::dom::array array;
  if (value->get_array().get(array)) {
    Report(problems, key, "must be an array");
    return "[]";
  }
  bool ok = true;
  size_t index = 0;
  for (simdjson::dom::element item : array) {
    std::string path = std::string(key) + "[" + std::to_string(index++) + "]";
    simdjson::dom::object object;
    if (item.get_object().get(object)) {
      Report(problems, path, "must be an object");
      ok = false;
      continue;
    }
    std::string member_path = path + "." + std::string(required_key);
    ok = StringMember(object, required_key, member_path, true, 0, kUnlimited, problems) && ok;
  }
  return ok ? MinifiedJson(*value) : "[]";
}

// payload.* into `event`; `problems` is null when PagerDuty would ignore the payload.
void ReadPayload(simdjson::dom::object payload, PagerDutyEvent& event, Problems* problems) {
  const bool required = problems != nullptr;
  if (auto summary = StringMember(payload, "summary", "payload.summary", required, 1,
                                  kMaxPagerDutySummaryChars, problems)) {
    event.summary = *summary;
  }
  if (auto source =
          StringMember(payload, "source", "payload.source", required, 1, kMaxChars, problems)) {
    event.source = *source;
  }
  if (auto severity = StringMember(payload, "severity", "payload.severity", required, 0, kUnlimited,
                                   problems)) {
    bool known = false;
    for (const auto& entry : kSeverities) known = known || entry.first == *severity;
    if (known) {
      event.severity = *severity;
    } else {
      Report(problems, "payload.severity", "must be one of critical, error, warning, info");
    }
  }
  if (auto timestamp =
          StringMember(payload, "timestamp", "payload.timestamp", false, 0, kUnlimited, problems)) {
    std::optional<int64_t> ms = ParseIso8601Ms(*timestamp);
    if (!ms) {
      Report(problems, "payload.timestamp",
             "must be an ISO 8601 time, e.g. 2015-07-17T08:42:58.315+0000");
    } else if (*ms <= 0) {
      Report(problems, "payload.timestamp", "must be after 1970-01-01T00:00:00Z");
    } else {
      event.timestamp_ms = *ms;
    }
  }
  // PagerDuty sets no limit on these: they are cut where they are mapped (ToAlarm).
  if (auto v =
          StringMember(payload, "component", "payload.component", false, 0, kUnlimited, problems)) {
    event.component = *v;
  }
  if (auto v = StringMember(payload, "group", "payload.group", false, 0, kUnlimited, problems)) {
    event.group = *v;
  }
  if (auto v = StringMember(payload, "class", "payload.class", false, 0, kUnlimited, problems)) {
    event.klass = *v;
  }
  if (std::optional<simdjson::dom::element> details = Member(payload, "custom_details")) {
    event.custom_details_json = MinifiedJson(*details);
  }
}

}  // namespace

Result<PagerDutyEvent> ParsePagerDutyEvent(simdjson::dom::element root) {
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return Status::InvalidArgument("event must be a JSON object");
  }
  PagerDutyEvent event;
  Problems problems("\n");  // PagerDuty lists its errors one by one

  if (auto key =
          StringMember(object, "routing_key", "routing_key", true, 1, kMaxChars, &problems)) {
    bool valid = true;
    for (char c : *key) valid = valid && IsKeyChar(c);
    if (valid) {
      event.routing_key = *key;
    } else {
      problems.Add("routing_key", "must contain only A-Z, a-z, 0-9, _ and -");
    }
  }

  std::optional<PagerDutyEvent::Action> action;
  if (auto text =
          StringMember(object, "event_action", "event_action", true, 0, kUnlimited, &problems)) {
    if (*text == "trigger") {
      action = PagerDutyEvent::Action::kTrigger;
    } else if (*text == "acknowledge") {
      action = PagerDutyEvent::Action::kAcknowledge;
    } else if (*text == "resolve") {
      action = PagerDutyEvent::Action::kResolve;
    } else {
      problems.Add("event_action", "must be one of trigger, acknowledge, resolve");
    }
  }
  if (action) event.action = *action;
  const bool trigger = action == PagerDutyEvent::Action::kTrigger;

  // The identity of the alarm on every action, so always checked strictly.
  std::optional<simdjson::dom::element> dedup_value = Member(object, "dedup_key");
  std::string_view text;
  if (dedup_value && dedup_value->get_string().get(text)) {
    problems.Add("dedup_key", "must be a string");
  } else if (dedup_value && !text.empty()) {
    if (CodePoints(text) > kMaxChars) {
      problems.Add("dedup_key", SizeRule(0, kMaxChars));
    } else {
      event.dedup_key = std::string(text);
    }
  } else if (action && !trigger) {
    problems.Add("dedup_key", "must not be null for acknowledge and resolve");
  }

  // PagerDuty reads payload, links and images on trigger only; elsewhere they are informational.
  Problems* strict = trigger ? &problems : nullptr;
  if (std::optional<simdjson::dom::element> payload_value = Member(object, "payload")) {
    simdjson::dom::object payload;
    if (payload_value->get_object().get(payload)) {
      Report(strict, "payload", "must be an object");
    } else {
      ReadPayload(payload, event, strict);
    }
  } else if (trigger) {
    problems.Add("payload", "must not be null");
  }
  event.links_json = ReadObjectArray(object, "links", "href", strict);
  event.images_json = ReadObjectArray(object, "images", "src", strict);

  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  // Kept as the alarm's last event, so it must not carry the credential: the routing key is
  // redacted the way logs show keys.
  JsonWriter body;
  body.BeginObject();
  for (auto field : object) {
    body.Key(field.key);
    if (field.key == "routing_key") {
      body.String(Redact(event.routing_key));
    } else {
      body.Raw(MinifiedJson(field.value));
    }
  }
  body.EndObject();
  event.body_json = body.Take();
  return event;
}

Alarm ToAlarm(const PagerDutyEvent& event, std::string_view integration_name, std::string dedup_key,
              int64_t now_ms) {
  Alarm alarm;
  alarm.integration = integration_name;
  alarm.alarm_name = CutToChars(event.summary.empty() ? dedup_key : event.summary, kMaxChars);
  alarm.alarm_desc = alarm.alarm_name;
  alarm.alarm_id = std::move(dedup_key);
  alarm.level = AlarmLevel::kInfo;
  for (const auto& [name, level] : kSeverities) {
    if (name == event.severity) alarm.level = level;
  }
  alarm.status =
      event.action == PagerDutyEvent::Action::kResolve ? AlarmStatus::kOk : AlarmStatus::kAlarm;
  alarm.time_ms = event.timestamp_ms.value_or(now_ms);
  alarm.name_space = CutToChars(event.group.empty() ? kDefaultName : event.group, kMaxChars);
  std::string_view application = !event.component.empty() ? event.component
                                 : !event.source.empty()  ? event.source
                                                          : kDefaultName;
  alarm.application_id = CutToChars(application, kMaxChars);
  alarm.resource_id = event.source;  // already at most 255 characters
  alarm.resource_name = event.source;
  alarm.alarm_source = "pagerduty";

  JsonWriter additional;
  additional.BeginObject();
  for (const auto& [key, value] :
       {std::pair<std::string_view, std::string_view>{"summary", event.summary},
        {"class", event.klass},
        {"component", event.component},
        {"group", event.group}}) {
    additional.Key(key);
    if (value.empty()) {
      additional.Null();
    } else {
      additional.String(value);
    }
  }
  additional.Key("custom_details").Raw(event.custom_details_json);
  additional.Key("links").Raw(event.links_json);
  additional.Key("images").Raw(event.images_json);
  additional.EndObject();
  alarm.additional_json = additional.Take();
  alarm.body_json = event.body_json;
  return alarm;
}

}  // namespace alarmgate
