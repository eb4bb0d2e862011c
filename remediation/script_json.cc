// Script response bodies, in the seed tables' field order; the only place values of parameters
// are written, so the only place they need masking.

#include "remediation/script_json.h"

#include <string_view>

namespace alarmgate {
namespace {

void WriteProperties(JsonWriter& w, const ScriptProperties& p) {
  w.BeginObject();
  w.Key("risk_level").String(ToString(p.risk_level));
  w.Key("version").String(p.version);
  w.Key("reviewers").BeginArray();
  for (const Reviewer& r : p.reviewers) {
    w.BeginObject().Key("reviewer_name").String(r.name).Key("reviewer_id").String(r.id).EndObject();
  }
  w.EndArray();
  w.Key("protocol");
  if (p.protocol) {
    w.String(ToString(*p.protocol));
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteParams(JsonWriter& w, const std::vector<ScriptParam>& params) {
  w.BeginArray();
  for (const ScriptParam& p : params) {
    w.BeginObject();
    w.Key("param_name").String(p.name);
    w.Key("param_value").String(p.sensitive ? kMaskedValue : std::string_view(p.value));
    w.Key("param_description").String(p.description);
    w.Key("param_order").Int(p.order);
    w.Key("sensitive").Bool(p.sensitive);
    w.EndObject();
  }
  w.EndArray();
}

// The audit members both the detail and the list items carry.
void WriteAudit(JsonWriter& w, const Script& s) {
  w.Key("gmt_created").Int(s.gmt_created_ms);
  w.Key("gmt_modified").Int(s.gmt_modified_ms);
  w.Key("creator").String(s.creator);
  w.Key("creator_id").String(s.creator_id);
  w.Key("operator").String(s.operator_name);
}

void WriteHistoryEntry(JsonWriter& w, const HistoryEntry& e) {
  w.BeginObject();
  w.Key("time").Int(e.at_ms);
  w.Key("actor_id").String(e.actor_id);
  w.Key("actor").String(e.actor);
  w.Key("action").String(ToString(e.action));
  w.Key("version").Int(e.version);
  w.Key("new_version").Bool(e.new_version);
  w.Key("changes").BeginArray();
  for (const std::string& field : e.changes) w.String(field);
  w.EndArray();
  w.Key("comment").String(e.comment);
  w.EndObject();
}

}  // namespace

void WriteScriptDetailData(JsonWriter& w, const Script& s) {
  w.BeginObject();
  w.Key("script_uuid").String(s.uuid);
  w.Key("name").String(s.name);
  w.Key("version").String(s.properties.version);
  w.Key("description").String(s.description);
  w.Key("type").String(ToString(s.current.type));
  w.Key("content").String(s.current.content);
  w.Key("script_params");
  WriteParams(w, s.current.params);
  w.Key("status").String(ToString(s.current.status));
  WriteAudit(w, s);
  w.Key("properties");
  WriteProperties(w, s.properties);
  w.Key("script_version").Int(s.current.number);
  w.Key("id").Int(s.id);
  w.EndObject();
}

void WriteScriptListItem(JsonWriter& w, const Script& s) {
  w.BeginObject();
  w.Key("id").Int(s.id);
  w.Key("script_uuid").String(s.uuid);
  w.Key("name").String(s.name);
  w.Key("type").String(ToString(s.current.type));
  w.Key("status").String(ToString(s.current.status));
  WriteAudit(w, s);
  w.Key("properties");
  WriteProperties(w, s.properties);
  w.Key("script_version").Int(s.current.number);
  w.EndObject();
}

void WriteScriptListBody(JsonWriter& w, std::span<const Script> page, int64_t total) {
  w.BeginObject().Key("total").Int(total).Key("data").BeginArray();
  for (const Script& s : page) WriteScriptListItem(w, s);
  w.EndArray().EndObject();
}

void WriteScriptHistoryData(JsonWriter& w, const Script& s) {
  w.BeginObject();
  w.Key("script_uuid").String(s.uuid);
  w.Key("script_version").Int(s.current.number);
  w.Key("status").String(ToString(s.current.status));
  w.Key("history").BeginArray();
  for (const HistoryEntry& e : s.history) WriteHistoryEntry(w, e);
  w.EndArray();
  w.EndObject();
}

std::string ScriptDetailDataJson(const Script& script) {
  JsonWriter w;
  WriteScriptDetailData(w, script);
  return w.Take();
}

std::string ScriptHistoryDataJson(const Script& script) {
  JsonWriter w;
  WriteScriptHistoryData(w, script);
  return w.Take();
}

}  // namespace alarmgate
