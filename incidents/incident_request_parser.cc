// Incident request validation, driven by one field table per body: each row says the field's JSON
// name, how messages name it, whether it is required, its kind and limits, and where it is stored.

#include "incidents/incident_request_parser.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/problem_list.h"
#include "core/utf8.h"

namespace alarmgate {
namespace {

using Problems = ProblemList;

using simdjson::dom::element;
using simdjson::dom::object;

enum class FieldKind {
  kString,      // a string of at most max_chars characters
  kStringList,  // an array of at most max_items strings of at most max_chars characters each
  kBool,        // true/false, or the strings "true"/"false"
  kLevel,       // an incident_level key
  kType,        // an incident_type key
  kSource,      // an incident_source key
  kOperateKey,  // acceptedIncident1 | commitSolution1 | confirm
  kObject,      // any object, kept as minified JSON text
};

// One row of a body's field table. Exactly one target pointer matches `kind`.
template <typename Cmd>
struct FieldSpec {
  std::string_view name;   // JSON key
  std::string_view label;  // how messages name it
  bool required = false;
  FieldKind kind = FieldKind::kString;
  uint32_t max_chars = 0;
  uint32_t max_items = 0;
  std::string Cmd::*text = nullptr;  // kString, kObject
  std::vector<std::string> Cmd::*list = nullptr;
  bool Cmd::*flag = nullptr;
  IncidentLevel Cmd::*level = nullptr;
  IncidentType Cmd::*type = nullptr;
  IncidentSource Cmd::*source = nullptr;
  OperateKey Cmd::*operate_key = nullptr;
};

using C = CreateIncidentCommand;
using H = HandleIncidentCommand;
using K = FieldKind;

// One row per field, laid out like the seed's tables.
// clang-format off
// Table 4-62, in the seed's order (which is the order problems are reported in).
constexpr std::array<FieldSpec<C>, 13> kCreateFields = {{
    {.name = "region", .label = "region", .kind = K::kStringList, .max_chars = 255,
     .max_items = 1, .list = &C::region},
    {.name = "enterprise_project", .label = "enterprise_project", .kind = K::kStringList,
     .max_chars = 255, .max_items = 1, .list = &C::enterprise_project},
    {.name = "current_cloud_service", .label = "current_cloud_service", .required = true,
     .kind = K::kStringList, .max_chars = 255, .max_items = 1, .list = &C::current_cloud_service},
    {.name = "incident_level", .label = "incident_level", .required = true, .kind = K::kLevel,
     .max_chars = 255, .level = &C::level},
    {.name = "is_service_interrupt", .label = "is_service_interrupt", .required = true,
     .kind = K::kBool, .flag = &C::is_service_interrupt},
    {.name = "incident_type", .label = "incident_type", .required = true, .kind = K::kType,
     .max_chars = 255, .type = &C::type},
    {.name = "incident_title", .label = "incident_title", .required = true, .kind = K::kString,
     .max_chars = 200, .text = &C::title},
    {.name = "incident_description", .label = "incident_description", .required = true,
     .kind = K::kString, .max_chars = 600, .text = &C::description},
    {.name = "incident_source", .label = "incident_source", .required = true, .kind = K::kSource,
     .max_chars = 255, .source = &C::source},
    {.name = "incident_assignee", .label = "incident_assignee", .kind = K::kStringList,
     .max_chars = 255, .max_items = 1, .list = &C::assignee},
    {.name = "assignee_scene", .label = "assignee_scene", .kind = K::kString, .max_chars = 255,
     .text = &C::assignee_scene},
    {.name = "assignee_role", .label = "assignee_role", .kind = K::kString, .max_chars = 255,
     .text = &C::assignee_role},
    {.name = "creator", .label = "creator", .required = true, .kind = K::kString,
     .max_chars = 255, .text = &C::creator},
}};

// Tables 4-66/4-69/4-72: the fields every handle request has. The seed's error table names
// incident_num "incidentNum" ("incidentNum size must be between 0 and 255"), so messages do too.
constexpr std::array<FieldSpec<H>, 4> kHandleFields = {{
    {.name = "incident_num", .label = "incidentNum", .required = true, .kind = K::kString,
     .max_chars = 255, .text = &H::incident_num},
    {.name = "operator", .label = "operator", .required = true, .kind = K::kString,
     .max_chars = 255, .text = &H::operator_id},
    {.name = "operate_key", .label = "operate_key", .required = true, .kind = K::kOperateKey,
     .max_chars = 255, .operate_key = &H::operate_key},
    {.name = "parameter", .label = "parameter", .kind = K::kObject, .text = &H::parameter_json},
}};
constexpr size_t kOperateKeyRow = 2;
constexpr size_t kParameterRow = 3;

// Table 4-69: the parameter of commitSolution1.
constexpr std::array<FieldSpec<H>, 4> kCommitSolutionParameters = {{
    {.name = "mtm_type", .label = "parameter.mtm_type", .required = true, .kind = K::kType,
     .max_chars = 255, .type = &H::mtm_type},
    {.name = "is_service_interrupt", .label = "parameter.is_service_interrupt", .required = true,
     .kind = K::kBool, .flag = &H::is_service_interrupt},
    {.name = "cause", .label = "parameter.cause", .required = true, .kind = K::kString,
     .max_chars = 10000, .text = &H::cause},
    {.name = "solution", .label = "parameter.solution", .required = true, .kind = K::kString,
     .max_chars = 10000, .text = &H::solution},
}};

// Table 4-72: the parameter of confirm.
constexpr std::array<FieldSpec<H>, 2> kConfirmParameters = {{
    {.name = "virtual_confirm_result", .label = "parameter.virtual_confirm_result",
     .required = true, .kind = K::kBool, .flag = &H::virtual_confirm_result},
    {.name = "virtual_confirm_comment", .label = "parameter.virtual_confirm_comment",
     .required = true, .kind = K::kString, .max_chars = 300, .text = &H::virtual_confirm_comment},
}};
// clang-format on


std::string SizeRule(uint32_t max) { return "size must be between 0 and " + std::to_string(max); }

bool CheckChars(std::string_view subject, std::string_view text, uint32_t max, Problems& problems) {
  if (CodePoints(text) <= max) return true;
  problems.Add(subject, SizeRule(max));
  return false;
}

// The limits of a stored string or list field; shared by the parser and CheckCreateIncident.
template <typename Cmd>
bool CheckStored(const FieldSpec<Cmd>& spec, const Cmd& cmd, Problems& problems) {
  if (spec.kind == FieldKind::kString) {
    return CheckChars(spec.label, cmd.*spec.text, spec.max_chars, problems);
  }
  if (spec.kind != FieldKind::kStringList) return true;
  const std::vector<std::string>& list = cmd.*spec.list;
  if (list.size() > spec.max_items) {
    problems.Add(spec.label, SizeRule(spec.max_items));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string subject = std::string(spec.label) + "[" + std::to_string(i) + "]";
    ok = CheckChars(subject, list[i], spec.max_chars, problems) && ok;
  }
  return ok;
}

// An enum key: a string within the length limit that names a row of `T`'s table.
template <typename T>
std::optional<T> ParseEnumField(std::string_view label, element value, uint32_t max_chars,
                                std::optional<T> (*parse)(std::string_view),
                                std::span<const EnumInfo> table, Problems& problems) {
  std::string_view text;
  if (value.get_string().get(text)) {
    problems.Add(label, "must be a string");
    return std::nullopt;
  }
  if (!CheckChars(label, text, max_chars, problems)) return std::nullopt;
  std::optional<T> parsed = parse(text);
  if (!parsed) problems.Add(label, "must be one of " + JoinKeys(table));
  return parsed;
}

template <typename Cmd>
bool ApplyStringList(const FieldSpec<Cmd>& spec, element value, Cmd& cmd, Problems& problems) {
  simdjson::dom::array array;
  if (value.get_array().get(array)) {
    problems.Add(spec.label, "must be an array of strings");
    return false;
  }
  std::vector<std::string>& list = cmd.*spec.list;
  list.clear();
  bool ok = true;
  size_t index = 0;
  for (element item : array) {
    std::string_view text;
    if (item.get_string().get(text)) {
      problems.Add(std::string(spec.label) + "[" + std::to_string(index) + "]",
                   "must be a string");
      ok = false;
    } else {
      list.emplace_back(text);
    }
    ++index;
  }
  return ok && CheckStored(spec, cmd, problems);
}

template <typename Cmd>
bool ApplyBool(const FieldSpec<Cmd>& spec, element value, Cmd& cmd, Problems& problems) {
  bool flag;
  std::string_view text;
  if (!value.get_bool().get(flag)) {
    cmd.*spec.flag = flag;
    return true;
  }
  // The seed's create example sends "is_service_interrupt": "true".
  if (!value.get_string().get(text) && (text == "true" || text == "false")) {
    cmd.*spec.flag = text == "true";
    return true;
  }
  problems.Add(spec.label, "must be a boolean");
  return false;
}

// An unknown operate_key gets the seed's own message.
template <typename Cmd>
bool ApplyOperateKey(const FieldSpec<Cmd>& spec, element value, Cmd& cmd, Problems& problems) {
  std::string_view text;
  if (value.get_string().get(text)) {
    problems.Add(spec.label, "must be a string");
    return false;
  }
  if (!CheckChars(spec.label, text, spec.max_chars, problems)) return false;
  std::optional<OperateKey> key = ParseOperateKey(text);
  if (!key) {
    problems.Add("The field[" + std::string(spec.name) + "] value[" + std::string(text) +
                 "] invalid");
    return false;
  }
  cmd.*spec.operate_key = *key;
  return true;
}

// Reads one present, non-null value into `cmd`. Returns false (with the reason recorded) if
// invalid.
template <typename Cmd>
bool ApplyField(const FieldSpec<Cmd>& spec, element value, Cmd& cmd, Problems& problems) {
  switch (spec.kind) {
    case FieldKind::kString: {
      std::string_view text;
      if (value.get_string().get(text)) {
        problems.Add(spec.label, "must be a string");
        return false;
      }
      cmd.*spec.text = text;
      return CheckStored(spec, cmd, problems);
    }
    case FieldKind::kStringList:
      return ApplyStringList(spec, value, cmd, problems);
    case FieldKind::kBool:
      return ApplyBool(spec, value, cmd, problems);
    case FieldKind::kLevel: {
      auto parsed = ParseEnumField<IncidentLevel>(
          spec.label, value, spec.max_chars, ParseIncidentLevel, IncidentLevelTable(), problems);
      if (parsed) cmd.*spec.level = *parsed;
      return parsed.has_value();
    }
    case FieldKind::kType: {
      auto parsed = ParseEnumField<IncidentType>(spec.label, value, spec.max_chars,
                                                 ParseIncidentType, IncidentTypeTable(), problems);
      if (parsed) cmd.*spec.type = *parsed;
      return parsed.has_value();
    }
    case FieldKind::kSource: {
      auto parsed = ParseEnumField<IncidentSource>(
          spec.label, value, spec.max_chars, ParseIncidentSource, IncidentSourceTable(), problems);
      if (parsed) cmd.*spec.source = *parsed;
      return parsed.has_value();
    }
    case FieldKind::kOperateKey:
      return ApplyOperateKey(spec, value, cmd, problems);
    case FieldKind::kObject: {
      if (!value.is_object()) {
        problems.Add(spec.label, "must be an object");
        return false;
      }
      cmd.*spec.text = simdjson::minify(value);
      return true;
    }
  }
  return false;
}

// What ParseFields found for each row of a table.
enum class FieldState { kAbsent, kInvalid, kValid };

// Applies every row of `fields` to the members of `object`, in table order.
template <typename Cmd, size_t N>
std::array<FieldState, N> ParseFields(object object, const std::array<FieldSpec<Cmd>, N>& fields,
                                      Cmd& cmd, Problems& problems) {
  // One pass over the object; the first occurrence of a name wins (duplicates were refused by
  // the strict parser anyway). null counts as absent.
  std::array<std::optional<element>, N> values;
  for (simdjson::dom::key_value_pair member : object) {
    if (member.value.is_null()) continue;
    for (size_t i = 0; i < N; ++i) {
      if (fields[i].name == member.key) {
        if (!values[i]) values[i] = member.value;
        break;
      }
    }
  }
  std::array<FieldState, N> states{};
  for (size_t i = 0; i < N; ++i) {
    if (!values[i]) {
      if (fields[i].required) problems.Add(fields[i].label, "must not be null");
      states[i] = fields[i].required ? FieldState::kInvalid : FieldState::kAbsent;
      continue;
    }
    states[i] = ApplyField(fields[i], *values[i], cmd, problems) ? FieldState::kValid
                                                                 : FieldState::kInvalid;
  }
  return states;
}

bool HasNonEmpty(const std::vector<std::string>& list) {
  for (const std::string& s : list) {
    if (!s.empty()) return true;
  }
  return false;
}

// Table 4-62's note: incident_assignee, or assignee_scene together with assignee_role (the two
// are one bundle: neither goes without the other).
void CheckAssignee(const CreateIncidentCommand& cmd, Problems& problems) {
  bool has_scene = !cmd.assignee_scene.empty();
  bool has_role = !cmd.assignee_role.empty();
  if (has_scene && !has_role) {
    problems.Add("assignee_role", "must not be empty when assignee_scene is set");
  } else if (has_role && !has_scene) {
    problems.Add("assignee_scene", "must not be empty when assignee_role is set");
  } else if (!has_scene && !HasNonEmpty(cmd.assignee)) {
    problems.Add("incident_assignee",
                 "must not be empty unless assignee_scene and assignee_role are set");
  }
}

size_t IndexOf(std::string_view name) {
  for (size_t i = 0; i < kCreateFields.size(); ++i) {
    if (kCreateFields[i].name == name) return i;
  }
  return kCreateFields.size();
}

}  // namespace

Result<CreateIncidentCommand> ParseCreateIncident(element root) {
  object body;
  if (root.get_object().get(body)) {
    return Status::InvalidArgument("request body must be a JSON object");
  }
  CreateIncidentCommand cmd;
  Problems problems;
  auto states = ParseFields(body, kCreateFields, cmd, problems);
  // The assignee rule only means something once its three fields are individually valid.
  bool assignee_fields_valid = true;
  for (std::string_view name : {"incident_assignee", "assignee_scene", "assignee_role"}) {
    assignee_fields_valid = assignee_fields_valid && states[IndexOf(name)] != FieldState::kInvalid;
  }
  if (assignee_fields_valid) CheckAssignee(cmd, problems);
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return cmd;
}

Status CheckCreateIncident(const CreateIncidentCommand& command) {
  Problems problems;
  for (const FieldSpec<C>& spec : kCreateFields) CheckStored(spec, command, problems);
  CheckAssignee(command, problems);
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return Status::Ok();
}

Result<HandleIncidentCommand> ParseHandleIncident(element root) {
  object body;
  if (root.get_object().get(body)) {
    return Status::InvalidArgument("request body must be a JSON object");
  }
  HandleIncidentCommand cmd;
  Problems problems;
  auto states = ParseFields(body, kHandleFields, cmd, problems);
  // The parameter's rules depend on the operation: check them only once that is known.
  bool needs_parameter = states[kOperateKeyRow] == FieldState::kValid &&
                         cmd.operate_key != OperateKey::kAcceptedIncident;
  if (needs_parameter) {
    if (states[kParameterRow] == FieldState::kAbsent) {
      problems.Add("parameter", "must not be null");
    } else if (object parameter;
               states[kParameterRow] == FieldState::kValid &&
               body["parameter"].get_object().get(parameter) == simdjson::SUCCESS) {
      if (cmd.operate_key == OperateKey::kCommitSolution) {
        ParseFields(parameter, kCommitSolutionParameters, cmd, problems);
      } else {
        ParseFields(parameter, kConfirmParameters, cmd, problems);
      }
    }
  }
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return cmd;
}

Status CheckIncidentNum(std::string_view incident_num) {
  Problems problems;
  CheckChars(kHandleFields[0].label, incident_num, kHandleFields[0].max_chars, problems);
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return Status::Ok();
}

}  // namespace alarmgate
