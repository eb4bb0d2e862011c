// Alertmanager webhook alerts → Alarms (contract §4.2): the label mapping and its checks.

#include "sources/alertmanager_payload_parser.h"

#include <array>
#include <utility>

#include "core/json_writer.h"
#include "core/problem_list.h"
#include "core/utf8.h"
#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

using Problems = ProblemList;

// The COC limit of every mapped string (seed 003 table 4-84).
constexpr size_t kMaxChars = 255;
// Label names are cut in messages so an error reply stays small.
constexpr size_t kMaxLabelCharsInMessage = 64;
// nameSpace and applicationId are required downstream; Alertmanager rules need not set either
// label they come from.
constexpr std::string_view kDefaultName = "default";
constexpr std::string_view kTimeExample = "must be an RFC 3339 time, e.g. 2026-11-23T10:00:00Z";

// The contract's built-in labels.severity map.
constexpr std::array<std::pair<std::string_view, AlarmLevel>, 8> kBuiltinSeverities = {{
    {"critical", AlarmLevel::kCritical},
    {"error", AlarmLevel::kMajor},
    {"major", AlarmLevel::kMajor},
    {"warning", AlarmLevel::kMajor},
    {"minor", AlarmLevel::kMinor},
    {"info", AlarmLevel::kInfo},
    {"none", AlarmLevel::kInfo},
    {"other", AlarmLevel::kInfo},
}};


std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The member `key` of `object`, or nullopt when absent or null (null counts as absent).
std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) || value.is_null()) return std::nullopt;
  return value;
}

// A string→string map (labels, annotations) as received; values are views into the DOM.
class StringMap {
 public:
  // Reads `value` (may be absent: an empty map); records every problem under prefix + name.
  bool Read(std::optional<simdjson::dom::element> value, std::string_view prefix,
            std::string_view name, Problems& problems) {
    if (!value) return true;
    simdjson::dom::object object;
    if (value->get_object().get(object)) {
      problems.Add(prefix, name, "must be an object");
      return false;
    }
    bool ok = true;
    for (simdjson::dom::key_value_pair entry : object) {
      if (entry.value.is_null()) continue;
      std::string_view text;
      if (entry.value.get_string().get(text)) {
        std::string subject(name);
        subject.append(".").append(CutToChars(entry.key, kMaxLabelCharsInMessage));
        problems.Add(prefix, subject, "must be a string");
        invalid_.push_back(entry.key);
        ok = false;
        continue;
      }
      entries_.emplace_back(entry.key, text);
    }
    return ok;
  }

  // The value of `key`; "" when absent (in Prometheus an empty label is an absent label).
  std::string_view Get(std::string_view key) const {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return {};
  }

  // Whether `key` was present with a value that is not a string (already reported).
  bool Invalid(std::string_view key) const {
    for (std::string_view k : invalid_) {
      if (k == key) return true;
    }
    return false;
  }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> entries_;
  std::vector<std::string_view> invalid_;
};

std::string_view FirstNonEmpty(std::string_view a, std::string_view b, std::string_view c) {
  return !a.empty() ? a : !b.empty() ? b : c;
}

AlarmLevel LevelOf(std::string_view severity_label,
                   const std::map<std::string, AlarmLevel>& severity_map) {
  // Alertmanager users often leave `severity` out, or use their own words: both are Info rather
  // than a refused alert (Alertmanager never resends a 4xx, so refusing would lose the alert).
  if (severity_label.empty()) return AlarmLevel::kInfo;
  std::string key = AsciiLower(severity_label);
  // The integration's map overrides the built-in one value by value: operators list only what
  // they change.
  if (auto it = severity_map.find(key); it != severity_map.end()) return it->second;
  for (const auto& [name, level] : kBuiltinSeverities) {
    if (name == key) return level;
  }
  return AlarmLevel::kInfo;
}

