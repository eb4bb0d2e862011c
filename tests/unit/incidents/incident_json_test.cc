// Tests for the incident response bodies: the detail compared field by field with seed 003
// §4.4.1.5's response example, and the create, handle, list and timeline data.

#include "incidents/incident_json.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "tests/fixtures/seed_incident_examples.h"

namespace alarmgate {
namespace {

// The incident the seed's example describes.
Incident SeedIncident() {
  Incident i;
  i.incident_num = "IM202403181322030178042608";
  i.region = {""};
  i.enterprise_project = {"0"};
  i.current_cloud_service = {"6470681a31da2a47ed50a919"};
  i.level = IncidentLevel::kLevel50;
  i.is_service_interrupt = true;
  i.type = IncidentType::kFunction;
  i.title = "tet";
  i.description = "25819b46251b46218bf6ad238ddd860c";
  i.source = IncidentSource::kManual;
  i.assignee = {"25819b46251b46218bf6ad238ddd860c"};
  i.warroom_id = "WR202403181334366050100030";
  i.status = IncidentStatus::kAcknowledged;
  i.create_time_ms = 1710739323172;
  i.creator = "1";
  return i;
}

// Owns the parsers so that elements stay valid for the test's duration.
struct Parsed {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  explicit Parsed(std::string_view json) {
    simdjson::error_code error = parser.parse(json.data(), json.size()).get(root);
    EXPECT_EQ(error, simdjson::SUCCESS) << json;
  }
};

std::vector<std::string> Keys(simdjson::dom::element object) {
  std::vector<std::string> keys;
  simdjson::dom::object o;
  if (object.get_object().get(o)) return keys;
  for (auto member : o) keys.emplace_back(member.key);
  return keys;
}

std::string At(simdjson::dom::element e, std::string_view pointer) {
  simdjson::dom::element value;
  if (e.at_pointer(pointer).get(value)) return "<missing " + std::string(pointer) + ">";
  return simdjson::minify(value);
}

TEST(IncidentJsonTest, DetailMatchesTheSeedExampleFieldByField) {
  Parsed seed(seed_examples::kIncidentDetailData);
  std::string ours_text = IncidentDetailDataJson(SeedIncident());
  Parsed ours(ours_text);

  // The same keys in the same order.
  ASSERT_EQ(Keys(ours.root), Keys(seed.root)) << ours_text;
  // Every ticket field has the seed's value.
  for (const std::string& key : Keys(seed.root)) {
    if (key == "enum_data_list") continue;
    EXPECT_EQ(At(ours.root, "/" + key), At(seed.root, "/" + key)) << key;
  }

  // enum_data_list: the same entries in the same order, each with the seed's four keys.
  simdjson::dom::array seed_list, our_list;
  ASSERT_FALSE(seed.root["enum_data_list"].get_array().get(seed_list));
  ASSERT_FALSE(ours.root["enum_data_list"].get_array().get(our_list));
  ASSERT_EQ(our_list.size(), seed_list.size());
  for (size_t n = 0; n < seed_list.size(); ++n) {
    std::string p = "/enum_data_list/" + std::to_string(n);
    std::string field = At(seed.root, p + "/filed_key");
    SCOPED_TRACE(field);
    simdjson::dom::element entry;
    ASSERT_FALSE(our_list.at(n).get(entry));
    EXPECT_EQ(Keys(entry),
              (std::vector<std::string>{"filed_key", "enum_key", "name_zh", "name_en"}));
    EXPECT_EQ(At(ours.root, p + "/filed_key"), field);
    if (field == R"("creator")") {
      // The seed's example names another user than its `creator` field; ours is the creator.
      EXPECT_EQ(At(ours.root, p + "/enum_key"), R"("1")");
      continue;
    }
    EXPECT_EQ(At(ours.root, p + "/enum_key"), At(seed.root, p + "/enum_key"));
    if (field == R"("current_cloud_service_id")" || field == R"("assignee")") {
      // No directory of applications or users: the id names itself.
      EXPECT_EQ(At(ours.root, p + "/name_zh"), At(ours.root, p + "/enum_key"));
      EXPECT_EQ(At(ours.root, p + "/name_en"), At(ours.root, p + "/enum_key"));
    } else {
      // The enumerations: exactly the seed's names.
      EXPECT_EQ(At(ours.root, p + "/name_zh"), At(seed.root, p + "/name_zh"));
      EXPECT_EQ(At(ours.root, p + "/name_en"), At(seed.root, p + "/name_en"));
    }
  }
}

TEST(IncidentJsonTest, DetailOfAResolvedAlarmIncident) {
  Incident i = SeedIncident();
  i.region.clear();
  i.current_cloud_service.clear();
  i.assignee.clear();
  i.assignee_scene = "scene";
  i.assignee_role = "role";
  i.warroom_id.clear();
  i.handle_time_ms = 1710739400000;
  i.status = IncidentStatus::kResolved;
  i.type = IncidentType::kOther;
  i.level = IncidentLevel::kLevel10;
  i.source = IncidentSource::kAlarm;
  i.creator = "alarmgate";
  i.title = "quote \" and \\ and 中文";
  std::string text = IncidentDetailDataJson(i);
  Parsed d(text);
  EXPECT_EQ(At(d.root, "/region"), "[]");
  EXPECT_EQ(At(d.root, "/current_cloud_service"), "[]");
  EXPECT_EQ(At(d.root, "/incident_assignee"), "[]");
  EXPECT_EQ(At(d.root, "/assignee_scene"), R"("scene")");
  EXPECT_EQ(At(d.root, "/warroom_id"), "null");
  EXPECT_EQ(At(d.root, "/handle_time"), "1710739400000");
  EXPECT_EQ(At(d.root, "/status"), R"("INCIDENT_STATUS_RESOLVED")");
  EXPECT_EQ(At(d.root, "/incident_title"), R"("quote \" and \\ and 中文")");
  // No application and no assignee: their entries are left out.
  EXPECT_EQ(
      At(d.root, "/enum_data_list"),
      R"([{"filed_key":"creator","enum_key":"alarmgate","name_zh":"alarmgate","name_en":"alarmgate"},)"
      R"({"filed_key":"level_id","enum_key":"level_10","name_zh":"P1","name_en":"P1"},)"
      R"({"filed_key":"work_flow_status","enum_key":"INCIDENT_STATUS_RESOLVED","name_zh":"已解决待验证","name_en":"RESOLVED"},)"
      R"({"filed_key":"mtm_type","enum_key":"inc_type_p_ohter_issues","name_zh":"其他","name_en":"ohter issues"},)"
      R"({"filed_key":"source_id","enum_key":"incident_source_alarm","name_zh":"告警","name_en":"alarm"}])");
}

TEST(IncidentJsonTest, CreateDataIsTheIncidentNumber) {
  EXPECT_EQ(CreateIncidentDataJson("IM202403221515060171753781"),
            R"({"incident_num":"IM202403221515060171753781"})");
}

TEST(IncidentJsonTest, HandleDataIsNull) {
  JsonWriter w;
  WriteHandleIncidentData(w);
  EXPECT_EQ(w.str(), "null");
}

TEST(IncidentJsonTest, ListData) {
  Incident a = SeedIncident();
  a.start_time_ms = 5;
  a.update_time_ms = 7;
  std::vector<Incident> incidents = {a};
  JsonWriter w;
  WriteIncidentListData(w, incidents, "IM202403181322030178042608");
  Parsed d(w.str());
  EXPECT_EQ(Keys(d.root), (std::vector<std::string>{"incidents", "next_marker"}));
  EXPECT_EQ(At(d.root, "/incidents/0/incident_num"), R"("IM202403181322030178042608")");
  EXPECT_EQ(At(d.root, "/incidents/0/start_time"), "5");
  EXPECT_EQ(At(d.root, "/incidents/0/update_time"), "7");
  EXPECT_EQ(At(d.root, "/incidents/0/enum_data_list"), "<missing /incidents/0/enum_data_list>");
  EXPECT_EQ(At(d.root, "/next_marker"), R"("IM202403181322030178042608")");

  JsonWriter empty;
  WriteIncidentListData(empty, {}, std::nullopt);
  EXPECT_EQ(empty.str(), R"({"incidents":[],"next_marker":null})");
}

TEST(IncidentJsonTest, TimelineData) {
  std::vector<TimelineEntry> entries = {
      {.time_ms = 1,
       .actor = "alarmgate",
       .action = "create",
       .from_status = std::nullopt,
       .to_status = IncidentStatus::kTriggered,
       .parameters = R"({"rule":"cpu"})"},
      {.time_ms = 2,
       .actor = "alarmgate",
       .action = "alarm",
       .from_status = std::nullopt,
       .to_status = std::nullopt,
       .parameters = ""},
  };
  JsonWriter w;
  WriteTimelineData(w, "IM1", entries);
  EXPECT_EQ(w.str(), R"({"incident_num":"IM1","timeline":[)"
                     R"({"time":1,"actor":"alarmgate","action":"create","from_status":null,)"
                     R"("to_status":"INCIDENT_STATUS_TRIGGERED","parameters":{"rule":"cpu"}},)"
                     R"({"time":2,"actor":"alarmgate","action":"alarm","from_status":null,)"
                     R"("to_status":null,"parameters":{}}]})");
}

}  // namespace
}  // namespace alarmgate
