#include "rules/silence_json.h"

#include <re2/re2.h>

namespace alarmgate {
namespace {

void WriteConditionValue(JsonWriter& w, const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kEquals:
      w.String(c.values.empty() ? "" : c.values.front());
      break;
    case Condition::Kind::kAnyOf:
      w.BeginArray();
      for (const auto& v : c.values) w.String(v);
      w.EndArray();
      break;
    case Condition::Kind::kRegex:
      w.BeginObject().Key("regex").String(c.regex ? c.regex->pattern() : "").EndObject();
      break;
  }
}

}  // namespace

std::string_view SilenceState(const Silence& s, int64_t now_ms) {
  if (now_ms < s.starts_at_ms) return "pending";
  return s.ActiveAt(now_ms) ? "active" : "expired";
}

void WriteSilence(JsonWriter& w, const Silence& s, int64_t now_ms) {
  w.BeginObject().Key("id").String(s.id).Key("matchers").BeginObject();
  for (const Condition& c : s.matchers) {
    w.Key(c.field);
    if (c.negated) w.BeginObject().Key("not");
    WriteConditionValue(w, c);
    if (c.negated) w.EndObject();
  }
  w.EndObject()
      .Key("starts_at").Int(s.starts_at_ms)
      .Key("ends_at").Int(s.ends_at_ms)
      .Key("comment").String(s.comment)
      .Key("creator").String(s.creator)
      .Key("source").String(s.from_file ? "file" : "api")
      .Key("state").String(SilenceState(s, now_ms))
      .EndObject();
}

}  // namespace alarmgate
