// Tests for the script enumerations: the seed's wire names, round trips, and the "one of" lists.

#include "remediation/script_enums.h"

#include <gtest/gtest.h>

#include <string>

namespace alarmgate {
namespace {

// Every value of E, by index, until ToString runs out of the seed's table.
template <typename E>
std::string Join(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (!out.empty()) out += ", ";
    out += ToString(static_cast<E>(i));
  }
  return out;
}

TEST(ScriptEnumsTest, NamesAreTheSeedTables) {
  EXPECT_EQ(Join<ScriptType>(3), "SHELL, PYTHON, BAT");
  EXPECT_EQ(Join<RiskLevel>(3), "LOW, MEDIUM, HIGH");
  EXPECT_EQ(Join<ScriptStatus>(3), "PENDING_APPROVE, APPROVED, REJECTED");
  EXPECT_EQ(Join<NotifyProtocol>(8),
            "DEFAULT, SMS, EMAIL, DING_TALK, WE_LINK, WECHAT, CALLNOTIFY, NOT_TO_NOTIFY");
  EXPECT_EQ(Join<HistoryAction>(4), "created, modified, approved, rejected");
}

TEST(ScriptEnumsTest, MessageListsMatchTheTables) {
  EXPECT_EQ(ScriptTypeNames(), Join<ScriptType>(3));
  EXPECT_EQ(RiskLevelNames(), Join<RiskLevel>(3));
  EXPECT_EQ(NotifyProtocolNames(), Join<NotifyProtocol>(8));
}

TEST(ScriptEnumsTest, ParseRoundTrips) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ParseScriptType(ToString(static_cast<ScriptType>(i))), static_cast<ScriptType>(i));
    EXPECT_EQ(ParseRiskLevel(ToString(static_cast<RiskLevel>(i))), static_cast<RiskLevel>(i));
    EXPECT_EQ(ParseScriptStatus(ToString(static_cast<ScriptStatus>(i))),
              static_cast<ScriptStatus>(i));
  }
  for (int i = 0; i < 8; ++i) {
    auto p = static_cast<NotifyProtocol>(i);
    EXPECT_EQ(ParseNotifyProtocol(ToString(p)), p);
  }
  for (int i = 0; i < 4; ++i) {
    auto a = static_cast<HistoryAction>(i);
    EXPECT_EQ(ParseHistoryAction(ToString(a)), a);
  }
}

TEST(ScriptEnumsTest, ParseIsExactAndCaseSensitive) {
  EXPECT_FALSE(ParseScriptType("shell"));
  EXPECT_FALSE(ParseScriptType("SHELL "));
  EXPECT_FALSE(ParseScriptType(""));
  EXPECT_FALSE(ParseRiskLevel("Low"));
  EXPECT_FALSE(ParseScriptStatus("PENDING"));
  EXPECT_FALSE(ParseNotifyProtocol("WELINK"));
  EXPECT_FALSE(ParseHistoryAction("Created"));
}

}  // namespace
}  // namespace alarmgate
