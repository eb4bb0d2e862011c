#pragma once
// Reads the JSON values the RocksDB codecs write (simdjson DOM, exception-free): checks the leading
// format version, then reads fields by name (also inside nested objects), keeping the first error
// as Internal naming the record kind, its key and the field.

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace alarmgate {

class JsonFieldReader {
 public:
  // The field every codec writes first.
  static constexpr std::string_view kVersionField = "v";

  // Parses `value` as an object whose version field equals `version`. `what` names the record kind
  // in errors ("alarm record"), `key` the record. The reader borrows `parser`, `what` and `key`:
  // it is valid until the next parse with `parser`.
  static Result<JsonFieldReader> Open(simdjson::dom::parser& parser, std::string_view what,
                                      std::string_view key, std::string_view value,
                                      int64_t version) {
    simdjson::dom::element doc;
    if (auto err = parser.parse(value.data(), value.size()).get(doc); err != simdjson::SUCCESS) {
      return Status::Internal(Name(what, key) +
                              " is not valid JSON: " + simdjson::error_message(err));
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
      return Status::Internal(Name(what, key) + " is not a JSON object");
    }
    JsonFieldReader f(what, key, obj);
    const int64_t got = f.Int(kVersionField);
    if (!f.status().ok()) return f.status();
    if (got != version) {
      return Status::Internal(Name(what, key) + " has unsupported version " + std::to_string(got));
    }
    return f;
  }

  std::string String(std::string_view field) {
    std::string_view v;
    if (Fail(obj_[field].get_string().get(v), field)) return {};
    return std::string(v);
  }
  int64_t Int(std::string_view field) {
    int64_t v = 0;
    if (Fail(obj_[field].get_int64().get(v), field)) return 0;
    return v;
  }
  bool Bool(std::string_view field) {
    bool v = false;
    if (Fail(obj_[field].get_bool().get(v), field)) return false;
    return v;
  }
  std::optional<std::string> NullableString(std::string_view field) {
    simdjson::dom::element e;
    if (!Nullable(field, e)) return std::nullopt;
    std::string_view v;
    if (Fail(e.get_string().get(v), field)) return std::nullopt;
    return std::string(v);
  }
  std::optional<int64_t> NullableInt(std::string_view field) {
    simdjson::dom::element e;
    if (!Nullable(field, e)) return std::nullopt;
    int64_t v = 0;
    if (Fail(e.get_int64().get(v), field)) return std::nullopt;
    return v;
  }
  std::optional<bool> NullableBool(std::string_view field) {
    simdjson::dom::element e;
    if (!Nullable(field, e)) return std::nullopt;
    bool v = false;
    if (Fail(e.get_bool().get(v), field)) return std::nullopt;
    return v;
  }
  std::vector<std::string> StringArray(std::string_view field) {
    std::vector<std::string> out;
    simdjson::dom::array arr;
    if (Fail(obj_[field].get_array().get(arr), field)) return out;
    for (simdjson::dom::element e : arr) {
      std::string_view v;
      if (Fail(e.get_string().get(v), field)) return {};
      out.emplace_back(v);
    }
    return out;
  }
  std::vector<int64_t> IntArray(std::string_view field) {
    std::vector<int64_t> out;
    simdjson::dom::array arr;
    if (Fail(obj_[field].get_array().get(arr), field)) return out;
    for (simdjson::dom::element e : arr) {
      int64_t v = 0;
      if (Fail(e.get_int64().get(v), field)) return {};
      out.push_back(v);
    }
    return out;
  }
  // An object whose values are all strings.
  std::map<std::string, std::string> StringMap(std::string_view field) {
    std::map<std::string, std::string> out;
    simdjson::dom::object obj;
    if (Fail(obj_[field].get_object().get(obj), field)) return out;
    for (simdjson::dom::key_value_pair kv : obj) {
      std::string_view v;
      if (Fail(kv.value.get_string().get(v), field)) return {};
      out.emplace(std::string(kv.key), std::string(v));
    }
    return out;
  }
  // An embedded JSON value, re-serialized minified; null reads as "".
  std::string RawJson(std::string_view field) {
    simdjson::dom::element e;
    if (Fail(obj_[field].get(e), field)) return {};
    if (e.is_null()) return {};
    return simdjson::minify(e);
  }
  // As RawJson, for a field later versions of a format added: absent also reads as "".
  std::string OptionalRawJson(std::string_view field) {
    simdjson::dom::element e;
    const simdjson::error_code err = obj_[field].get(e);
    if (err == simdjson::NO_SUCH_FIELD) return {};
    if (Fail(err, field)) return {};
    if (e.is_null()) return {};
    return simdjson::minify(e);
  }
  // A nested object, read with a reader of its own whose errors name "<field>.<inner field>";
  // nullopt when the field is null (or on error). Pass the nested reader's status to Absorb.
  std::optional<JsonFieldReader> NullableObject(std::string_view field) {
    simdjson::dom::element e;
    if (!Nullable(field, e)) return std::nullopt;
    simdjson::dom::object obj;
    if (Fail(e.get_object().get(obj), field)) return std::nullopt;
    return JsonFieldReader(what_, key_, obj, Path(field) + ".");
  }
  // An array of objects, one reader each ("<field>[i].<inner field>" in errors).
  std::vector<JsonFieldReader> ObjectArray(std::string_view field) {
    std::vector<JsonFieldReader> out;
    simdjson::dom::array arr;
    if (Fail(obj_[field].get_array().get(arr), field)) return out;
    for (simdjson::dom::element e : arr) {
      simdjson::dom::object obj;
      if (Fail(e.get_object().get(obj), field)) return {};
      out.push_back(
          JsonFieldReader(what_, key_, obj, Path(field) + "[" + std::to_string(out.size()) + "]."));
    }
    return out;
  }
  // Keeps `s` as this reader's error unless it already has one (a nested reader's status).
  void Absorb(const Status& s) {
    if (status_.ok() && !s.ok()) status_ = s;
  }
  // An enumeration stored by its key: `parse` maps the key back, nullopt = unknown.
  template <typename E, typename Parse>
  E Enum(std::string_view field, Parse parse, std::string_view noun) {
    const std::string key = String(field);
    if (!status_.ok()) return E{};
    if (std::optional<E> e = parse(key)) return *e;
    Invalid(field, "unknown " + std::string(noun) + " '" + key + "'");
    return E{};
  }
  template <typename E, typename Parse>
  std::optional<E> NullableEnum(std::string_view field, Parse parse, std::string_view noun) {
    const std::optional<std::string> key = NullableString(field);
    if (!key) return std::nullopt;
    if (std::optional<E> e = parse(*key)) return e;
    Invalid(field, "unknown " + std::string(noun) + " '" + *key + "'");
    return std::nullopt;
  }

  void Invalid(std::string_view field, std::string_view why) {
    if (status_.ok()) status_ = Error(field, why);
  }
  const Status& status() const { return status_; }

 private:
  JsonFieldReader(std::string_view what, std::string_view key, simdjson::dom::object obj,
                  std::string prefix = "")
      : what_(what), key_(key), obj_(obj), prefix_(std::move(prefix)) {}

  std::string Path(std::string_view field) const { return prefix_ + std::string(field); }

  static std::string Name(std::string_view what, std::string_view key) {
    return std::string(what) + " '" + std::string(key) + "'";
  }
  // False (and nothing set) when the field is null; a missing field is an error.
  bool Nullable(std::string_view field, simdjson::dom::element& e) {
    if (Fail(obj_[field].get(e), field)) return false;
    return !e.is_null();
  }
  bool Fail(simdjson::error_code err, std::string_view field) {
    if (err == simdjson::SUCCESS) return false;
    if (status_.ok()) status_ = Error(field, simdjson::error_message(err));
    return true;
  }
  Status Error(std::string_view field, std::string_view why) const {
    return Status::Internal(Name(what_, key_) + ": field " + Path(field) + ": " + std::string(why));
  }

  std::string_view what_;
  std::string_view key_;
  simdjson::dom::object obj_;
  std::string prefix_;  // where a nested reader's object sits in the record, for errors
  Status status_;
};

}  // namespace alarmgate
