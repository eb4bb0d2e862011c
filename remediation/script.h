#pragma once
// The Script aggregate of the script catalogue (seed 003 §4.2, contract §7): the metadata of table
// 4-28, the current version (content, type, parameters and their review status) and the history
// of every change and review. Plain data; script_review.h owns the rules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "remediation/script_enums.h"

namespace alarmgate {

// What a sensitive parameter's value is shown as, everywhere. A modify that sends it back for a
// sensitive parameter keeps the stored value; it can never be a real value, since `*` fails the
// parameter-value rule.
inline constexpr std::string_view kMaskedValue = "******";

// ScriptParamDefine (tables 4-11, 4-29).
struct ScriptParam {
  std::string name;         // param_name: 1..64 of [A-Za-z0-9_], unique within the script
  std::string value;        // param_value: the default, ≤1024 characters (param_value_rule.h)
  std::string description;  // param_description: ≤256 characters
  int64_t order = 1;        // param_order: 1..20, the params of a script are 1..n
  bool sensitive = false;   // the value reaches the script but is never shown or logged

  bool operator==(const ScriptParam&) const = default;
};

// ReviewerInfo (tables 4-10, 4-31).
struct Reviewer {
  std::string name;  // reviewer_name: 1..64
  std::string id;    // reviewer_id: 1..32, what an approval names

  bool operator==(const Reviewer&) const = default;
};

// ScriptPropertiesModel (tables 4-9, 4-30).
struct ScriptProperties {
  RiskLevel risk_level = RiskLevel::kLow;
  std::string version;  // the caller's own label, 1..10 characters (not alarmgate's number)
  std::vector<Reviewer> reviewers;         // ≤5; none: no approval needed
  std::optional<NotifyProtocol> protocol;  // stored and shown only

  bool operator==(const ScriptProperties&) const = default;
};

// One version of a script: what runs, and whether it may. A modify that changes content, type or
// parameters makes the next one; an order records the number it ran.
struct ScriptVersion {
  int64_t number = 1;
  ScriptType type = ScriptType::kShell;
  std::string content;              // 1..4096 characters
  std::vector<ScriptParam> params;  // ≤20, sorted by order
  ScriptStatus status = ScriptStatus::kApproved;
  int64_t created_ms = 0;
};

// One line of a script's history: who did what, when, to which version.
struct HistoryEntry {
  int64_t at_ms = 0;
  std::string actor_id;
  std::string actor;  // the actor's name
  HistoryAction action = HistoryAction::kCreated;
  int64_t version = 1;       // the version created, made current, or reviewed
  bool new_version = false;  // created, or a modify that changed content, type or parameters
  // The fields a modify changed ("name", "content", "script_params", "properties.reviewers", …):
  // names only, never values, so the history can be shown without masking.
  std::vector<std::string> changes;
  std::string comment;  // a review's comment
};

// Who calls the API: the creator or the last modifier.
struct ScriptActor {
  std::string id;
  std::string name;
};

struct Script {
  std::string uuid;  // script_uuid: "SC" + 23 characters (script_uuid.h)
  int64_t id = 0;    // the list's paging id (table 4-15); 0 until storage assigns the next one
  std::string name;  // 1..64 of Chinese characters, letters, digits, _; unique (the service's job)
  std::string description;  // 1..256
  ScriptProperties properties;
  ScriptVersion current;  // the latest version; `status` of the API is its status

  std::string creator;
  std::string creator_id;
  std::string operator_name;  // "operator" on the wire: who modified it last
  int64_t gmt_created_ms = 0;
  int64_t gmt_modified_ms = 0;

  std::vector<HistoryEntry> history;  // oldest first
};

}  // namespace alarmgate
