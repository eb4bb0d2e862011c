// The seed 003 §4.4.1.6 enumeration tables, verbatim (including the seed's own spellings such as
// "ohter"), indexed by the enum values.

#include "incidents/incident_enums.h"

#include <array>
#include <cstddef>

#include "core/enum_names.h"

namespace alarmgate {
namespace {

constexpr std::array<EnumInfo, 5> kLevels = {{
    {"level_10", "P1", "P1"},
    {"level_20", "P2", "P2"},
    {"level_30", "P3", "P3"},
    {"level_40", "P4", "P4"},
    {"level_50", "P5", "P5"},
}};

constexpr std::array<EnumInfo, 13> kTypes = {{
    {"inc_type_p_security_issues", "安全问题", "Security issues"},
    {"inc_type_p_function_issues", "功能问题", "function issues"},
    {"inc_type_p_reliability_issues", "性能/可靠性问题", "reliability issues"},
    {"inc_type_p_config_issues", "配置问题", "config issues"},
    {"inc_type_p_middlewares", "中间件问题", "middleware issues"},
    {"inc_type_p_hardware_issues", "硬件问题", "hardware issues"},
    {"inc_type_p_networking_issues", "网络问题", "networking issues"},
    {"inc_type_p_shelter_issues", "机房问题", "shelter issues"},
    {"inc_type_p_monitoring_issues", "监控问题", "monitoring issues"},
    {"inc_type_p_consulting_issues", "业务咨询类", "consulting issues"},
    {"inc_type_p_suppliers_issues", "供应商问题", "suppliers issues"},
    {"inc_type_p_ohter_issues", "其他", "ohter issues"},
    {"inc_type_p_change_issues", "变更操作问题", "Change operation problem"},
}};

constexpr std::array<EnumInfo, 3> kSources = {{
    {"incident_source_manual", "人工创建", "Manual Creation"},
    {"incident_source_forwarding", "流转创建", "Transfer creation"},
    {"incident_source_alarm", "告警", "alarm"},
}};

constexpr std::array<EnumInfo, 6> kStatuses = {{
    {"incident_draft", "草稿", "DRAFT"},
    {"INCIDENT_STATUS_TRIGGERED", "未受理", "TRIGGERED"},
    {"INCIDENT_STATUS_ACKNOWLEDGED", "已受理", "ACKNOWLEDGED"},
    {"INCIDENT_STATUS_REJECTED", "被驳回", "REJECTED"},
    {"INCIDENT_STATUS_RESOLVED", "已解决待验证", "RESOLVED"},
    {"INCIDENT_STATUS_COMPLETED", "已完成", "COMPLETED"},
}};

constexpr std::array<std::string_view, 3> kOperateKeys = {"acceptedIncident1", "commitSolution1",
                                                          "confirm"};

// Tables of EnumInfo rows are looked up by their wire key.
template <typename E, size_t N>
std::optional<E> Find(const std::array<EnumInfo, N>& table, std::string_view key) {
  return EnumByName<E>(table, key, [](const EnumInfo& info) { return info.key; });
}

}  // namespace

const EnumInfo& Info(IncidentLevel level) { return kLevels[static_cast<size_t>(level)]; }
const EnumInfo& Info(IncidentType type) { return kTypes[static_cast<size_t>(type)]; }
const EnumInfo& Info(IncidentSource source) { return kSources[static_cast<size_t>(source)]; }
const EnumInfo& Info(IncidentStatus status) { return kStatuses[static_cast<size_t>(status)]; }

std::string_view ToString(IncidentLevel level) { return Info(level).key; }
std::string_view ToString(IncidentType type) { return Info(type).key; }
std::string_view ToString(IncidentSource source) { return Info(source).key; }
std::string_view ToString(IncidentStatus status) { return Info(status).key; }
std::string_view ToString(OperateKey key) { return kOperateKeys[static_cast<size_t>(key)]; }

std::optional<IncidentLevel> ParseIncidentLevel(std::string_view key) {
  return Find<IncidentLevel>(kLevels, key);
}
std::optional<IncidentType> ParseIncidentType(std::string_view key) {
  return Find<IncidentType>(kTypes, key);
}
std::optional<IncidentSource> ParseIncidentSource(std::string_view key) {
  return Find<IncidentSource>(kSources, key);
}
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view key) {
  return Find<IncidentStatus>(kStatuses, key);
}
std::optional<OperateKey> ParseOperateKey(std::string_view key) {
  return EnumByName<OperateKey>(kOperateKeys, key);
}

std::span<const EnumInfo> IncidentLevelTable() { return kLevels; }
std::span<const EnumInfo> IncidentTypeTable() { return kTypes; }
std::span<const EnumInfo> IncidentSourceTable() { return kSources; }
std::span<const EnumInfo> IncidentStatusTable() { return kStatuses; }

std::string JoinKeys(std::span<const EnumInfo> table) {
  std::string out;
  for (const EnumInfo& info : table) {
    if (!out.empty()) out += ", ";
    out += info.key;
  }
  return out;
}

}  // namespace alarmgate
