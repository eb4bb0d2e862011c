// Tests for the incident request parsers: the seed's request examples verbatim, then every rule of
// tables 4-62, 4-66, 4-69 and 4-72, one row per rule.

#include "incidents/incident_request_parser.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/strict_json_parser.h"
#include "tests/fixtures/seed_incident_examples.h"

namespace alarmgate {
namespace {

Result<CreateIncidentCommand> Create(std::string body) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return ParseCreateIncident(*root);
}

Result<HandleIncidentCommand> Handle(std::string body) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return ParseHandleIncident(*root);
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Repeat(std::string_view part, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += part;
  return s;
}

// A JSON object as (field, raw JSON value) in order; tests override or drop fields.
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string ToJson(const Fields& fields) {
  std::string s = "{";
  for (const auto& [name, value] : fields) {
    if (s.size() > 1) s += ",";
    s += Quoted(name) + ":" + value;
  }
  return s + "}";
}

// `fields` with each (name, raw) of `changes` replacing its field (nullopt removes it; a name not
// present is appended).
Fields With(Fields fields,
            const std::vector<std::pair<std::string, std::optional<std::string>>>& changes) {
  for (const auto& [name, raw] : changes) {
    bool found = false;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      if (it->first != name) continue;
      found = true;
      if (raw) {
        it->second = *raw;
      } else {
        fields.erase(it);
      }
      break;
    }
    if (!found && raw) fields.emplace_back(name, *raw);
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Seed examples (tests/fixtures/seed_incident_examples.h), verbatim.

TEST(ParseCreateIncidentTest, SeedExample) {
  Result<CreateIncidentCommand> c = Create(std::string(seed_examples::kCreateIncidentRequest));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->region, std::vector<std::string>{"cn-southwest-252"});
  EXPECT_EQ(c->enterprise_project,
            std::vector<std::string>{"ab080d9f-6b97-4e73-8679-b6d76057f274"});
  EXPECT_EQ(c->current_cloud_service, std::vector<std::string>{"65659ae2f42bf80e5f3f0635"});
  EXPECT_EQ(c->level, IncidentLevel::kLevel50);
  EXPECT_TRUE(c->is_service_interrupt);  // sent as the string "true"
  EXPECT_EQ(c->type, IncidentType::kSecurity);
  EXPECT_EQ(c->title, "测试时间单号10001");
  EXPECT_EQ(c->description, "测试时间单号10001");
  EXPECT_EQ(c->source, IncidentSource::kManual);
  EXPECT_EQ(c->assignee, std::vector<std::string>{"7da46971b7e24eed90cf777cc2ff8b91"});
  EXPECT_EQ(c->creator, "7da46971b7e24eed90cf777cc2ff8b91");
  EXPECT_EQ(c->assignee_scene, "");
  EXPECT_EQ(c->assignee_role, "");
}

TEST(ParseHandleIncidentTest, SeedAcceptExample) {
  Result<HandleIncidentCommand> h = Handle(std::string(seed_examples::kAcceptIncidentRequest));
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->incident_num, "IM202403221515060171753781");
  EXPECT_EQ(h->operator_id, "7da46971b7e24eed90cf777cc2ff8b91");
  EXPECT_EQ(h->operate_key, OperateKey::kAcceptedIncident);
  EXPECT_EQ(h->parameter_json, "{}");
}

TEST(ParseHandleIncidentTest, SeedCommitSolutionExample) {
  Result<HandleIncidentCommand> h = Handle(std::string(seed_examples::kCommitSolutionRequest));
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->operate_key, OperateKey::kCommitSolution);
  EXPECT_EQ(h->mtm_type, IncidentType::kConfig);
  EXPECT_TRUE(h->is_service_interrupt);
  EXPECT_EQ(h->cause, "100001");
  EXPECT_EQ(h->solution, "20001");
  EXPECT_EQ(h->parameter_json,
            R"({"mtm_type":"inc_type_p_config_issues","is_service_interrupt":true,)"
            R"("cause":"100001","solution":"20001"})");
}

TEST(ParseHandleIncidentTest, SeedConfirmExample) {
  Result<HandleIncidentCommand> h = Handle(std::string(seed_examples::kConfirmRequest));
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->operate_key, OperateKey::kConfirm);
  EXPECT_FALSE(h->virtual_confirm_result);
  EXPECT_EQ(h->virtual_confirm_comment, "13");
}

