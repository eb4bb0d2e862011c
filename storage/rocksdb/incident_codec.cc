// IncidentCodec: written with JsonWriter, read back with simdjson's DOM parser (exception-free,
// one parser per thread).

#include "storage/rocksdb/incident_codec.h"

#include <simdjson.h>

#include <optional>
#include <vector>

#include "core/json_writer.h"
#include "incidents/incident_enums.h"
#include "storage/rocksdb/json_field_reader.h"

namespace alarmgate {
namespace {

// Field names on disk: the Incident members'.
constexpr std::string_view kRegion = "region";
constexpr std::string_view kEnterpriseProject = "enterprise_project";
constexpr std::string_view kCurrentCloudService = "current_cloud_service";
constexpr std::string_view kLevel = "level";
constexpr std::string_view kType = "type";
constexpr std::string_view kSource = "source";
constexpr std::string_view kStatus = "status";
constexpr std::string_view kIsServiceInterrupt = "is_service_interrupt";
constexpr std::string_view kTitle = "title";
constexpr std::string_view kDescription = "description";
constexpr std::string_view kAssignee = "assignee";
constexpr std::string_view kAssigneeScene = "assignee_scene";
constexpr std::string_view kAssigneeRole = "assignee_role";
constexpr std::string_view kCreator = "creator";
constexpr std::string_view kWarroomId = "warroom_id";
constexpr std::string_view kStartTime = "start_time_ms";
constexpr std::string_view kCreateTime = "create_time_ms";
constexpr std::string_view kUpdateTime = "update_time_ms";
constexpr std::string_view kHandleTime = "handle_time_ms";
constexpr std::string_view kMtmType = "mtm_type";
constexpr std::string_view kCause = "cause";
constexpr std::string_view kSolution = "solution";
constexpr std::string_view kVirtualConfirmResult = "virtual_confirm_result";
constexpr std::string_view kVirtualConfirmComment = "virtual_confirm_comment";
constexpr std::string_view kRuleName = "rule_name";
constexpr std::string_view kGroupKey = "group_key";

void WriteStrings(JsonWriter& w, std::string_view key, const std::vector<std::string>& list) {
  w.Key(key).BeginArray();
  for (const std::string& s : list) w.String(s);
  w.EndArray();
}

}  // namespace

std::string IncidentCodec::Encode(const Incident& i) {
  JsonWriter w;
  w.BeginObject();
  w.Key(JsonFieldReader::kVersionField).Int(kVersion);
  WriteStrings(w, kRegion, i.region);
  WriteStrings(w, kEnterpriseProject, i.enterprise_project);
  WriteStrings(w, kCurrentCloudService, i.current_cloud_service);
  w.Key(kLevel).String(ToString(i.level));
  w.Key(kType).String(ToString(i.type));
  w.Key(kSource).String(ToString(i.source));
  w.Key(kStatus).String(ToString(i.status));
  w.Key(kIsServiceInterrupt).Bool(i.is_service_interrupt);
  w.Key(kTitle).String(i.title);
  w.Key(kDescription).String(i.description);
  WriteStrings(w, kAssignee, i.assignee);
  w.Key(kAssigneeScene).String(i.assignee_scene);
  w.Key(kAssigneeRole).String(i.assignee_role);
  w.Key(kCreator).String(i.creator);
  w.Key(kWarroomId).String(i.warroom_id);
  w.Key(kStartTime).Int(i.start_time_ms);
  w.Key(kCreateTime).Int(i.create_time_ms);
  w.Key(kUpdateTime).Int(i.update_time_ms);
  w.Key(kHandleTime);
  if (i.handle_time_ms) {
    w.Int(*i.handle_time_ms);
  } else {
    w.Null();
  }
  w.Key(kMtmType);
  if (i.mtm_type) {
    w.String(ToString(*i.mtm_type));
  } else {
    w.Null();
  }
  w.Key(kCause).String(i.cause);
  w.Key(kSolution).String(i.solution);
  w.Key(kVirtualConfirmResult);
  if (i.virtual_confirm_result) {
    w.Bool(*i.virtual_confirm_result);
  } else {
    w.Null();
  }
  w.Key(kVirtualConfirmComment).String(i.virtual_confirm_comment);
  w.Key(kRuleName).String(i.rule_name);
  w.Key(kGroupKey).String(i.group_key);
  w.EndObject();
  return w.Take();
}

Result<Incident> IncidentCodec::Decode(std::string_view key, std::string_view value) {
  // One parser per thread: incidents are decoded on the writer thread and on the I/O threads.
  thread_local simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(JsonFieldReader f,
                   JsonFieldReader::Open(parser, "incident", key, value, kVersion));

  Incident i;
  i.incident_num = std::string(key);
  i.region = f.StringArray(kRegion);
  i.enterprise_project = f.StringArray(kEnterpriseProject);
  i.current_cloud_service = f.StringArray(kCurrentCloudService);
  i.level = f.Enum<IncidentLevel>(kLevel, ParseIncidentLevel, "level");
  i.type = f.Enum<IncidentType>(kType, ParseIncidentType, "type");
  i.source = f.Enum<IncidentSource>(kSource, ParseIncidentSource, "source");
  i.status = f.Enum<IncidentStatus>(kStatus, ParseIncidentStatus, "status");
  i.is_service_interrupt = f.Bool(kIsServiceInterrupt);
  i.title = f.String(kTitle);
  i.description = f.String(kDescription);
  i.assignee = f.StringArray(kAssignee);
  i.assignee_scene = f.String(kAssigneeScene);
  i.assignee_role = f.String(kAssigneeRole);
  i.creator = f.String(kCreator);
  i.warroom_id = f.String(kWarroomId);
  i.start_time_ms = f.Int(kStartTime);
  i.create_time_ms = f.Int(kCreateTime);
  i.update_time_ms = f.Int(kUpdateTime);
  i.handle_time_ms = f.NullableInt(kHandleTime);
  i.mtm_type = f.NullableEnum<IncidentType>(kMtmType, ParseIncidentType, "type");
  i.cause = f.String(kCause);
  i.solution = f.String(kSolution);
  i.virtual_confirm_result = f.NullableBool(kVirtualConfirmResult);
  i.virtual_confirm_comment = f.String(kVirtualConfirmComment);
  i.rule_name = f.String(kRuleName);
  i.group_key = f.String(kGroupKey);
  if (!f.status().ok()) return f.status();
  return i;
}

}  // namespace alarmgate
