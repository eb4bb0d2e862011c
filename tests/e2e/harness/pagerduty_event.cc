// Serializes PagerDuty e2e events with the product's JSON writer (escaping is not under test here).

#include "tests/e2e/harness/pagerduty_event.h"

#include "core/json_writer.h"

namespace alarmgate::e2e {
namespace {

void Member(JsonWriter& w, const char* key, const std::optional<std::string>& value) {
  if (value) w.Key(key).String(*value);
}

}  // namespace

std::string PdEvent::ToJson() const {
  JsonWriter w;
  w.BeginObject();
  Member(w, "routing_key", routing_key);
  Member(w, "event_action", event_action);
  Member(w, "dedup_key", dedup_key);
  if (with_payload) {
    w.Key("payload").BeginObject();
    Member(w, "summary", summary);
    Member(w, "source", source);
    Member(w, "severity", severity);
    Member(w, "timestamp", timestamp);
    Member(w, "component", component);
    Member(w, "group", group);
    if (custom_details_json) w.Key("custom_details").Raw(*custom_details_json);
    w.EndObject();
  }
  w.EndObject();
  return w.Take();
}

PdEvent PdFollowUp(const std::string& routing_key, const std::string& action,
                   const std::string& dedup_key) {
  PdEvent e;
  e.routing_key = routing_key;
  e.event_action = action;
  e.dedup_key = dedup_key;
  e.with_payload = false;
  return e;
}

}  // namespace alarmgate::e2e