// The seed's error table (§4.4.1.2): both messages, verbatim.
TEST(ParseHandleIncidentTest, SeedErrorMessages) {
  Result<HandleIncidentCommand> h = Handle(R"({"incident_num":"IM1","operator":"u",)"
                                           R"("operate_key":"acceptedIncident111"})");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(h.status().message(), "The field[operate_key] value[acceptedIncident111] invalid");

  h = Handle(R"({"incident_num":")" + Repeat("1", 256) +
             R"(","operator":"u","operate_key":"acceptedIncident1"})");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().message(), "incidentNum size must be between 0 and 255");
}

// ---------------------------------------------------------------------------------------------
// Table 4-62, rule by rule.

Fields ValidCreate() {
  return {{"region", R"(["cn-north-4"])"},
          {"enterprise_project", R"(["0"])"},
          {"current_cloud_service", R"(["app-1"])"},
          {"incident_level", R"("level_20")"},
          {"is_service_interrupt", "false"},
          {"incident_type", R"("inc_type_p_reliability_issues")"},
          {"incident_title", R"("CPU high")"},
          {"incident_description", R"("CPU above 90%")"},
          {"incident_source", R"("incident_source_manual")"},
          {"incident_assignee", R"(["user-1"])"},
          {"assignee_scene", R"("")"},
          {"assignee_role", R"("")"},
          {"creator", R"("user-2")"}};
}

struct CreateCase {
  std::string name;
  std::vector<std::pair<std::string, std::optional<std::string>>> changes;
  std::string error;  // "" = accepted
};

void PrintTo(const CreateCase& c, std::ostream* os) { *os << c.name; }

class CreateRuleTest : public testing::TestWithParam<CreateCase> {};

TEST_P(CreateRuleTest, AcceptsOrNamesTheRule) {
  const CreateCase& c = GetParam();
  Result<CreateIncidentCommand> r = Create(ToJson(With(ValidCreate(), c.changes)));
  if (c.error.empty()) {
    EXPECT_TRUE(r.ok()) << r.status().message();
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.error);
  }
}

const std::string kLevels = "level_10, level_20, level_30, level_40, level_50";
const std::string kTypes =
    "inc_type_p_security_issues, inc_type_p_function_issues, inc_type_p_reliability_issues, "
    "inc_type_p_config_issues, inc_type_p_middlewares, inc_type_p_hardware_issues, "
    "inc_type_p_networking_issues, inc_type_p_shelter_issues, inc_type_p_monitoring_issues, "
    "inc_type_p_consulting_issues, inc_type_p_suppliers_issues, inc_type_p_ohter_issues, "
    "inc_type_p_change_issues";
const std::string kSources =
    "incident_source_manual, incident_source_forwarding, incident_source_alarm";

