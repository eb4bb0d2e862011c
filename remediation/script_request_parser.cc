// Script request validation: one reader per JSON object, the seed's tables in their order (which
// is the order problems are reported in), then the rules that span several parameters.

#include "remediation/script_request_parser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/problem_list.h"
#include "core/utf8.h"
#include "remediation/json_object_reader.h"
#include "remediation/param_value_rule.h"

namespace alarmgate {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

using Presence = JsonObjectReader::Presence;
constexpr Presence kRequired = Presence::kRequired;
constexpr Presence kOptional = Presence::kOptional;

constexpr size_t kMaxVersionLabelChars = 10;
constexpr size_t kMaxReviewerNameChars = 64;
constexpr size_t kMaxReviewerIdChars = 32;
constexpr size_t kMaxCommentChars = 256;
constexpr size_t kMaxUuidChars = 25;
constexpr size_t kMaxNameLikeChars = 32;
constexpr size_t kMaxCreatorChars = 64;

bool IsAsciiWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Chinese characters are the CJK Unified Ideographs and their Extension A: the ideographs Chinese
// text is written in. Chinese punctuation (，。) is not part of a name.
bool IsHan(uint32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

// Name rule of tables 4-8 and 4-22 on valid UTF-8 (the JSON parser validated it).
bool IsScriptName(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      if (!IsAsciiWordChar(lead)) return false;
      ++i;
      continue;
    }
    const size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (i + len > s.size()) return false;
    uint32_t cp = lead & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!IsHan(cp)) return false;
    i += len;
  }
  return true;
}

bool IsParamName(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsAsciiWordChar(static_cast<unsigned char>(c)); });
}

std::string Indexed(std::string_view array, size_t index) {
  return std::string(array) + "[" + std::to_string(index) + "]";
}

std::optional<std::string> ReadName(JsonObjectReader& body, Presence presence) {
  std::optional<std::string> name = body.String("name", presence, 1, kMaxScriptNameChars);
  if (name && !IsScriptName(*name)) {
    body.Add("name", "must contain only Chinese characters, letters, digits and _");
    return std::nullopt;
  }
  return name;
}

// properties.reviewers (tables 4-10, 4-24): each needs a name and an id, and ids are unique since
// an approval names its reviewer by id.
std::vector<Reviewer> ReadReviewers(JsonObjectReader& properties, ProblemList& problems) {
  std::vector<Reviewer> reviewers;
  std::optional<simdjson::dom::array> array =
      properties.Array("reviewers", kOptional, kMaxReviewers);
  if (!array) return reviewers;
  size_t index = 0;
  for (element item : *array) {
    const std::string label = Indexed(properties.Label("reviewers"), index++);
    object entry;
    if (item.get_object().get(entry)) {
      problems.Add(label, "must be an object");
      continue;
    }
    JsonObjectReader r(entry, label + ".", problems);
    std::optional<std::string> name =
        r.String("reviewer_name", kRequired, 1, kMaxReviewerNameChars);
    std::optional<std::string> id = r.String("reviewer_id", kRequired, 1, kMaxReviewerIdChars);
    if (!id) continue;
    const bool seen = std::any_of(reviewers.begin(), reviewers.end(),
                                  [&](const Reviewer& other) { return other.id == *id; });
    if (seen) r.Add("reviewer_id", "must be unique: " + *id);
    reviewers.push_back({name.value_or(""), std::move(*id)});
  }
  return reviewers;
}

// ScriptPropertiesModel (tables 4-9, 4-23).
std::optional<ScriptProperties> ReadProperties(JsonObjectReader& body, Presence presence,
                                               ProblemList& problems) {
  std::optional<object> properties = body.Object("properties", presence);
  if (!properties) return std::nullopt;
  JsonObjectReader r(*properties, "properties.", problems);
  ScriptProperties out;
  out.risk_level = r.Enum<RiskLevel>("risk_level", kRequired, ParseRiskLevel, RiskLevelNames())
                       .value_or(RiskLevel::kLow);
  out.version = r.String("version", kRequired, 1, kMaxVersionLabelChars).value_or("");
  out.reviewers = ReadReviewers(r, problems);
  out.protocol =
      r.Enum<NotifyProtocol>("protocol", kOptional, ParseNotifyProtocol, NotifyProtocolNames());
  return out;
}

// One script_params entry as far as it is valid; the set rules need to know which parts are.
struct ParamRead {
  ScriptParam param;
  bool name_valid = false;
  bool order_valid = false;
};

// The sensitive flag as sent, without reporting anything: param_value's rule depends on it, but
// its own problems are reported in table order, after param_value's.
bool SentAsSensitive(object entry) {
  bool sensitive = false;
  return entry["sensitive"].get_bool().get(sensitive) == simdjson::SUCCESS && sensitive;
}

