#pragma once
// The typed requests of the script catalogue (seed 003 §4.2.1, §4.2.2, §4.2.4, and approval beyond
// the seed): what the request parser produces and the lifecycle consumes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "remediation/script.h"

namespace alarmgate {

// POST /v1/job/scripts (table 4-8). params are in request order; the lifecycle sorts them.
struct CreateScriptCommand {
  std::string name;
  std::string description;
  ScriptType type = ScriptType::kShell;
  std::string content;
  ScriptProperties properties;
  std::vector<ScriptParam> params;
};

// PUT /v1/job/scripts/{script_uuid} (table 4-22). description and content are required; what is
// absent keeps its current value. A sensitive param whose value is kMaskedValue keeps the stored
// value of the sensitive param of the same name.
struct ModifyScriptCommand {
  std::optional<std::string> name;  // a rename; the service checks that it stays unique
  std::string description;
  std::string content;
  std::optional<ScriptType> type;
  std::optional<ScriptProperties> properties;      // replaces the properties as a whole
  std::optional<std::vector<ScriptParam>> params;  // replaces the parameters; [] removes them all
};

// POST /v1/job/scripts/{script_uuid}/approve (contract §7).
struct ApproveScriptCommand {
  std::string reviewer_id;
  bool approved = false;
  std::string comment;
};

// GET /v1/job/scripts (table 4-13); empty strings and nullopt mean "no filter".
struct ScriptListQuery {
  int64_t limit = 20;
  std::optional<int64_t> marker;  // the id of the previous page's last script
  std::string name_like;
  std::string creator;
  std::optional<RiskLevel> risk_level;
  std::optional<ScriptType> type;
};

}  // namespace alarmgate
