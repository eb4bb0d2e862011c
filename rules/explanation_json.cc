#include "rules/explanation_json.h"

namespace alarmgate {

void WriteExplanation(JsonWriter& w, const Explanation& e) {
  auto strings = [&w](std::string_view key, const std::vector<std::string>& values) {
    w.Key(key).BeginArray();
    for (const auto& v : values) w.String(v);
    w.EndArray();
  };
  w.BeginObject();
  strings("matched_rules", e.matched_rules);
  strings("group_keys", e.group_keys);
  w.Key("silenced_by");
  if (e.silenced_by) {
    w.String(*e.silenced_by);
  } else {
    w.Null();
  }
  w.Key("dropped").Bool(e.dropped);
  strings("steps", e.steps);
  w.EndObject();
}

std::string ExplanationJson(const Explanation& e) {
  JsonWriter w;
  w.Reserve(128);  // the common explanation (one rule, one step) fits
  WriteExplanation(w, e);
  return w.Take();
}

}  // namespace alarmgate