// ScriptParamDefine (tables 4-11, 4-25). `allow_mask`: a modify may send kMaskedValue for a
// sensitive param to keep its stored value.
ParamRead ReadParam(object entry, const std::string& label, bool allow_mask,
                    ProblemList& problems) {
  JsonObjectReader r(entry, label + ".", problems);
  ParamRead out;
  std::optional<std::string> name = r.String("param_name", kRequired, 1, kMaxParamNameChars);
  if (name && !IsParamName(*name)) {
    r.Add("param_name", "must match [A-Za-z0-9_]");
    name.reset();
  }
  std::optional<std::string> value = r.String("param_value", kRequired, 0, kMaxParamValueChars);
  const bool masked = allow_mask && value == kMaskedValue && SentAsSensitive(entry);
  if (value && !masked && !IsValidParamValue(*value)) r.Add("param_value", kParamValueRule);
  std::optional<std::string> description =
      r.String("param_description", kRequired, 0, kMaxParamDescriptionChars);
  std::optional<int64_t> order =
      r.Int("param_order", kRequired, 1, static_cast<int64_t>(kMaxScriptParams));
  std::optional<bool> sensitive = r.Bool("sensitive", kRequired);
  out.name_valid = name.has_value();
  out.order_valid = order.has_value();
  out.param = {name.value_or(""), value.value_or(""), description.value_or(""), order.value_or(0),
               sensitive.value_or(false)};
  return out;
}

// Names are unique and orders are 1..n: checked over the entries whose own fields were valid.
void CheckParamSet(const std::vector<ParamRead>& reads, bool all_orders_valid,
                   ProblemList& problems) {
  for (size_t i = 0; i < reads.size(); ++i) {
    if (!reads[i].name_valid) continue;
    for (size_t j = 0; j < i; ++j) {
      if (reads[j].name_valid && reads[j].param.name == reads[i].param.name) {
        problems.Add(Indexed("script_params", i) + ".param_name",
                     "must be unique: " + reads[i].param.name);
        break;
      }
    }
  }
  if (!all_orders_valid) return;
  std::vector<int64_t> orders;
  for (const ParamRead& read : reads) orders.push_back(read.param.order);
  std::sort(orders.begin(), orders.end());
  for (size_t i = 0; i < orders.size(); ++i) {
    if (orders[i] == static_cast<int64_t>(i) + 1) continue;
    std::string got;
    for (int64_t order : orders) got += (got.empty() ? "" : ", ") + std::to_string(order);
    problems.Add("script_params param_order", "must be contiguous from 1 (got " + got + ")");
    return;
  }
}

// script_params, or nullopt when absent (or invalid: then problems say why).
std::optional<std::vector<ScriptParam>> ReadParams(JsonObjectReader& body, bool allow_mask,
                                                   ProblemList& problems) {
  std::optional<simdjson::dom::array> array =
      body.Array("script_params", kOptional, kMaxScriptParams);
  if (!array) return std::nullopt;
  std::vector<ParamRead> reads;
  bool all_orders_valid = true;
  size_t index = 0;
  for (element item : *array) {
    const std::string label = Indexed("script_params", index++);
    object entry;
    if (item.get_object().get(entry)) {
      problems.Add(label, "must be an object");
      all_orders_valid = false;
      continue;
    }
    reads.push_back(ReadParam(entry, label, allow_mask, problems));
    all_orders_valid = all_orders_valid && reads.back().order_valid;
  }
  CheckParamSet(reads, all_orders_valid, problems);
  std::vector<ScriptParam> params;
  for (ParamRead& read : reads) params.push_back(std::move(read.param));
  return params;
}

// The members of a create or modify body, each nullopt when absent or invalid.
struct ScriptFields {
  std::optional<std::string> name;
  std::optional<ScriptProperties> properties;
  std::optional<std::string> description;
  std::optional<ScriptType> type;
  std::optional<std::string> content;
  std::optional<std::vector<ScriptParam>> params;
};

// Both bodies in create's table order (table 4-8). A modify (table 4-22) needs only description
// and content, and may send the mask for a sensitive param.
ScriptFields ReadScriptFields(object body, bool modify, ProblemList& problems) {
  JsonObjectReader r(body, "", problems);
  const Presence create_only = modify ? kOptional : kRequired;
  ScriptFields f;
  f.name = ReadName(r, create_only);
  f.properties = ReadProperties(r, create_only, problems);
  f.description = r.String("description", kRequired, 1, kMaxScriptDescriptionChars);
  f.type = r.Enum<ScriptType>("type", create_only, ParseScriptType, ScriptTypeNames());
  f.content = r.String("content", kRequired, 1, kMaxScriptContentChars);
  f.params = ReadParams(r, /*allow_mask=*/modify, problems);
  return f;
}

