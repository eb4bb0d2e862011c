#pragma once
// The bodies of the script catalogue's answers (seed 003 tables 4-14..4-17, 4-28..4-31), plus the
// version and history alarmgate adds. A sensitive parameter's value is always kMaskedValue.

#include <cstdint>
#include <span>
#include <string>

#include "core/json_writer.h"
#include "remediation/script.h"

namespace alarmgate {

// Detail (table 4-28), the `data` of GET /v1/job/scripts/{script_uuid}: script_uuid, name,
// version (the caller's properties.version label: the seed's deprecated top-level copy of it),
// description, type, content, script_params, status (of the current version), gmt_created,
// gmt_modified, creator, creator_id, operator, properties{risk_level, version, reviewers,
// protocol (null when unset)}; then alarmgate's script_version (the current version number, the
// one an order records as its script_version) and id (the list's paging id).
void WriteScriptDetailData(JsonWriter& w, const Script& script);

// One ScriptListModel (table 4-15): id, script_uuid, name, type, status, gmt_created,
// gmt_modified, creator, creator_id, operator, properties; then script_version.
void WriteScriptListItem(JsonWriter& w, const Script& script);

// The whole body of GET /v1/job/scripts (table 4-14): {"total": N, "data": [items]}. Not to be
// wrapped in another {"data": …}: the seed puts total beside data.
void WriteScriptListBody(JsonWriter& w, std::span<const Script> page, int64_t total);

// Beyond the seed, the `data` of GET /v1/job/scripts/{script_uuid}/history:
// {"script_uuid", "script_version", "status", "history": [{"time", "actor_id", "actor", "action"
// (created|modified|approved|rejected), "version", "new_version", "changes": [field names],
// "comment"}]}, oldest first.
void WriteScriptHistoryData(JsonWriter& w, const Script& script);

// The same, as text to hand to the envelope.
std::string ScriptDetailDataJson(const Script& script);
std::string ScriptHistoryDataJson(const Script& script);

}  // namespace alarmgate
