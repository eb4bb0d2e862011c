// Tests for the script response bodies: the seed tables' fields in order, sensitive values always
// masked, the list body beside its total, and the history.

#include "remediation/script_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "remediation/script_request_parser.h"
#include "remediation/script_review.h"
#include "sources/strict_json_parser.h"
#include "tests/fixtures/seed_script_examples.h"

namespace alarmgate {
namespace {

constexpr int64_t kT0 = 1'698'270'097'000;

// The seed's create example, created by alice and approved by its reviewer.
Script SeedScript() {
  static StrictJsonParser parser;
  std::string body(seed_examples::kCreateScriptRequest);
  Result<simdjson::dom::element> root = parser.Parse(body);
  EXPECT_TRUE(root.ok());
  Result<CreateScriptCommand> command = ParseCreateScript(*root);
  EXPECT_TRUE(command.ok()) << command.status().message();
  Script s = CreateScript(*command, {"u-alice", "alice"}, kT0, "SC2023102521413701c4a8a62");
  s.id = 7;
  return s;
}

// The seed script reviewed by its reviewer, then given new content by bob: version 2.
Script ReviewedThenModified(bool approved, std::string comment, std::string description) {
  Script s =
      *ReviewScript(SeedScript(), "7a8513cd87b7448283a1d5190eb91234", approved, comment, kT0 + 1);
  ModifyScriptCommand m;
  m.description = std::move(description);
  m.content = "echo ${a}";
  return *ModifyScript(s, m, {"u-bob", "bob"}, kT0 + 2);
}

TEST(ScriptJsonTest, DetailHasTheSeedTableFieldsAndMasksSensitiveValues) {
  EXPECT_EQ(
      ScriptDetailDataJson(SeedScript()),
      R"({"script_uuid":"SC2023102521413701c4a8a62","name":"09101112","version":"1.0.0",)"
      R"("description":"实例脚本","type":"SHELL","content":"echo ${value}",)"
      R"("script_params":[{"param_name":"a","param_value":"******",)"
      R"("param_description":"string","param_order":1,"sensitive":true}],)"
      R"("status":"PENDING_APPROVE","gmt_created":1698270097000,)"
      R"("gmt_modified":1698270097000,"creator":"alice","creator_id":"u-alice",)"
      R"("operator":"alice","properties":{"risk_level":"HIGH","version":"1.0.0",)"
      R"("reviewers":[{"reviewer_name":"test","reviewer_id":"7a8513cd87b7448283a1d5190eb91234"}],)"
      R"("protocol":"WECHAT"},"script_version":1,"id":7})");
}

TEST(ScriptJsonTest, OnlySensitiveValuesAreMaskedAndTheMaskIsFixed) {
  Script s = SeedScript();
  s.current.params = {{"plain", "visible", "", 1, false},
                      {"empty_secret", "", "", 2, true},
                      {"long_secret", std::string(1024, 'x'), "", 3, true}};
  s.properties.protocol.reset();
  std::string json = ScriptDetailDataJson(s);
  EXPECT_NE(json.find(R"("param_value":"visible")"), std::string::npos);
  EXPECT_EQ(json.find("xxxx"), std::string::npos);
  // The mask says nothing about the value, not even whether it is empty.
  EXPECT_NE(json.find(R"("param_name":"empty_secret","param_value":"******")"), std::string::npos);
  EXPECT_NE(json.find(R"("param_name":"long_secret","param_value":"******")"), std::string::npos);
  EXPECT_NE(json.find(R"("protocol":null)"), std::string::npos);
}

TEST(ScriptJsonTest, DetailParsesAsJsonAndShowsTheCurrentVersion) {
  Script s = ReviewedThenModified(true, "", "修改");
  std::string json = ScriptDetailDataJson(s);
  StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(json);
  ASSERT_TRUE(root.ok()) << root.status().message();
  int64_t version = 0;
  std::string_view status, op;
  ASSERT_EQ((*root)["script_version"].get_int64().get(version), simdjson::SUCCESS);
  ASSERT_EQ((*root)["status"].get_string().get(status), simdjson::SUCCESS);
  ASSERT_EQ((*root)["operator"].get_string().get(op), simdjson::SUCCESS);
  EXPECT_EQ(version, 2);
  EXPECT_EQ(status, "PENDING_APPROVE");
  EXPECT_EQ(op, "bob");
}

TEST(ScriptJsonTest, ListBodyIsTotalBesideData) {
  Script a = SeedScript();
  Script b = CreateScript({.name = "b",
                           .description = "d",
                           .type = ScriptType::kBat,
                           .content = "dir",
                           .properties = {RiskLevel::kLow, "2", {}, NotifyProtocol::kSms},
                           .params = {{"secret", "s3cret", "", 1, true}}},
                          {"u-bob", "bob"}, kT0 + 5, "SC2023102521413801aaaaaaa");
  b.id = 8;
  std::vector<Script> page = {a, b};
  JsonWriter w;
  WriteScriptListBody(w, page, 42);
  EXPECT_EQ(
      w.str(),
      R"({"total":42,"data":[)"
      R"({"id":7,"script_uuid":"SC2023102521413701c4a8a62","name":"09101112","type":"SHELL",)"
      R"("status":"PENDING_APPROVE","gmt_created":1698270097000,"gmt_modified":1698270097000,)"
      R"("creator":"alice","creator_id":"u-alice","operator":"alice",)"
      R"("properties":{"risk_level":"HIGH","version":"1.0.0",)"
      R"("reviewers":[{"reviewer_name":"test","reviewer_id":"7a8513cd87b7448283a1d5190eb91234"}],)"
      R"("protocol":"WECHAT"},"script_version":1},)"
      R"({"id":8,"script_uuid":"SC2023102521413801aaaaaaa","name":"b","type":"BAT",)"
      R"("status":"APPROVED","gmt_created":1698270097005,"gmt_modified":1698270097005,)"
      R"("creator":"bob","creator_id":"u-bob","operator":"bob",)"
      R"("properties":{"risk_level":"LOW","version":"2","reviewers":[],"protocol":"SMS"},)"
      R"("script_version":1}]})");
  EXPECT_EQ(w.str().find("s3cret"), std::string::npos);
  JsonWriter empty;
  WriteScriptListBody(empty, {}, 0);
  EXPECT_EQ(empty.str(), R"({"total":0,"data":[]})");
}

TEST(ScriptJsonTest, HistoryShowsEveryStep) {
  Script s = ReviewedThenModified(false, "too \"risky\"", "实例脚本");
  EXPECT_EQ(ScriptHistoryDataJson(s),
            R"({"script_uuid":"SC2023102521413701c4a8a62","script_version":2,)"
            R"("status":"PENDING_APPROVE","history":[)"
            R"({"time":1698270097000,"actor_id":"u-alice","actor":"alice","action":"created",)"
            R"("version":1,"new_version":true,"changes":[],"comment":""},)"
            R"({"time":1698270097001,"actor_id":"7a8513cd87b7448283a1d5190eb91234",)"
            R"("actor":"test","action":"rejected","version":1,"new_version":false,"changes":[],)"
            R"("comment":"too \"risky\""},)"
            R"({"time":1698270097002,"actor_id":"u-bob","actor":"bob","action":"modified",)"
            R"("version":2,"new_version":true,"changes":["content"],"comment":""}]})");
}

TEST(ScriptJsonTest, SeedResponseExamplesCarryScriptUuids) {
  // The create and modify answers are {"data": "<script_uuid>"}; the handler writes them with the
  // common envelope, and the uuids they carry have the shape alarmgate issues.
  StrictJsonParser parser;
  for (std::string_view example :
       {seed_examples::kCreateScriptResponse, seed_examples::kModifyScriptResponse}) {
    std::string body(example);
    Result<simdjson::dom::element> root = parser.Parse(body);
    ASSERT_TRUE(root.ok());
    std::string_view uuid;
    ASSERT_EQ((*root)["data"].get_string().get(uuid), simdjson::SUCCESS);
    EXPECT_TRUE(CheckScriptUuid(uuid).ok());
    EXPECT_EQ(uuid.size(), 25u);
  }
  std::string error(seed_examples::kCreateScriptErrorResponse);
  Result<simdjson::dom::element> root = parser.Parse(error);
  ASSERT_TRUE(root.ok());
  std::string_view code;
  ASSERT_EQ((*root)["error_code"].get_string().get(code), simdjson::SUCCESS);
  EXPECT_EQ(code, "COC.00040701");
}

}  // namespace
}  // namespace alarmgate
