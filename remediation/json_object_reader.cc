// Typed reads of request members with every problem recorded; see the header for the rules.

#include "remediation/json_object_reader.h"

#include "core/utf8.h"

namespace alarmgate {

std::string JsonObjectReader::SizeRule(size_t min, size_t max) {
  return "size must be between " + std::to_string(min) + " and " + std::to_string(max);
}

Result<simdjson::dom::object> JsonObjectReader::RootObject(simdjson::dom::element root) {
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return Status::InvalidArgument("request body must be a JSON object");
  }
  return object;
}

void JsonObjectReader::Add(std::string_view name, std::string_view rule) {
  problems_.Add(prefix_, name, rule);
}

std::optional<simdjson::dom::element> JsonObjectReader::Get(std::string_view name,
                                                            Presence presence) {
  simdjson::dom::element value;
  // The strict parser refused duplicate keys, so the first match is the only one.
  if (object_[name].get(value) || value.is_null()) {
    if (presence == Presence::kRequired) Add(name, "must not be null");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> JsonObjectReader::String(std::string_view name, Presence presence,
                                                    size_t min_chars, size_t max_chars) {
  std::optional<simdjson::dom::element> value = Get(name, presence);
  if (!value) return std::nullopt;
  std::string_view text;
  if (value->get_string().get(text)) {
    Add(name, "must be a string");
    return std::nullopt;
  }
  size_t chars = CodePoints(text);
  if (chars < min_chars || chars > max_chars) {
    Add(name, SizeRule(min_chars, max_chars));
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<bool> JsonObjectReader::Bool(std::string_view name, Presence presence) {
  std::optional<simdjson::dom::element> value = Get(name, presence);
  if (!value) return std::nullopt;
  bool flag = false;
  if (value->get_bool().get(flag)) {
    Add(name, "must be a boolean");
    return std::nullopt;
  }
  return flag;
}

std::optional<int64_t> JsonObjectReader::Int(std::string_view name, Presence presence, int64_t min,
                                             int64_t max) {
  std::optional<simdjson::dom::element> value = Get(name, presence);
  if (!value) return std::nullopt;
  int64_t number = 0;
  const bool too_big = value->is_uint64() && !value->is_int64();
  if (!too_big && value->get_int64().get(number)) {
    Add(name, "must be an integer");
    return std::nullopt;
  }
  if (too_big || number < min || number > max) {
    Add(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<simdjson::dom::object> JsonObjectReader::Object(std::string_view name,
                                                              Presence presence) {
  std::optional<simdjson::dom::element> value = Get(name, presence);
  if (!value) return std::nullopt;
  simdjson::dom::object object;
  if (value->get_object().get(object)) {
    Add(name, "must be an object");
    return std::nullopt;
  }
  return object;
}

std::optional<simdjson::dom::array> JsonObjectReader::Array(std::string_view name,
                                                            Presence presence, size_t max_items) {
  std::optional<simdjson::dom::element> value = Get(name, presence);
  if (!value) return std::nullopt;
  simdjson::dom::array array;
  if (value->get_array().get(array)) {
    Add(name, "must be an array");
    return std::nullopt;
  }
  if (array.size() > max_items) {
    Add(name, SizeRule(0, max_items));
    return std::nullopt;
  }
  return array;
}

}  // namespace alarmgate
