#pragma once
// Reads the members of one JSON request object into typed values, recording every problem as
// "<prefix><field> <rule>" ("script_params[2].param_name size must be between 1 and 64") in a
// shared ProblemList, so a request hears about all of them at once. null counts as absent;
// unknown members are ignored; lengths count Unicode characters. Problems never quote a value.
//
// Reader-style rather than the field tables of the incident and COC alarm parsers: nested arrays
// of objects (script_params, reviewers) and cross-field rules read more plainly this way. A
// candidate for the one shared request-validation toolkit.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/problem_list.h"
#include "core/status.h"

namespace alarmgate {

class JsonObjectReader {
 public:
  enum class Presence { kOptional, kRequired };

  // The body as an object, or "request body must be a JSON object".
  static Result<simdjson::dom::object> RootObject(simdjson::dom::element root);
  // "size must be between 1 and 64": the message of every length and array-size rule.
  static std::string SizeRule(size_t min, size_t max);

  // `prefix` names the object in messages: "" for the body, "properties.", "script_params[2].".
  JsonObjectReader(simdjson::dom::object object, std::string prefix, ProblemList& problems)
      : object_(object), prefix_(std::move(prefix)), problems_(problems) {}

  // The member, or nullopt when absent or null ("must not be null" when required).
  std::optional<simdjson::dom::element> Get(std::string_view name, Presence presence);

  // A string of min_chars..max_chars characters.
  std::optional<std::string> String(std::string_view name, Presence presence, size_t min_chars,
                                    size_t max_chars);
  std::optional<bool> Bool(std::string_view name, Presence presence);
  // An integer in min..max (1.0 is not an integer).
  std::optional<int64_t> Int(std::string_view name, Presence presence, int64_t min, int64_t max);
  std::optional<simdjson::dom::object> Object(std::string_view name, Presence presence);
  // An array of at most max_items elements (of any type: the caller reads them).
  std::optional<simdjson::dom::array> Array(std::string_view name, Presence presence,
                                            size_t max_items);

  // A string naming a value of E; unknown names get "must be one of <names>".
  template <typename E>
  std::optional<E> Enum(std::string_view name, Presence presence,
                        std::optional<E> (*parse)(std::string_view), std::string_view names) {
    std::optional<std::string> text = String(name, presence, 0, SIZE_MAX);
    if (!text) return std::nullopt;
    std::optional<E> value = parse(*text);
    if (!value) Add(name, "must be one of " + std::string(names));
    return value;
  }

  // Records "<prefix><name> <rule>".
  void Add(std::string_view name, std::string_view rule);
  // "<prefix><name>", to name the elements of an array member.
  std::string Label(std::string_view name) const { return prefix_ + std::string(name); }

 private:
  simdjson::dom::object object_;
  std::string prefix_;
  ProblemList& problems_;
};

}  // namespace alarmgate