std::vector<CreateCase> CreateCases() {
  std::vector<CreateCase> cases = {
      {"Valid", {}, ""},
      // Required fields: absent or null.
      {"CloudServiceAbsent",
       {{"current_cloud_service", std::nullopt}},
       "current_cloud_service must not be null"},
      {"CloudServiceNull",
       {{"current_cloud_service", "null"}},
       "current_cloud_service must not be null"},
      {"LevelAbsent", {{"incident_level", std::nullopt}}, "incident_level must not be null"},
      {"LevelNull", {{"incident_level", "null"}}, "incident_level must not be null"},
      {"InterruptAbsent",
       {{"is_service_interrupt", std::nullopt}},
       "is_service_interrupt must not be null"},
      {"TypeAbsent", {{"incident_type", std::nullopt}}, "incident_type must not be null"},
      {"TitleAbsent", {{"incident_title", std::nullopt}}, "incident_title must not be null"},
      {"DescriptionAbsent",
       {{"incident_description", std::nullopt}},
       "incident_description must not be null"},
      {"SourceAbsent", {{"incident_source", std::nullopt}}, "incident_source must not be null"},
      {"CreatorAbsent", {{"creator", std::nullopt}}, "creator must not be null"},
      // Optional fields.
      {"RegionAbsent", {{"region", std::nullopt}}, ""},
      {"RegionNull", {{"region", "null"}}, ""},
      {"EnterpriseProjectAbsent", {{"enterprise_project", std::nullopt}}, ""},
      {"SceneAndRoleAbsent",
       {{"assignee_scene", std::nullopt}, {"assignee_role", std::nullopt}},
       ""},
      // Minimum length 0 everywhere.
      {"EmptyStrings",
       {{"incident_title", R"("")"}, {"incident_description", R"("")"}, {"creator", R"("")"}},
       ""},
      // Lengths, in characters.
      {"Title200", {{"incident_title", Quoted(Repeat("t", 200))}}, ""},
      {"Title200Chinese", {{"incident_title", Quoted(Repeat("事", 200))}}, ""},
      {"Title201",
       {{"incident_title", Quoted(Repeat("t", 201))}},
       "incident_title size must be between 0 and 200"},
      {"Title201Chinese",
       {{"incident_title", Quoted(Repeat("事", 201))}},
       "incident_title size must be between 0 and 200"},
      {"Description600", {{"incident_description", Quoted(Repeat("d", 600))}}, ""},
      {"Description601",
       {{"incident_description", Quoted(Repeat("d", 601))}},
       "incident_description size must be between 0 and 600"},
      {"Creator255", {{"creator", Quoted(Repeat("c", 255))}}, ""},
      {"Creator256",
       {{"creator", Quoted(Repeat("c", 256))}},
       "creator size must be between 0 and 255"},
      {"Scene256",
       {{"assignee_scene", Quoted(Repeat("s", 256))}, {"assignee_role", R"("r")"}},
       "assignee_scene size must be between 0 and 255"},
      {"Role256",
       {{"assignee_scene", R"("s")"}, {"assignee_role", Quoted(Repeat("r", 256))}},
       "assignee_role size must be between 0 and 255"},
      {"Level256",
       {{"incident_level", Quoted(Repeat("l", 256))}},
       "incident_level size must be between 0 and 255"},
      {"Type256",
       {{"incident_type", Quoted(Repeat("t", 256))}},
       "incident_type size must be between 0 and 255"},
      {"Source256",
       {{"incident_source", Quoted(Repeat("s", 256))}},
       "incident_source size must be between 0 and 255"},
      // Enums.
      {"LevelUnknown",
       {{"incident_level", R"("level_60")"}},
       "incident_level must be one of " + kLevels},
      {"LevelEmpty", {{"incident_level", R"("")"}}, "incident_level must be one of " + kLevels},
      {"LevelWrongCase",
       {{"incident_level", R"("LEVEL_10")"}},
       "incident_level must be one of " + kLevels},
      {"TypeUnknown",
       {{"incident_type", R"("inc_type_p_other_issues")"}},
       "incident_type must be one of " + kTypes},
      {"SourceUnknown",
       {{"incident_source", R"("alarm")"}},
       "incident_source must be one of " + kSources},
      {"SourceAlarm", {{"incident_source", R"("incident_source_alarm")"}}, ""},
      {"SourceForwarding", {{"incident_source", R"("incident_source_forwarding")"}}, ""},
      // is_service_interrupt: a boolean, or its string form.
      {"InterruptTrue", {{"is_service_interrupt", "true"}}, ""},
      {"InterruptStringFalse", {{"is_service_interrupt", R"("false")"}}, ""},
      {"InterruptStringOther",
       {{"is_service_interrupt", R"("yes")"}},
       "is_service_interrupt must be a boolean"},
      {"InterruptStringUpper",
       {{"is_service_interrupt", R"("TRUE")"}},
       "is_service_interrupt must be a boolean"},
      {"InterruptNumber",
       {{"is_service_interrupt", "1"}},
       "is_service_interrupt must be a boolean"},
      // Types.
      {"TitleNumber", {{"incident_title", "5"}}, "incident_title must be a string"},
      {"CreatorObject", {{"creator", "{}"}}, "creator must be a string"},
      {"LevelNumber", {{"incident_level", "10"}}, "incident_level must be a string"},
      // Arrays of at most one string of at most 255 characters.
      {"RegionEmptyArray", {{"region", "[]"}}, ""},
      {"RegionTwo", {{"region", R"(["a","b"])"}}, "region size must be between 0 and 1"},
      {"RegionString", {{"region", R"("cn-north-4")"}}, "region must be an array of strings"},
      {"RegionNumberItem", {{"region", "[5]"}}, "region[0] must be a string"},
      {"RegionNullItem", {{"region", "[null]"}}, "region[0] must be a string"},
      {"Region255", {{"region", "[" + Quoted(Repeat("r", 255)) + "]"}}, ""},
      {"Region256",
       {{"region", "[" + Quoted(Repeat("r", 256)) + "]"}},
       "region[0] size must be between 0 and 255"},
      {"EnterpriseProjectTwo",
       {{"enterprise_project", R"(["0","1"])"}},
       "enterprise_project size must be between 0 and 1"},
      {"EnterpriseProject256",
       {{"enterprise_project", "[" + Quoted(Repeat("e", 256)) + "]"}},
       "enterprise_project[0] size must be between 0 and 255"},
      {"CloudServiceEmptyArray", {{"current_cloud_service", "[]"}}, ""},
      {"CloudServiceTwo",
       {{"current_cloud_service", R"(["a","b"])"}},
       "current_cloud_service size must be between 0 and 1"},
      {"CloudService256",
       {{"current_cloud_service", "[" + Quoted(Repeat("a", 256)) + "]"}},
       "current_cloud_service[0] size must be between 0 and 255"},
      {"AssigneeTwo",
       {{"incident_assignee", R"(["a","b"])"}},
       "incident_assignee size must be between 0 and 1"},
      {"Assignee256",
       {{"incident_assignee", "[" + Quoted(Repeat("a", 256)) + "]"}},
       "incident_assignee[0] size must be between 0 and 255"},
      {"AssigneeObject",
       {{"incident_assignee", "{}"}},
       "incident_assignee must be an array of strings"},
      // incident_assignee, or assignee_scene + assignee_role.
      {"SceneAndRoleInsteadOfAssignee",
       {{"incident_assignee", std::nullopt},
        {"assignee_scene", R"("s")"},
        {"assignee_role", R"("r")"}},
       ""},
      {"AssigneeAndSceneAndRole", {{"assignee_scene", R"("s")"}, {"assignee_role", R"("r")"}}, ""},
      {"NoAssigneeAtAll",
       {{"incident_assignee", std::nullopt}},
       "incident_assignee must not be empty unless assignee_scene and assignee_role are set"},
      {"AssigneeEmptyArray",
       {{"incident_assignee", "[]"}},
       "incident_assignee must not be empty unless assignee_scene and assignee_role are set"},
      {"AssigneeEmptyString",
       {{"incident_assignee", R"([""])"}},
       "incident_assignee must not be empty unless assignee_scene and assignee_role are set"},
      {"SceneWithoutRole",
       {{"incident_assignee", std::nullopt}, {"assignee_scene", R"("s")"}},
       "assignee_role must not be empty when assignee_scene is set"},
      {"RoleWithoutScene",
       {{"incident_assignee", std::nullopt}, {"assignee_role", R"("r")"}},
       "assignee_scene must not be empty when assignee_role is set"},
      {"SceneWithoutRoleBesideAssignee",
       {{"assignee_scene", R"("s")"}},
       "assignee_role must not be empty when assignee_scene is set"},
      // The assignee rule waits for its fields to be valid: one message, not two.
      {"AssigneeInvalidType",
       {{"incident_assignee", "5"}},
       "incident_assignee must be an array of strings"},
      // Unknown fields are ignored.
      {"UnknownField", {{"warroom_id", R"("WR1")"}}, ""},
      // Every problem, in table order, joined with " | ".
      {"SeveralProblems",
       {{"incident_level", std::nullopt},
        {"incident_title", Quoted(Repeat("t", 201))},
        {"region", R"(["a","b"])"}},
       "region size must be between 0 and 1 | incident_level must not be null | "
       "incident_title size must be between 0 and 200"},
  };
  // Each seed level, type and source is accepted.
  for (std::string_view key : {"level_10", "level_20", "level_30", "level_40", "level_50"}) {
    cases.push_back(
        {"Level_" + std::string(key), {{"incident_level", Quoted(std::string(key))}}, ""});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Table4_62, CreateRuleTest, testing::ValuesIn(CreateCases()),
                         [](const auto& info) { return info.param.name; });

TEST(ParseCreateIncidentTest, EverySeedTypeIsAccepted) {
  for (const EnumInfo& type : IncidentTypeTable()) {
    Result<CreateIncidentCommand> r =
        Create(ToJson(With(ValidCreate(), {{"incident_type", Quoted(std::string(type.key))}})));
    ASSERT_TRUE(r.ok()) << type.key << ": " << r.status().message();
    EXPECT_EQ(ToString(r->type), type.key);
  }
}

TEST(ParseCreateIncidentTest, ReadsEveryField) {
  Result<CreateIncidentCommand> r = Create(ToJson(
      With(ValidCreate(), {{"assignee_scene", R"("scene-1")"}, {"assignee_role", R"("role-1")"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->region, std::vector<std::string>{"cn-north-4"});
  EXPECT_EQ(r->enterprise_project, std::vector<std::string>{"0"});
  EXPECT_EQ(r->current_cloud_service, std::vector<std::string>{"app-1"});
  EXPECT_EQ(r->level, IncidentLevel::kLevel20);
  EXPECT_FALSE(r->is_service_interrupt);
  EXPECT_EQ(r->type, IncidentType::kReliability);
  EXPECT_EQ(r->title, "CPU high");
  EXPECT_EQ(r->description, "CPU above 90%");
  EXPECT_EQ(r->source, IncidentSource::kManual);
  EXPECT_EQ(r->assignee, std::vector<std::string>{"user-1"});
  EXPECT_EQ(r->assignee_scene, "scene-1");
  EXPECT_EQ(r->assignee_role, "role-1");
  EXPECT_EQ(r->creator, "user-2");
  EXPECT_TRUE(r->rule_name.empty());
  EXPECT_TRUE(r->group_key.empty());
}

TEST(ParseCreateIncidentTest, RefusesANonObjectBody) {
  for (std::string body : {"[]", "\"x\"", "5", "null"}) {
    Result<CreateIncidentCommand> r = Create(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().message(), "request body must be a JSON object");
  }
}

TEST(ParseCreateIncidentTest, EmptyObjectNamesEveryRequiredField) {
  Result<CreateIncidentCommand> r = Create("{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "current_cloud_service must not be null | incident_level must not be null | "
            "is_service_interrupt must not be null | incident_type must not be null | "
            "incident_title must not be null | incident_description must not be null | "
            "incident_source must not be null | creator must not be null | "
            "incident_assignee must not be empty unless assignee_scene and assignee_role are set");
}

// CheckCreateIncident: the same limits on a command built in code (the rule engine's path).
CreateIncidentCommand ValidCommand() {
  CreateIncidentCommand c;
  c.current_cloud_service = {"app"};
  c.title = "t";
  c.description = "d";
  c.source = IncidentSource::kAlarm;
  c.assignee = {"oncall"};
  c.creator = "alarmgate";
  return c;
}

TEST(CheckCreateIncidentTest, AppliesTheTableToTypedCommands) {
  EXPECT_TRUE(CheckCreateIncident(ValidCommand()).ok());

  CreateIncidentCommand c = ValidCommand();
  c.title = Repeat("t", 201);
  c.region = {"a", "b"};
  c.description = Repeat("d", 601);
  Status s = CheckCreateIncident(c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "region size must be between 0 and 1 | incident_title size must be between 0 and "
            "200 | incident_description size must be between 0 and 600");

  c = ValidCommand();
  c.assignee.clear();
  EXPECT_EQ(CheckCreateIncident(c).message(),
            "incident_assignee must not be empty unless assignee_scene and assignee_role are set");
  c.assignee_scene = "scene";
  c.assignee_role = "role";
  EXPECT_TRUE(CheckCreateIncident(c).ok());
}

// ---------------------------------------------------------------------------------------------
// Tables 4-66, 4-69 and 4-72, rule by rule.

Fields Accept() {
  return {{"incident_num", R"("IM1")"},
          {"operator", R"("op")"},
          {"operate_key", R"("acceptedIncident1")"}};
}

Fields Commit() {
  return {{"incident_num", R"("IM1")"},
          {"operator", R"("op")"},
          {"operate_key", R"("commitSolution1")"},
          {"parameter", R"({"mtm_type":"inc_type_p_config_issues","is_service_interrupt":false,)"
                        R"("cause":"c","solution":"s"})"}};
}

Fields Confirm() {
  return {{"incident_num", R"("IM1")"},
          {"operator", R"("op")"},
          {"operate_key", R"("confirm")"},
          {"parameter", R"({"virtual_confirm_result":true,"virtual_confirm_comment":"ok"})"}};
}

std::string Parameter(
    Fields fields, const std::vector<std::pair<std::string, std::optional<std::string>>>& changes) {
  return ToJson(With(std::move(fields), changes));
}

Fields CommitParameter() {
  return {{"mtm_type", R"("inc_type_p_config_issues")"},
          {"is_service_interrupt", "false"},
          {"cause", R"("c")"},
          {"solution", R"("s")"}};
}

Fields ConfirmParameter() {
  return {{"virtual_confirm_result", "true"}, {"virtual_confirm_comment", R"("ok")"}};
}

struct HandleCase {
  std::string name;
  Fields base;
  std::vector<std::pair<std::string, std::optional<std::string>>> changes;
  std::string error;  // "" = accepted
};

void PrintTo(const HandleCase& c, std::ostream* os) { *os << c.name; }

class HandleRuleTest : public testing::TestWithParam<HandleCase> {};

TEST_P(HandleRuleTest, AcceptsOrNamesTheRule) {
  const HandleCase& c = GetParam();
  Result<HandleIncidentCommand> r = Handle(ToJson(With(c.base, c.changes)));
  if (c.error.empty()) {
    EXPECT_TRUE(r.ok()) << r.status().message();
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.error);
  }
}

std::vector<HandleCase> HandleCases() {
  return {
      {"AcceptValid", Accept(), {}, ""},
      {"AcceptEmptyParameter", Accept(), {{"parameter", "{}"}}, ""},
      {"AcceptNullParameter", Accept(), {{"parameter", "null"}}, ""},
      {"AcceptIgnoresParameterContent", Accept(), {{"parameter", R"({"x":1})"}}, ""},
      {"ParameterNotObject", Accept(), {{"parameter", "[]"}}, "parameter must be an object"},
      {"IncidentNumAbsent",
       Accept(),
       {{"incident_num", std::nullopt}},
       "incidentNum must not be null"},
      {"IncidentNum255", Accept(), {{"incident_num", Quoted(Repeat("1", 255))}}, ""},
      {"IncidentNum256",
       Accept(),
       {{"incident_num", Quoted(Repeat("1", 256))}},
       "incidentNum size must be between 0 and 255"},
      {"IncidentNumNumber", Accept(), {{"incident_num", "1"}}, "incidentNum must be a string"},
      {"OperatorAbsent", Accept(), {{"operator", std::nullopt}}, "operator must not be null"},
      {"Operator256",
       Accept(),
       {{"operator", Quoted(Repeat("o", 256))}},
       "operator size must be between 0 and 255"},
      {"OperateKeyAbsent",
       Accept(),
       {{"operate_key", std::nullopt}},
       "operate_key must not be null"},
      {"OperateKeyNull", Accept(), {{"operate_key", "null"}}, "operate_key must not be null"},
      {"OperateKeyUnknown",
       Accept(),
       {{"operate_key", R"("acceptedIncident111")"}},
       "The field[operate_key] value[acceptedIncident111] invalid"},
      {"OperateKeyEmpty",
       Accept(),
       {{"operate_key", R"("")"}},
       "The field[operate_key] value[] invalid"},
      {"OperateKeyWrongCase",
       Accept(),
       {{"operate_key", R"("Confirm")"}},
       "The field[operate_key] value[Confirm] invalid"},
      {"OperateKey256",
       Accept(),
       {{"operate_key", Quoted(Repeat("k", 256))}},
       "operate_key size must be between 0 and 255"},
      {"OperateKeyNumber", Accept(), {{"operate_key", "1"}}, "operate_key must be a string"},
      {"UnknownOperateKeyIgnoresParameter",
       Accept(),
       {{"operate_key", R"("close")"}, {"parameter", "{}"}},
       "The field[operate_key] value[close] invalid"},

      // commitSolution1 (table 4-69).
      {"CommitValid", Commit(), {}, ""},
      {"CommitParameterAbsent",
       Commit(),
       {{"parameter", std::nullopt}},
       "parameter must not be null"},
      {"CommitParameterNull", Commit(), {{"parameter", "null"}}, "parameter must not be null"},
      {"CommitParameterEmpty",
       Commit(),
       {{"parameter", "{}"}},
       "parameter.mtm_type must not be null | parameter.is_service_interrupt must not be null | "
       "parameter.cause must not be null | parameter.solution must not be null"},
      {"CommitMtmTypeUnknown",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"mtm_type", R"("config")"}})}},
       "parameter.mtm_type must be one of " + kTypes},
      {"CommitInterruptString",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"is_service_interrupt", R"("true")"}})}},
       ""},
      {"CommitInterruptNumber",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"is_service_interrupt", "0"}})}},
       "parameter.is_service_interrupt must be a boolean"},
      {"CommitCause10000",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"cause", Quoted(Repeat("c", 10000))}})}},
       ""},
      {"CommitCause10001",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"cause", Quoted(Repeat("c", 10001))}})}},
       "parameter.cause size must be between 0 and 10000"},
      {"CommitSolution10001",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"solution", Quoted(Repeat("s", 10001))}})}},
       "parameter.solution size must be between 0 and 10000"},
      {"CommitCauseAbsent",
       Commit(),
       {{"parameter", Parameter(CommitParameter(), {{"cause", std::nullopt}})}},
       "parameter.cause must not be null"},

      // confirm (table 4-72).
      {"ConfirmValid", Confirm(), {}, ""},
      {"ConfirmParameterAbsent",
       Confirm(),
       {{"parameter", std::nullopt}},
       "parameter must not be null"},
      {"ConfirmResultAbsent",
       Confirm(),
       {{"parameter", Parameter(ConfirmParameter(), {{"virtual_confirm_result", std::nullopt}})}},
       "parameter.virtual_confirm_result must not be null"},
      {"ConfirmResultString",
       Confirm(),
       {{"parameter", Parameter(ConfirmParameter(), {{"virtual_confirm_result", R"("false")"}})}},
       ""},
      {"ConfirmResultNotBool",
       Confirm(),
       {{"parameter", Parameter(ConfirmParameter(), {{"virtual_confirm_result", R"("no")"}})}},
       "parameter.virtual_confirm_result must be a boolean"},
      {"ConfirmCommentAbsent",
       Confirm(),
       {{"parameter", Parameter(ConfirmParameter(), {{"virtual_confirm_comment", std::nullopt}})}},
       "parameter.virtual_confirm_comment must not be null"},
      {"ConfirmComment300",
       Confirm(),
       {{"parameter",
         Parameter(ConfirmParameter(), {{"virtual_confirm_comment", Quoted(Repeat("c", 300))}})}},
       ""},
      {"ConfirmComment301",
       Confirm(),
       {{"parameter",
         Parameter(ConfirmParameter(), {{"virtual_confirm_comment", Quoted(Repeat("c", 301))}})}},
       "parameter.virtual_confirm_comment size must be between 0 and 300"},
      {"ConfirmDoesNotNeedCommitFields", Confirm(), {}, ""},

      // Several problems at once.
      {"SeveralProblems",
       Commit(),
       {{"incident_num", Quoted(Repeat("1", 256))},
        {"operator", std::nullopt},
        {"parameter", Parameter(CommitParameter(), {{"cause", std::nullopt}})}},
       "incidentNum size must be between 0 and 255 | operator must not be null | "
       "parameter.cause must not be null"},
  };
}