// Query parameters of a list request, each read with its rule; an empty one counts as absent.
struct QueryParams {
  const QueryParamLookup& lookup;
  ProblemList& problems;

  std::optional<std::string> Get(std::string_view name) const {
    std::optional<std::string> value = lookup(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  }

  std::optional<int64_t> Integer(std::string_view name, int64_t min, int64_t max) const {
    std::optional<std::string> text = Get(name);
    if (!text) return std::nullopt;
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec == std::errc() && end == text->data() + text->size() && n >= min && n <= max) return n;
    problems.Add(
        name, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }

  // Query strings are not validated as the JSON bodies are: check UTF-8 before counting.
  std::string Text(std::string_view name, size_t max_chars) const {
    std::optional<std::string> text = Get(name);
    if (!text) return "";
    if (!simdjson::validate_utf8(text->data(), text->size())) {
      problems.Add(name, "must be valid UTF-8");
      return "";
    }
    if (CodePoints(*text) > max_chars) {
      problems.Add(name, JsonObjectReader::SizeRule(1, max_chars));
      return "";
    }
    return std::move(*text);
  }

  template <typename E>
  std::optional<E> Enum(std::string_view name, std::optional<E> (*parse)(std::string_view),
                        std::string_view names) const {
    std::optional<std::string> text = Get(name);
    if (!text) return std::nullopt;
    std::optional<E> value = parse(*text);
    if (!value) problems.Add(name, "must be one of " + std::string(names));
    return value;
  }
};

}  // namespace

Result<CreateScriptCommand> ParseCreateScript(element root) {
  ASSIGN_OR_RETURN(object body, JsonObjectReader::RootObject(root));
  ProblemList problems;
  ScriptFields f = ReadScriptFields(body, /*modify=*/false, problems);
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return CreateScriptCommand{.name = std::move(*f.name),
                             .description = std::move(*f.description),
                             .type = *f.type,
                             .content = std::move(*f.content),
                             .properties = std::move(*f.properties),
                             .params = std::move(f.params).value_or(std::vector<ScriptParam>{})};
}

Result<ModifyScriptCommand> ParseModifyScript(element root) {
  ASSIGN_OR_RETURN(object body, JsonObjectReader::RootObject(root));
  ProblemList problems;
  ScriptFields f = ReadScriptFields(body, /*modify=*/true, problems);
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return ModifyScriptCommand{.name = std::move(f.name),
                             .description = std::move(*f.description),
                             .content = std::move(*f.content),
                             .type = f.type,
                             .properties = std::move(f.properties),
                             .params = std::move(f.params)};
}

Result<ApproveScriptCommand> ParseApproveScript(element root) {
  ASSIGN_OR_RETURN(object body, JsonObjectReader::RootObject(root));
  ProblemList problems;
  JsonObjectReader r(body, "", problems);
  ApproveScriptCommand cmd;
  cmd.reviewer_id = r.String("reviewer_id", kRequired, 1, kMaxReviewerIdChars).value_or("");
  cmd.approved = r.Bool("approved", kRequired).value_or(false);
  cmd.comment = r.String("comment", kOptional, 0, kMaxCommentChars).value_or("");
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return cmd;
}

Result<ScriptListQuery> ParseScriptListQuery(const QueryParamLookup& param) {
  ProblemList problems;
  QueryParams query{param, problems};
  ScriptListQuery q;
  q.limit = query.Integer("limit", 1, kMaxScriptListLimit).value_or(kDefaultScriptListLimit);
  q.marker = query.Integer("marker", 0, std::numeric_limits<int64_t>::max());
  q.name_like = query.Text("name_like", kMaxNameLikeChars);
  q.creator = query.Text("creator", kMaxCreatorChars);
  q.risk_level = query.Enum<RiskLevel>("risk_level", ParseRiskLevel, RiskLevelNames());
  q.type = query.Enum<ScriptType>("type", ParseScriptType, ScriptTypeNames());
  if (!problems.empty()) return Status::InvalidArgument(problems.Take());
  return q;
}

Status CheckScriptUuid(std::string_view script_uuid) {
  if (script_uuid.empty() || script_uuid.size() > kMaxUuidChars) {
    return Status::InvalidArgument("script_uuid " + JsonObjectReader::SizeRule(1, kMaxUuidChars));
  }
  const bool alnum = std::all_of(script_uuid.begin(), script_uuid.end(), [](char c) {
    return IsAsciiWordChar(static_cast<unsigned char>(c)) && c != '_';
  });
  if (!alnum) return Status::InvalidArgument("script_uuid must contain only letters and digits");
  return Status::Ok();
}

}  // namespace alarmgate
