// Reads alarm fields by their rule names; `additional.<path>` walks the additional JSON object
// with simdjson's DOM.

#include "rules/field_value.h"

#include <simdjson.h>

#include <array>
#include <utility>

namespace alarmgate {
namespace {

constexpr std::string_view kAdditionalPrefix = "additional.";

// The plain string fields, by wire name.
using StringMember = std::string Alarm::*;
constexpr std::array<std::pair<std::string_view, StringMember>, 11> kStringFields = {{
    {"alarmId", &Alarm::alarm_id},
    {"alarmName", &Alarm::alarm_name},
    {"nameSpace", &Alarm::name_space},
    {"regionId", &Alarm::region_id},
    {"applicationId", &Alarm::application_id},
    {"resourceName", &Alarm::resource_name},
    {"resourceId", &Alarm::resource_id},
    {"alarmDesc", &Alarm::alarm_desc},
    {"URL", &Alarm::url},
    {"alarmSource", &Alarm::alarm_source},
    {"integration", &Alarm::integration},
}};

const StringMember* FindStringField(std::string_view field) {
  for (const auto& [name, member] : kStringFields) {
    if (name == field) return &member;
  }
  return nullptr;
}

// Walks `path` ("a.b.c") into the additional object. A string leaf is its value; any other leaf
// is its minified JSON. Unparseable additional JSON counts as an empty object.
std::optional<std::string> AdditionalValue(const std::string& json, std::string_view path) {
  // One parser per thread: parsing allocates, and matching runs on many threads.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(json).get(element) != simdjson::SUCCESS) return std::nullopt;
  while (true) {
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
    if (object.at_key(key).get(element) != simdjson::SUCCESS) return std::nullopt;
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  std::string_view s;
  if (element.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  return simdjson::minify(element);
}

}  // namespace

bool IsKnownField(std::string_view field) {
  if (field.starts_with(kAdditionalPrefix)) return field.size() > kAdditionalPrefix.size();
  return FindStringField(field) != nullptr || field == "alarmLevel" || field == "time" ||
         field == "alarmStatus";
}

std::optional<std::string> FieldValue(const Alarm& alarm, std::string_view field) {
  AlarmFields fields(alarm);
  std::optional<std::string_view> v = fields.Get(field);
  if (!v) return std::nullopt;
  return std::string(*v);
}

std::optional<std::string_view> AlarmFields::Get(std::string_view field) {
  if (const StringMember* member = FindStringField(field)) {
    const std::string& s = alarm_.*(*member);
    if (s.empty()) return std::nullopt;  // optional fields sent empty count as absent
    return std::string_view(s);
  }
  if (field == "alarmLevel") return ToString(alarm_.level);
  if (field == "alarmStatus") return ToString(alarm_.status);
  if (field != "time" && !field.starts_with(kAdditionalPrefix)) return std::nullopt;

  auto it = computed_.find(field);
  if (it == computed_.end()) {
    std::optional<std::string> value;
    if (field == "time") {
      value = std::to_string(alarm_.time_ms);
    } else if (field.size() > kAdditionalPrefix.size()) {
      value = AdditionalValue(alarm_.additional_json, field.substr(kAdditionalPrefix.size()));
    }
    it = computed_.emplace(std::string(field), std::move(value)).first;
  }
  if (!it->second) return std::nullopt;
  return std::string_view(*it->second);
}

}  // namespace alarmgate