// The payload-wide part of `additional`: "groupKey", "receiver", "externalURL" copied as received.
std::string GroupFields(simdjson::dom::object payload) {
  JsonWriter writer;
  writer.BeginObject();
  for (std::string_view key : {"groupKey", "receiver", "externalURL"}) {
    writer.Key(key);
    std::optional<simdjson::dom::element> value = Member(payload, key);
    if (value) {
      writer.Raw(MinifiedJson(*value));
    } else {
      writer.Null();
    }
  }
  writer.EndObject();
  // Without the braces, so it can be spliced after labels and annotations.
  std::string text = writer.Take();
  return text.substr(1, text.size() - 2);
}

// status: Alertmanager only ever sends these two.
std::optional<AlarmStatus> ReadStatus(simdjson::dom::object object, std::string_view prefix,
                                      Problems& problems) {
  std::string_view text;
  if (std::optional<simdjson::dom::element> value = Member(object, "status"); !value) {
    problems.Add(prefix, "status", "must not be null");
  } else if (value->get_string().get(text)) {
    problems.Add(prefix, "status", "must be a string");
  } else if (text == "firing") {
    return AlarmStatus::kAlarm;
  } else if (text == "resolved") {
    return AlarmStatus::kOk;
  } else {
    problems.Add(prefix, "status", "must be one of firing, resolved");
  }
  return std::nullopt;
}

// time: when the alert started firing, or when it resolved. Firing alerts carry endsAt
// "0001-01-01T00:00:00Z" (or a future estimate): it is not read for them.
std::optional<int64_t> ReadTime(simdjson::dom::object object, AlarmStatus status,
                                std::string_view prefix, Problems& problems) {
  std::string_view key = status == AlarmStatus::kAlarm ? "startsAt" : "endsAt";
  std::string_view text;
  std::optional<int64_t> ms;
  if (std::optional<simdjson::dom::element> value = Member(object, key); !value) {
    problems.Add(prefix, key, "must not be null");
  } else if (value->get_string().get(text)) {
    problems.Add(prefix, key, "must be a string");
  } else if (!(ms = ParseIso8601Ms(text))) {
    problems.Add(prefix, key, kTimeExample);
  } else if (*ms <= 0) {
    problems.Add(prefix, key, "must be after 1970-01-01T00:00:00Z");
    ms.reset();
  }
  return ms;
}

// The fingerprint is the alarm's identity: never cut (two alerts would merge), so over-long is
// refused. Alertmanager's are 16 hex digits.
std::optional<std::string_view> ReadFingerprint(simdjson::dom::object object,
                                                std::string_view prefix, Problems& problems) {
  std::string_view fingerprint;
  if (std::optional<simdjson::dom::element> value = Member(object, "fingerprint"); !value) {
    problems.Add(prefix, "fingerprint", "must not be null");
  } else if (value->get_string().get(fingerprint)) {
    problems.Add(prefix, "fingerprint", "must be a string");
  } else if (size_t chars = CodePoints(fingerprint); chars < 1 || chars > kMaxChars) {
    problems.Add(prefix, "fingerprint", "size must be between 1 and 255");
  } else {
    return fingerprint;
  }
  return std::nullopt;
}

// Everything descriptive is cut to the COC limit rather than refused: alertname, summary,
// namespace/job/service, instance, region and generatorURL (often long: it embeds the PromQL
// expression) are not limited in Alertmanager.
void MapAlert(const StringMap& labels, const StringMap& annotations,
              const std::map<std::string, AlarmLevel>& severity_map,
              std::string_view generator_url, Alarm& alarm) {
  std::string_view alertname = labels.Get("alertname");
  std::string_view job = labels.Get("job");
  alarm.alarm_name = CutToChars(alertname, kMaxChars);
  alarm.level = LevelOf(labels.Get("severity"), severity_map);
  alarm.name_space =
      CutToChars(FirstNonEmpty(labels.Get("namespace"), job, kDefaultName), kMaxChars);
  alarm.application_id =
      CutToChars(FirstNonEmpty(labels.Get("service"), job, kDefaultName), kMaxChars);
  alarm.resource_id = CutToChars(labels.Get("instance"), kMaxChars);
  alarm.resource_name = alarm.resource_id;
  alarm.region_id = CutToChars(labels.Get("region"), kMaxChars);
  alarm.alarm_desc = CutToChars(
      FirstNonEmpty(annotations.Get("summary"), annotations.Get("description"), alertname),
      kMaxChars);
  alarm.url = CutToChars(generator_url, kMaxChars);
  alarm.alarm_source = "alertmanager";
}

