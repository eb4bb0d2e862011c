// SilenceCodec: written with JsonWriter, read back with simdjson's DOM parser (exception-free,
// one parser per thread). Regex patterns are text here; compiling them is the domain's.

#include "storage/rocksdb/silence_codec.h"

#include <simdjson.h>

#include <optional>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "storage/rocksdb/json_field_reader.h"

namespace alarmgate {
namespace {

// Field names on disk: the Silence and Condition members'.
constexpr std::string_view kMatchers = "matchers";
constexpr std::string_view kStartsAt = "starts_at_ms";
constexpr std::string_view kEndsAt = "ends_at_ms";
constexpr std::string_view kComment = "comment";
constexpr std::string_view kCreator = "creator";
constexpr std::string_view kFromFile = "from_file";
constexpr std::string_view kField = "field";
constexpr std::string_view kKind = "kind";
constexpr std::string_view kNegated = "negated";
constexpr std::string_view kValues = "values";
constexpr std::string_view kRegex = "regex";

std::string_view KindName(Condition::Kind kind) {
  switch (kind) {
    case Condition::Kind::kEquals:
      return "equals";
    case Condition::Kind::kAnyOf:
      return "any_of";
    case Condition::Kind::kRegex:
      return "regex";
  }
  return "equals";
}

std::optional<Condition::Kind> ParseKind(std::string_view s) {
  if (s == "equals") return Condition::Kind::kEquals;
  if (s == "any_of") return Condition::Kind::kAnyOf;
  if (s == "regex") return Condition::Kind::kRegex;
  return std::nullopt;
}

Condition ReadCondition(JsonFieldReader& f) {
  Condition c;
  c.field = f.String(kField);
  c.kind = f.Enum<Condition::Kind>(kKind, ParseKind, "condition kind");
  c.negated = f.Bool(kNegated);
  c.values = f.StringArray(kValues);
  c.pattern = f.NullableString(kRegex).value_or("");  // null for the other kinds
  return c;
}

}  // namespace

std::string SilenceCodec::Encode(const Silence& s) {
  JsonWriter w;
  w.BeginObject();
  w.Key(JsonFieldReader::kVersionField).Int(kVersion);
  w.Key(kMatchers).BeginArray();
  for (const Condition& c : s.matchers) {
    w.BeginObject();
    w.Key(kField).String(c.field);
    w.Key(kKind).String(KindName(c.kind));
    w.Key(kNegated).Bool(c.negated);
    w.Key(kValues).BeginArray();
    for (const std::string& v : c.values) w.String(v);
    w.EndArray();
    w.Key(kRegex);
    if (c.kind == Condition::Kind::kRegex) {
      w.String(c.pattern);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key(kStartsAt).Int(s.starts_at_ms);
  w.Key(kEndsAt).Int(s.ends_at_ms);
  w.Key(kComment).String(s.comment);
  w.Key(kCreator).String(s.creator);
  w.Key(kFromFile).Bool(s.from_file);
  w.EndObject();
  return w.Take();
}

Result<Silence> SilenceCodec::Decode(std::string_view key, std::string_view value) {
  // One parser per thread: silences are read on the I/O threads and on the writer thread.
  thread_local simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(JsonFieldReader f,
                   JsonFieldReader::Open(parser, "silence", key, value, kVersion));

  Silence s;
  s.id = std::string(key);
  for (JsonFieldReader& m : f.ObjectArray(kMatchers)) {
    s.matchers.push_back(ReadCondition(m));
    f.Absorb(m.status());
  }
  s.starts_at_ms = f.Int(kStartsAt);
  s.ends_at_ms = f.Int(kEndsAt);
  s.comment = f.String(kComment);
  s.creator = f.String(kCreator);
  s.from_file = f.Bool(kFromFile);
  if (!f.status().ok()) return f.status();
  return s;
}

}  // namespace alarmgate
