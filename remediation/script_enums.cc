// Wire names of the script enumerations, as the seed's tables spell them, indexed by enum value.

#include "remediation/script_enums.h"

#include <array>
#include <cstddef>

#include "core/enum_names.h"

namespace alarmgate {
namespace {

constexpr std::array<std::string_view, 3> kTypes = {"SHELL", "PYTHON", "BAT"};
constexpr std::array<std::string_view, 3> kRiskLevels = {"LOW", "MEDIUM", "HIGH"};
constexpr std::array<std::string_view, 3> kStatuses = {"PENDING_APPROVE", "APPROVED", "REJECTED"};
constexpr std::array<std::string_view, 8> kProtocols = {
    "DEFAULT", "SMS", "EMAIL", "DING_TALK", "WE_LINK", "WECHAT", "CALLNOTIFY", "NOT_TO_NOTIFY"};
constexpr std::array<std::string_view, 4> kActions = {"created", "modified", "approved",
                                                      "rejected"};

}  // namespace

std::string_view ToString(ScriptType type) { return kTypes[static_cast<size_t>(type)]; }
std::string_view ToString(RiskLevel level) { return kRiskLevels[static_cast<size_t>(level)]; }
std::string_view ToString(ScriptStatus status) { return kStatuses[static_cast<size_t>(status)]; }
std::string_view ToString(NotifyProtocol protocol) {
  return kProtocols[static_cast<size_t>(protocol)];
}
std::string_view ToString(HistoryAction action) { return kActions[static_cast<size_t>(action)]; }

std::optional<ScriptType> ParseScriptType(std::string_view name) {
  return EnumByName<ScriptType>(kTypes, name);
}
std::optional<RiskLevel> ParseRiskLevel(std::string_view name) {
  return EnumByName<RiskLevel>(kRiskLevels, name);
}
std::optional<ScriptStatus> ParseScriptStatus(std::string_view name) {
  return EnumByName<ScriptStatus>(kStatuses, name);
}
std::optional<NotifyProtocol> ParseNotifyProtocol(std::string_view name) {
  return EnumByName<NotifyProtocol>(kProtocols, name);
}
std::optional<HistoryAction> ParseHistoryAction(std::string_view name) {
  return EnumByName<HistoryAction>(kActions, name);
}

std::string_view ScriptTypeNames() { return "SHELL, PYTHON, BAT"; }
std::string_view RiskLevelNames() { return "LOW, MEDIUM, HIGH"; }
std::string_view NotifyProtocolNames() {
  return "DEFAULT, SMS, EMAIL, DING_TALK, WE_LINK, WECHAT, CALLNOTIFY, NOT_TO_NOTIFY";
}

}  // namespace alarmgate
