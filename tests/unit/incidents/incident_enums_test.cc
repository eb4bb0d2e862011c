// Tests for the incident enumerations: every row of seed 003 §4.4.1.6, verbatim, and the lookups.

#include "incidents/incident_enums.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace alarmgate {
namespace {

struct Row {
  std::string key, zh, en;
};

std::vector<Row> Rows(std::span<const EnumInfo> table) {
  std::vector<Row> rows;
  for (const EnumInfo& e : table) {
    rows.push_back({std::string(e.key), std::string(e.name_zh), std::string(e.name_en)});
  }
  return rows;
}

bool operator==(const Row& a, const Row& b) {
  return a.key == b.key && a.zh == b.zh && a.en == b.en;
}

void PrintTo(const Row& r, std::ostream* os) { *os << r.key << "/" << r.zh << "/" << r.en; }

TEST(IncidentEnumsTest, LevelsAreTheSeedTable) {
  EXPECT_EQ(Rows(IncidentLevelTable()), (std::vector<Row>{{"level_10", "P1", "P1"},
                                                          {"level_20", "P2", "P2"},
                                                          {"level_30", "P3", "P3"},
                                                          {"level_40", "P4", "P4"},
                                                          {"level_50", "P5", "P5"}}));
}

TEST(IncidentEnumsTest, TypesAreTheSeedTable) {
  EXPECT_EQ(Rows(IncidentTypeTable()),
            (std::vector<Row>{
                {"inc_type_p_security_issues", "安全问题", "Security issues"},
                {"inc_type_p_function_issues", "功能问题", "function issues"},
                {"inc_type_p_reliability_issues", "性能/可靠性问题", "reliability issues"},
                {"inc_type_p_config_issues", "配置问题", "config issues"},
                {"inc_type_p_middlewares", "中间件问题", "middleware issues"},
                {"inc_type_p_hardware_issues", "硬件问题", "hardware issues"},
                {"inc_type_p_networking_issues", "网络问题", "networking issues"},
                {"inc_type_p_shelter_issues", "机房问题", "shelter issues"},
                {"inc_type_p_monitoring_issues", "监控问题", "monitoring issues"},
                {"inc_type_p_consulting_issues", "业务咨询类", "consulting issues"},
                {"inc_type_p_suppliers_issues", "供应商问题", "suppliers issues"},
                {"inc_type_p_ohter_issues", "其他", "ohter issues"},
                {"inc_type_p_change_issues", "变更操作问题", "Change operation problem"},
            }));
}

TEST(IncidentEnumsTest, SourcesAreTheSeedTable) {
  EXPECT_EQ(Rows(IncidentSourceTable()),
            (std::vector<Row>{{"incident_source_manual", "人工创建", "Manual Creation"},
                              {"incident_source_forwarding", "流转创建", "Transfer creation"},
                              {"incident_source_alarm", "告警", "alarm"}}));
}

TEST(IncidentEnumsTest, StatusesAreTheSeedTable) {
  EXPECT_EQ(Rows(IncidentStatusTable()),
            (std::vector<Row>{{"incident_draft", "草稿", "DRAFT"},
                              {"INCIDENT_STATUS_TRIGGERED", "未受理", "TRIGGERED"},
                              {"INCIDENT_STATUS_ACKNOWLEDGED", "已受理", "ACKNOWLEDGED"},
                              {"INCIDENT_STATUS_REJECTED", "被驳回", "REJECTED"},
                              {"INCIDENT_STATUS_RESOLVED", "已解决待验证", "RESOLVED"},
                              {"INCIDENT_STATUS_COMPLETED", "已完成", "COMPLETED"}}));
}

TEST(IncidentEnumsTest, EnumValuesIndexTheirRows) {
  EXPECT_EQ(ToString(IncidentLevel::kLevel10), "level_10");
  EXPECT_EQ(ToString(IncidentLevel::kLevel50), "level_50");
  EXPECT_EQ(ToString(IncidentType::kOther), "inc_type_p_ohter_issues");
  EXPECT_EQ(ToString(IncidentType::kChange), "inc_type_p_change_issues");
  EXPECT_EQ(ToString(IncidentSource::kAlarm), "incident_source_alarm");
  EXPECT_EQ(ToString(IncidentStatus::kDraft), "incident_draft");
  EXPECT_EQ(ToString(IncidentStatus::kCompleted), "INCIDENT_STATUS_COMPLETED");
  EXPECT_EQ(Info(IncidentStatus::kResolved).name_zh, "已解决待验证");
  EXPECT_EQ(ToString(OperateKey::kAcceptedIncident), "acceptedIncident1");
  EXPECT_EQ(ToString(OperateKey::kCommitSolution), "commitSolution1");
  EXPECT_EQ(ToString(OperateKey::kConfirm), "confirm");
}

TEST(IncidentEnumsTest, EveryKeyParsesBackToItsValue) {
  for (const EnumInfo& e : IncidentLevelTable()) {
    ASSERT_TRUE(ParseIncidentLevel(e.key).has_value()) << e.key;
    EXPECT_EQ(ToString(*ParseIncidentLevel(e.key)), e.key);
  }
  for (const EnumInfo& e : IncidentTypeTable()) {
    ASSERT_TRUE(ParseIncidentType(e.key).has_value()) << e.key;
    EXPECT_EQ(ToString(*ParseIncidentType(e.key)), e.key);
  }
  for (const EnumInfo& e : IncidentSourceTable()) {
    ASSERT_TRUE(ParseIncidentSource(e.key).has_value()) << e.key;
    EXPECT_EQ(ToString(*ParseIncidentSource(e.key)), e.key);
  }
  for (const EnumInfo& e : IncidentStatusTable()) {
    ASSERT_TRUE(ParseIncidentStatus(e.key).has_value()) << e.key;
    EXPECT_EQ(ToString(*ParseIncidentStatus(e.key)), e.key);
  }
  for (std::string_view key : {"acceptedIncident1", "commitSolution1", "confirm"}) {
    ASSERT_TRUE(ParseOperateKey(key).has_value()) << key;
    EXPECT_EQ(ToString(*ParseOperateKey(key)), key);
  }
}

TEST(IncidentEnumsTest, LookupsAreExact) {
  EXPECT_FALSE(ParseIncidentLevel("LEVEL_10"));
  EXPECT_FALSE(ParseIncidentLevel("level_60"));
  EXPECT_FALSE(ParseIncidentLevel(""));
  EXPECT_FALSE(ParseIncidentType("inc_type_p_other_issues"));  // the seed spells it "ohter"
  EXPECT_FALSE(ParseIncidentSource("alarm"));
  EXPECT_FALSE(ParseIncidentStatus("TRIGGERED"));
  EXPECT_FALSE(ParseIncidentStatus("INCIDENT_STATUS_DRAFT"));
  EXPECT_FALSE(ParseOperateKey("acceptedIncident111"));
  EXPECT_FALSE(ParseOperateKey("Confirm"));
}

TEST(IncidentEnumsTest, JoinKeysListsTheTableInOrder) {
  EXPECT_EQ(JoinKeys(IncidentLevelTable()), "level_10, level_20, level_30, level_40, level_50");
  EXPECT_EQ(JoinKeys(IncidentSourceTable()),
            "incident_source_manual, incident_source_forwarding, incident_source_alarm");
}

}  // namespace
}  // namespace alarmgate