// Validates one alert into `alarm`; problems are recorded with `prefix` ("alerts[i].").
void ParseAlert(simdjson::dom::element alert, simdjson::dom::object object,
                const std::map<std::string, AlarmLevel>& severity_map,
                std::string_view group_fields, std::string_view prefix, Alarm& alarm,
                Problems& problems) {
  std::optional<AlarmStatus> status = ReadStatus(object, prefix, problems);
  bool ok = status.has_value();

  std::optional<simdjson::dom::element> labels_value = Member(object, "labels");
  std::optional<simdjson::dom::element> annotations_value = Member(object, "annotations");
  StringMap labels;
  StringMap annotations;
  ok = labels.Read(labels_value, prefix, "labels", problems) && ok;
  ok = annotations.Read(annotations_value, prefix, "annotations", problems) && ok;

  std::string_view alertname = labels.Get("alertname");
  // (Labels that are not an object, or an alertname that is not a string, were reported just
  // above: no second message for them.)
  if (alertname.empty() && (!labels_value || labels_value->is_object()) &&
      !labels.Invalid("alertname")) {
    problems.Add(prefix, "labels.alertname", "must not be null");
  }
  ok = ok && !alertname.empty();

  if (status) {
    std::optional<int64_t> ms = ReadTime(object, *status, prefix, problems);
    ok = ok && ms.has_value();
    if (ms) alarm.time_ms = *ms;
  }

  std::string_view generator_url;
  if (std::optional<simdjson::dom::element> value = Member(object, "generatorURL");
      value && value->get_string().get(generator_url)) {
    problems.Add(prefix, "generatorURL", "must be a string");
    ok = false;
  }
  std::optional<std::string_view> fingerprint = ReadFingerprint(object, prefix, problems);
  if (!ok || !fingerprint) return;

  alarm.alarm_id = *fingerprint;
  alarm.status = *status;
  MapAlert(labels, annotations, severity_map, generator_url, alarm);
  std::string& additional = alarm.additional_json;
  additional = "{\"labels\":";
  additional += labels_value ? MinifiedJson(*labels_value) : "{}";
  additional += ",\"annotations\":";
  additional += annotations_value ? MinifiedJson(*annotations_value) : "{}";
  additional += ",";
  additional += group_fields;
  additional += "}";
  alarm.body_json = MinifiedJson(alert);
}

}  // namespace

Result<std::vector<Alarm>> ParseAlertmanagerPayload(
    simdjson::dom::element root, std::string_view integration_name,
    const std::map<std::string, AlarmLevel>& severity_map) {
  simdjson::dom::object payload;
  if (root.get_object().get(payload)) {
    return Status::InvalidArgument("request body must be a JSON object");
  }
  std::optional<simdjson::dom::element> alerts_value = Member(payload, "alerts");
  if (!alerts_value) return Status::InvalidArgument("alerts must not be null");
  simdjson::dom::array alerts;
  if (alerts_value->get_array().get(alerts)) {
    return Status::InvalidArgument("alerts must be an array");
  }
  if (alerts.size() > kMaxAlertmanagerAlerts) {
    return Status::InvalidArgument("alerts size must be between 0 and " +
                                   std::to_string(kMaxAlertmanagerAlerts));
  }

  std::vector<Alarm> alarms;
  alarms.reserve(alerts.size());
  Problems problems;
  const std::string group_fields = GroupFields(payload);
  size_t index = 0;
  for (simdjson::dom::element alert : alerts) {
    std::string prefix = "alerts[" + std::to_string(index++) + "]";
    simdjson::dom::object object;
    if (alert.get_object().get(object)) {
      problems.Add("", prefix, "must be an object");
      continue;
    }
    prefix += ".";
    Alarm& alarm = alarms.emplace_back();
    alarm.integration = integration_name;
    ParseAlert(alert, object, severity_map, group_fields, prefix, alarm, problems);
  }
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return alarms;
}

}  // namespace alarmgate