INSTANTIATE_TEST_SUITE_P(Tables4_66_4_69_4_72, HandleRuleTest, testing::ValuesIn(HandleCases()),
                         [](const auto& info) { return info.param.name; });

TEST(ParseHandleIncidentTest, ReadsConfirmVerdictFromStringForm) {
  Result<HandleIncidentCommand> r = Handle(ToJson(With(
      Confirm(),
      {{"parameter", Parameter(ConfirmParameter(), {{"virtual_confirm_result", R"("false")"}})}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->virtual_confirm_result);
  EXPECT_EQ(r->virtual_confirm_comment, "ok");
}

TEST(ParseHandleIncidentTest, AbsentParameterIsAnEmptyObject) {
  Result<HandleIncidentCommand> r = Handle(ToJson(Accept()));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->parameter_json, "{}");
}

TEST(ParseHandleIncidentTest, RefusesANonObjectBody) {
  Result<HandleIncidentCommand> r = Handle("[1]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "request body must be a JSON object");
}

TEST(CheckIncidentNumTest, PathParameterLength) {
  EXPECT_TRUE(CheckIncidentNum("IM202403181322030178042608").ok());
  EXPECT_TRUE(CheckIncidentNum(Repeat("1", 255)).ok());
  Status s = CheckIncidentNum(Repeat("1", 256));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "incidentNum size must be between 0 and 255");
}

}  // namespace
}  // namespace alarmgate
