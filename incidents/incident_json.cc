// Incident response bodies, field for field as seed 003's examples.

#include "incidents/incident_json.h"

#include <string>
#include <vector>

namespace alarmgate {
namespace {

void WriteStrings(JsonWriter& w, const std::vector<std::string>& list) {
  w.BeginArray();
  for (const std::string& s : list) w.String(s);
  w.EndArray();
}

void WriteOptionalString(JsonWriter& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    w.String(s);
  }
}

// The members shared by the detail and the list items (table 4-77 up to creator).
void WriteTicketFields(JsonWriter& w, const Incident& i) {
  w.Key("incident_num").String(i.incident_num);
  w.Key("region");
  WriteStrings(w, i.region);
  w.Key("enterprise_project");
  WriteStrings(w, i.enterprise_project);
  w.Key("current_cloud_service");
  WriteStrings(w, i.current_cloud_service);
  w.Key("incident_level").String(ToString(i.level));
  w.Key("is_service_interrupt").Bool(i.is_service_interrupt);
  w.Key("incident_type").String(ToString(i.type));
  w.Key("incident_title").String(i.title);
  w.Key("incident_description").String(i.description);
  w.Key("incident_source").String(ToString(i.source));
  w.Key("incident_assignee");
  WriteStrings(w, i.assignee);
  w.Key("assignee_scene").String(i.assignee_scene);
  w.Key("assignee_role").String(i.assignee_role);
  w.Key("warroom_id");
  WriteOptionalString(w, i.warroom_id);
  w.Key("handle_time");
  if (i.handle_time_ms) {
    w.Int(*i.handle_time_ms);
  } else {
    w.Null();
  }
  w.Key("status").String(ToString(i.status));
  w.Key("create_time").Int(i.create_time_ms);
  w.Key("creator").String(i.creator);
}

// One TicketInfoEnumData (table 4-78); "filed_key" is the seed's spelling.
void WriteEnumData(JsonWriter& w, std::string_view field_key, std::string_view enum_key,
                   std::string_view name_zh, std::string_view name_en) {
  w.BeginObject()
      .Key("filed_key")
      .String(field_key)
      .Key("enum_key")
      .String(enum_key)
      .Key("name_zh")
      .String(name_zh)
      .Key("name_en")
      .String(name_en)
      .EndObject();
}

void WriteEnumData(JsonWriter& w, std::string_view field_key, const EnumInfo& info) {
  WriteEnumData(w, field_key, info.key, info.name_zh, info.name_en);
}

// An id without a directory behind it is its own name.
void WriteIdData(JsonWriter& w, std::string_view field_key, std::string_view id) {
  WriteEnumData(w, field_key, id, id, id);
}

std::string_view FirstOrEmpty(const std::vector<std::string>& list) {
  return list.empty() ? std::string_view() : std::string_view(list.front());
}

}  // namespace

void WriteCreateIncidentData(JsonWriter& w, std::string_view incident_num) {
  w.BeginObject().Key("incident_num").String(incident_num).EndObject();
}

void WriteHandleIncidentData(JsonWriter& w) { w.Null(); }

void WriteIncidentDetailData(JsonWriter& w, const Incident& i) {
  w.BeginObject();
  WriteTicketFields(w, i);
  w.Key("enum_data_list").BeginArray();
  std::string_view service = FirstOrEmpty(i.current_cloud_service);
  if (!service.empty()) WriteIdData(w, "current_cloud_service_id", service);
  if (!i.creator.empty()) WriteIdData(w, "creator", i.creator);
  WriteEnumData(w, "level_id", Info(i.level));
  WriteEnumData(w, "work_flow_status", Info(i.status));
  WriteEnumData(w, "mtm_type", Info(i.type));
  WriteEnumData(w, "source_id", Info(i.source));
  std::string_view assignee = FirstOrEmpty(i.assignee);
  if (!assignee.empty()) WriteIdData(w, "assignee", assignee);
  w.EndArray();
  w.EndObject();
}

void WriteIncidentListData(JsonWriter& w, std::span<const Incident> incidents,
                           std::optional<std::string_view> next_marker) {
  w.BeginObject().Key("incidents").BeginArray();
  for (const Incident& i : incidents) {
    w.BeginObject();
    WriteTicketFields(w, i);
    w.Key("start_time").Int(i.start_time_ms);
    w.Key("update_time").Int(i.update_time_ms);
    w.EndObject();
  }
  w.EndArray().Key("next_marker");
  if (next_marker) {
    w.String(*next_marker);
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteTimelineData(JsonWriter& w, std::string_view incident_num,
                       std::span<const TimelineEntry> entries) {
  w.BeginObject().Key("incident_num").String(incident_num).Key("timeline").BeginArray();
  for (const TimelineEntry& e : entries) {
    w.BeginObject();
    w.Key("time").Int(e.time_ms);
    w.Key("actor").String(e.actor);
    w.Key("action").String(e.action);
    w.Key("from_status");
    if (e.from_status) {
      w.String(ToString(*e.from_status));
    } else {
      w.Null();
    }
    w.Key("to_status");
    if (e.to_status) {
      w.String(ToString(*e.to_status));
    } else {
      w.Null();
    }
    w.Key("parameters").Raw(e.parameters.empty() ? std::string_view("{}") : e.parameters);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

std::string CreateIncidentDataJson(std::string_view incident_num) {
  JsonWriter w;
  WriteCreateIncidentData(w, incident_num);
  return w.Take();
}

std::string IncidentDetailDataJson(const Incident& incident) {
  JsonWriter w;
  WriteIncidentDetailData(w, incident);
  return w.Take();
}

}  // namespace alarmgate
