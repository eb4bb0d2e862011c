#pragma once
// The script lifecycle of contract §7 as pure functions: create, modify (a new version when
// content, type or parameters change), review (PENDING_APPROVE → APPROVED | REJECTED), and whether
// a script may run. Each change appends its line to the script's history.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "remediation/script.h"
#include "remediation/script_commands.h"

namespace alarmgate {

// Version 1 of a new script: APPROVED without reviewers, else PENDING_APPROVE. Params are sorted
// by param_order; id stays 0 (storage assigns it); the history starts with "created". The command
// comes from ParseCreateScript, which enforced every limit; the name's uniqueness is the service's.
Script CreateScript(const CreateScriptCommand& command, const ScriptActor& actor, int64_t now_ms,
                    std::string uuid);

// The script after `command`. What the command leaves out keeps its value. A sensitive param sent
// as kMaskedValue takes the stored value of the sensitive param of the same name; with no such
// param it is InvalidArgument (a param that is not sensitive in the request never takes a stored
// value, so a modify cannot unmask one).
// Content, type or parameters changed: version number + 1, APPROVED without reviewers, else
// PENDING_APPROVE. Otherwise (metadata only: name, description, properties) version and status
// stay — except that a PENDING_APPROVE version cannot lose its last reviewer, as nobody could then
// review it: that is Conflict. operator and gmt_modified become the actor's and now.
Result<Script> ModifyScript(const Script& script, const ModifyScriptCommand& command,
                            const ScriptActor& actor, int64_t now_ms);

// One review of the current version; one approval or one rejection decides it. A reviewer_id not
// in properties.reviewers is InvalidArgument ("reviewer_id X is not a reviewer of script SC…":
// a 400, as the status codes have no permission-denied); a version that is not PENDING_APPROVE is
// Conflict naming its status. Reviews change the history, not operator or gmt_modified.
Result<Script> ReviewScript(const Script& script, std::string_view reviewer_id, bool approved,
                            std::string_view comment, int64_t now_ms);

// Only an APPROVED version runs.
bool CanExecute(const Script& script);

// The same for the execute path: Conflict "script SC… version 2 is PENDING_APPROVE; only APPROVED
// scripts run".
Status CheckCanExecute(const Script& script);

}  // namespace alarmgate
