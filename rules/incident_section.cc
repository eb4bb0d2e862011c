// The `incident:` block of a rule. Levels and types are checked against the seed's tables here,
// so that an incident a rule opens is always one the incident API would accept.

#include "rules/incident_section.h"

#include <optional>
#include <string>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "rules/template_loader.h"

namespace alarmgate {
namespace {

// level_NN for every alarm, or a mapping from alarm level to level_NN.
void LoadLevel(const YamlNode& node, IncidentTemplate* incident) {
  const std::string levels = " (" + JoinKeys(IncidentLevelTable()) + ")";
  if (node.IsScalar()) {
    if (auto level = ParseIncidentLevel(node.Scalar())) {
      incident->fixed_level = *level;
      incident->level_by_alarm_level.clear();  // one or the other
    } else {
      node.Problem("unknown incident level " + Quoted(node.Scalar()) + levels);
    }
    return;
  }
  if (!node.IsMap()) {
    node.Problem(node.name() + " must be level_NN or a mapping of alarm levels" + node.Got());
    return;
  }
  auto by_level = node.Map({"Critical", "Major", "Minor", "Info"});
  for (const auto& [alarm_level, value] : by_level->entries()) {
    auto level = value.IsScalar() ? ParseIncidentLevel(value.Scalar()) : std::nullopt;
    if (!level) {
      value.Problem("unknown incident level" + value.Got() + " for " + alarm_level + levels);
      continue;
    }
    incident->level_by_alarm_level[*ParseAlarmLevel(alarm_level)] = *level;
  }
}

// assignee alone, or assignee_scene with assignee_role.
void CheckAssignee(const YamlMap& f) {
  const YamlNode* assignee = f.Get("assignee");
  const YamlNode* scene = f.Get("assignee_scene");
  const YamlNode* role = f.Get("assignee_role");
  if (assignee != nullptr && (scene != nullptr || role != nullptr)) {
    assignee->ProblemAtKey("incident takes assignee or assignee_scene + assignee_role, not both");
  } else if ((scene == nullptr) != (role == nullptr)) {
    (scene != nullptr ? scene : role)
        ->ProblemAtKey("incident.assignee_scene and incident.assignee_role go together");
  }
}

Template* TemplateFor(std::string_view key, IncidentTemplate* incident) {
  if (key == "title") return &incident->title;
  if (key == "description") return &incident->description;
  if (key == "current_cloud_service") return &incident->current_cloud_service;
  if (key == "assignee") return &incident->assignee;
  if (key == "assignee_scene") return &incident->assignee_scene;
  if (key == "assignee_role") return &incident->assignee_role;
  return nullptr;
}

}  // namespace

void LoadIncidentSection(const YamlNode& node, IncidentTemplate* incident) {
  auto f = node.Map({"level", "type", "title", "description", "current_cloud_service", "assignee",
                     "assignee_scene", "assignee_role", "service_interrupt"});
  if (!f) return;
  for (const auto& [key, value] : f->entries()) {
    if (key == "level") {
      LoadLevel(value, incident);
    } else if (key == "type") {
      auto type = value.IsScalar() ? ParseIncidentType(value.Scalar()) : std::nullopt;
      if (type) {
        incident->type = *type;
      } else {
        value.Problem("unknown incident type" + value.Got() + " (" + JoinKeys(IncidentTypeTable()) +
                      ")");
      }
    } else if (key == "service_interrupt") {
      if (auto b = value.Bool()) incident->service_interrupt = *b;
    } else if (std::optional<Template> t = LoadTemplate(value)) {
      *TemplateFor(key, incident) = std::move(*t);
    }
  }
  CheckAssignee(*f);
}

}  // namespace alarmgate
