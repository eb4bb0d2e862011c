#pragma once
// The enumerations of the script catalogue (seed 003 §4.2): script type, risk level, review status,
// approval notification protocol, and the actions of a script's history; each with its wire name
// and an exact, case-sensitive lookup.

#include <optional>
#include <string_view>

namespace alarmgate {

// Declaration order is the seed's table order; the enums index their name tables.
enum class ScriptType { kShell, kPython, kBat };

enum class RiskLevel { kLow, kMedium, kHigh };

// The review status of a script version (table 4-15 `status`).
enum class ScriptStatus { kPendingApprove, kApproved, kRejected };

// properties.protocol: how reviewers are notified (tables 4-9, 4-23). alarmgate stores and shows
// it; it notifies nobody itself.
enum class NotifyProtocol {
  kDefault,
  kSms,
  kEmail,
  kDingTalk,
  kWeLink,
  kWeChat,
  kCallNotify,
  kNotToNotify,
};

// What a line of a script's history records (beyond the seed).
enum class HistoryAction { kCreated, kModified, kApproved, kRejected };

// The wire name: "SHELL", "HIGH", "PENDING_APPROVE", "WE_LINK", "approved", …
std::string_view ToString(ScriptType type);
std::string_view ToString(RiskLevel level);
std::string_view ToString(ScriptStatus status);
std::string_view ToString(NotifyProtocol protocol);
std::string_view ToString(HistoryAction action);

std::optional<ScriptType> ParseScriptType(std::string_view name);
std::optional<RiskLevel> ParseRiskLevel(std::string_view name);
std::optional<ScriptStatus> ParseScriptStatus(std::string_view name);
std::optional<NotifyProtocol> ParseNotifyProtocol(std::string_view name);
std::optional<HistoryAction> ParseHistoryAction(std::string_view name);

// "SHELL, PYTHON, BAT" and the like, for "must be one of …" messages.
std::string_view ScriptTypeNames();
std::string_view RiskLevelNames();
std::string_view NotifyProtocolNames();

}  // namespace alarmgate
