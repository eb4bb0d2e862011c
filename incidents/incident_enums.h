#pragma once
// The incident enumerations of seed 003 §4.4.1.6 (levels, types, sources, statuses) and the handle
// operate_keys, each with its wire key and the seed's Chinese and English names, and lookups by
// key.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace alarmgate {

// Declaration order is the seed's table order; the enums index their tables, so keep them in step.
enum class IncidentLevel { kLevel10, kLevel20, kLevel30, kLevel40, kLevel50 };

enum class IncidentType {
  kSecurity,
  kFunction,
  kReliability,
  kConfig,
  kMiddlewares,
  kHardware,
  kNetworking,
  kShelter,
  kMonitoring,
  kConsulting,
  kSuppliers,
  kOther,
  kChange,
};

enum class IncidentSource { kManual, kForwarding, kAlarm };

enum class IncidentStatus { kDraft, kTriggered, kAcknowledged, kRejected, kResolved, kCompleted };

// The operations of POST /v1/external/incident/handle (seed 003 §4.4.1.2-4.4.1.4).
enum class OperateKey { kAcceptedIncident, kCommitSolution, kConfirm };

// One row of a seed enumeration table.
struct EnumInfo {
  std::string_view key;      // on the wire, e.g. "level_10"
  std::string_view name_zh;  // e.g. "P1"
  std::string_view name_en;  // e.g. "P1"
};

const EnumInfo& Info(IncidentLevel level);
const EnumInfo& Info(IncidentType type);
const EnumInfo& Info(IncidentSource source);
const EnumInfo& Info(IncidentStatus status);

// The wire key.
std::string_view ToString(IncidentLevel level);
std::string_view ToString(IncidentType type);
std::string_view ToString(IncidentSource source);
std::string_view ToString(IncidentStatus status);
std::string_view ToString(OperateKey key);

// Exact, case-sensitive lookups by wire key.
std::optional<IncidentLevel> ParseIncidentLevel(std::string_view key);
std::optional<IncidentType> ParseIncidentType(std::string_view key);
std::optional<IncidentSource> ParseIncidentSource(std::string_view key);
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view key);
std::optional<OperateKey> ParseOperateKey(std::string_view key);

// Every row, in the seed's order.
std::span<const EnumInfo> IncidentLevelTable();
std::span<const EnumInfo> IncidentTypeTable();
std::span<const EnumInfo> IncidentSourceTable();
std::span<const EnumInfo> IncidentStatusTable();

// "level_10, level_20, …" for validation messages.
std::string JoinKeys(std::span<const EnumInfo> table);

}  // namespace alarmgate
