#pragma once
// Validation of the script catalogue's requests (seed 003 tables 4-8..4-11, 4-13, 4-19, 4-22..4-25,
// and the approval body of contract §7) into typed commands. Exception-free; every problem is
// reported, "<field> <rule>" joined with " | ", and no message ever quotes a parameter value.

#include <simdjson.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "remediation/script_commands.h"

namespace alarmgate {

// The limits of the seed's tables, shared with the lifecycle and the tests.
inline constexpr size_t kMaxScriptNameChars = 64;
inline constexpr size_t kMaxScriptDescriptionChars = 256;
inline constexpr size_t kMaxScriptContentChars = 4096;
inline constexpr size_t kMaxScriptParams = 20;
inline constexpr size_t kMaxParamNameChars = 64;
inline constexpr size_t kMaxParamValueChars = 1024;
inline constexpr size_t kMaxParamDescriptionChars = 256;
inline constexpr size_t kMaxReviewers = 5;
inline constexpr int64_t kMaxScriptListLimit = 100;
inline constexpr int64_t kDefaultScriptListLimit = 20;

// `root` is a strictly parsed body (StrictJsonParser). Failures are Status::InvalidArgument, e.g.
// "name size must be between 1 and 64 | script_params[2].param_name must match [A-Za-z0-9_] |
// script_params param_order must be contiguous from 1 (got 1, 3)". null counts as absent; unknown
// members are ignored. Stricter than the seed where it would be unusable: reviewer_id 1..32 (the
// seed allows 0), since an approval names its reviewer by id, and reviewer ids must be unique.
Result<CreateScriptCommand> ParseCreateScript(simdjson::dom::element root);

// Table 4-22: description and content required; name, type, properties, script_params optional
// (the seed's own example sends name and type). A name renames the script: its rules are
// create's, and its uniqueness is the service's to check. script_params allows 20 as create does
// (the seed's table says 0-5 here, which contradicts the create table and contract §7). A
// sensitive param may send kMaskedValue ("******") to keep its stored value.
Result<ModifyScriptCommand> ParseModifyScript(simdjson::dom::element root);

// {"reviewer_id": 1..32, "approved": bool, "comment": ≤256 (optional)}.
Result<ApproveScriptCommand> ParseApproveScript(simdjson::dom::element root);

// Looks up one decoded query parameter; nullopt when absent.
using QueryParamLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Table 4-13. The seed makes limit required; here it defaults to 20 (as the incident list does),
// since a COC client expects a bare GET to list something. Present, it must be 1..100. marker is
// 0..2^63-1; name_like 1..32 and creator 1..64 characters; risk_level and type as their enums.
// An empty parameter counts as absent.
Result<ScriptListQuery> ParseScriptListQuery(const QueryParamLookup& param);

// The {script_uuid} path parameter (tables 4-19, 4-21, 4-27): 1..25 letters and digits. A
// well-formed uuid that names no script is the service's 404.
Status CheckScriptUuid(std::string_view script_uuid);

}  // namespace alarmgate
