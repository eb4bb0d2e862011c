// Tests for the script lifecycle: status by reviewers, versions on modify, the review flow and its
// refusals, sensitive values kept through the mask, and the history each step leaves.

#include "remediation/script_review.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace alarmgate {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;
const ScriptActor kAlice{"u-alice", "alice"};
const ScriptActor kBob{"u-bob", "bob"};
const Reviewer kCarol{"carol", "u-carol"};
const Reviewer kDave{"dave", "u-dave"};

CreateScriptCommand Command(std::vector<Reviewer> reviewers = {}) {
  CreateScriptCommand c;
  c.name = "restart_app";
  c.description = "restart the app";
  c.type = ScriptType::kShell;
  c.content = "systemctl restart app";
  c.properties.risk_level = RiskLevel::kMedium;
  c.properties.version = "1.0";
  c.properties.reviewers = std::move(reviewers);
  c.params = {{"token", "s3cret", "api token", 2, true}, {"unit", "app", "unit", 1, false}};
  return c;
}

// A modify that sends back what the detail shows: same content, params with the mask.
ModifyScriptCommand SameAsShown(const Script& s) {
  ModifyScriptCommand m;
  m.description = s.description;
  m.content = s.current.content;
  m.params = s.current.params;
  for (ScriptParam& p : *m.params) {
    if (p.sensitive) p.value = std::string(kMaskedValue);
  }
  return m;
}

Script Approved(const Script& s, const Reviewer& r = kCarol) {
  Result<Script> next = ReviewScript(s, r.id, true, "ok", kT0 + 500);
  EXPECT_TRUE(next.ok()) << next.status().message();
  return next.ok() ? *next : s;
}

TEST(CreateScriptTest, WithoutReviewersIsApproved) {
  Script s = CreateScript(Command(), kAlice, kT0, "SC2023102521413701c4a8a62");
  EXPECT_EQ(s.uuid, "SC2023102521413701c4a8a62");
  EXPECT_EQ(s.id, 0);
  EXPECT_EQ(s.current.number, 1);
  EXPECT_EQ(s.current.status, ScriptStatus::kApproved);
  EXPECT_TRUE(CanExecute(s));
  EXPECT_TRUE(CheckCanExecute(s).ok());
  EXPECT_EQ(s.creator, "alice");
  EXPECT_EQ(s.creator_id, "u-alice");
  EXPECT_EQ(s.operator_name, "alice");
  EXPECT_EQ(s.gmt_created_ms, kT0);
  EXPECT_EQ(s.gmt_modified_ms, kT0);
  EXPECT_EQ(s.current.created_ms, kT0);
  // Sorted by param_order; the sensitive value is stored, since it must reach the script.
  ASSERT_EQ(s.current.params.size(), 2u);
  EXPECT_EQ(s.current.params[0].name, "unit");
  EXPECT_EQ(s.current.params[1].value, "s3cret");
  ASSERT_EQ(s.history.size(), 1u);
  EXPECT_EQ(s.history[0].action, HistoryAction::kCreated);
  EXPECT_EQ(s.history[0].actor, "alice");
  EXPECT_EQ(s.history[0].actor_id, "u-alice");
  EXPECT_EQ(s.history[0].at_ms, kT0);
  EXPECT_EQ(s.history[0].version, 1);
  EXPECT_TRUE(s.history[0].new_version);
}

TEST(CreateScriptTest, WithReviewersIsPendingAndCannotRun) {
  Script s = CreateScript(Command({kCarol}), kAlice, kT0, "SC1");
  EXPECT_EQ(s.current.status, ScriptStatus::kPendingApprove);
  EXPECT_FALSE(CanExecute(s));
  Status st = CheckCanExecute(s);
  EXPECT_EQ(st.code(), StatusCode::kConflict);
  EXPECT_EQ(st.message(), "script SC1 version 1 is PENDING_APPROVE; only APPROVED scripts run");
}

TEST(ReviewScriptTest, AListedReviewerApproves) {
  Script s = CreateScript(Command({kCarol, kDave}), kAlice, kT0, "SC1");
  Result<Script> r = ReviewScript(s, "u-dave", true, "looks fine", kT0 + 100);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->current.status, ScriptStatus::kApproved);
  EXPECT_EQ(r->current.number, 1);
  EXPECT_TRUE(CanExecute(*r));
  EXPECT_EQ(r->gmt_modified_ms, kT0);  // a review is not a modification
  EXPECT_EQ(r->operator_name, "alice");
  ASSERT_EQ(r->history.size(), 2u);
  const HistoryEntry& e = r->history[1];
  EXPECT_EQ(e.action, HistoryAction::kApproved);
  EXPECT_EQ(e.actor_id, "u-dave");
  EXPECT_EQ(e.actor, "dave");
  EXPECT_EQ(e.at_ms, kT0 + 100);
  EXPECT_EQ(e.version, 1);
  EXPECT_FALSE(e.new_version);
  EXPECT_EQ(e.comment, "looks fine");
}

TEST(ReviewScriptTest, AListedReviewerRejects) {
  Script s = CreateScript(Command({kCarol}), kAlice, kT0, "SC1");
  Result<Script> r = ReviewScript(s, "u-carol", false, "unsafe", kT0 + 100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->current.status, ScriptStatus::kRejected);
  EXPECT_FALSE(CanExecute(*r));
  EXPECT_EQ(r->history.back().action, HistoryAction::kRejected);
  EXPECT_EQ(r->history.back().comment, "unsafe");
  EXPECT_EQ(CheckCanExecute(*r).message(),
            "script SC1 version 1 is REJECTED; only APPROVED scripts run");
}

TEST(ReviewScriptTest, SomeoneNotListedIsRefused) {
  Script s = CreateScript(Command({kCarol}), kAlice, kT0, "SC1");
  Result<Script> r = ReviewScript(s, "u-alice", true, "", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "reviewer_id u-alice is not a reviewer of script SC1");
  // Nor on a script without reviewers.
  Script open = CreateScript(Command(), kAlice, kT0, "SC2");
  EXPECT_EQ(ReviewScript(open, "u-carol", true, "", kT0).status().message(),
            "reviewer_id u-carol is not a reviewer of script SC2");
}

struct ReviewConflictRow {
  bool first_verdict, second_verdict;
  std::string expected;
};

class ReviewConflictTest : public testing::TestWithParam<ReviewConflictRow> {};

TEST_P(ReviewConflictTest, OnlyAPendingVersionIsReviewed) {
  const ReviewConflictRow& row = GetParam();
  Script s = CreateScript(Command({kCarol, kDave}), kAlice, kT0, "SC1");
  Result<Script> first = ReviewScript(s, "u-carol", row.first_verdict, "", kT0);
  ASSERT_TRUE(first.ok());
  Result<Script> second = ReviewScript(*first, "u-dave", row.second_verdict, "", kT0);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_EQ(second.status().message(), row.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ReviewConflictTest,
    testing::Values(
        ReviewConflictRow{true, true,
                          "script SC1 version 1 is APPROVED; approve needs PENDING_APPROVE"},
        ReviewConflictRow{true, false,
                          "script SC1 version 1 is APPROVED; reject needs PENDING_APPROVE"},
        ReviewConflictRow{false, true,
                          "script SC1 version 1 is REJECTED; approve needs PENDING_APPROVE"},
        ReviewConflictRow{false, false,
                          "script SC1 version 1 is REJECTED; reject needs PENDING_APPROVE"}));

// ---------------------------------------------------------------------------------------------
// Modify: which changes make a version.

struct ModifyRow {
  std::string label;
  void (*change)(ModifyScriptCommand&);
  bool new_version;
  std::vector<std::string> changes;
};

void PrintTo(const ModifyRow& row, std::ostream* os) { *os << row.label; }

class ModifyScriptTest : public testing::TestWithParam<ModifyRow> {};

TEST_P(ModifyScriptTest, NewVersionIffContentTypeOrParamsChange) {
  const ModifyRow& row = GetParam();
  Script approved = Approved(CreateScript(Command({kCarol}), kAlice, kT0, "SC1"));
  ModifyScriptCommand m = SameAsShown(approved);
  row.change(m);
  Result<Script> next = ModifyScript(approved, m, kBob, kT0 + 1000);
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(next->current.number, row.new_version ? 2 : 1);
  // With reviewers a new version needs approval again; metadata keeps the approval.
  EXPECT_EQ(next->current.status,
            row.new_version ? ScriptStatus::kPendingApprove : ScriptStatus::kApproved);
  EXPECT_EQ(next->operator_name, "bob");
  EXPECT_EQ(next->gmt_modified_ms, kT0 + 1000);
  EXPECT_EQ(next->creator, "alice");
  const HistoryEntry& e = next->history.back();
  EXPECT_EQ(e.action, HistoryAction::kModified);
  EXPECT_EQ(e.actor, "bob");
  EXPECT_EQ(e.version, next->current.number);
  EXPECT_EQ(e.new_version, row.new_version);
  EXPECT_EQ(e.changes, row.changes);
  // The stored sensitive value survived the mask.
  const char* last_value = row.label == "remove_params"         ? "app"
                           : row.label == "new_sensitive_value" ? "other"
                                                                : "s3cret";
  EXPECT_EQ(next->current.params.back().value, last_value);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ModifyScriptTest,
    testing::Values(
        ModifyRow{"nothing", [](ModifyScriptCommand&) {}, false, {}},
        ModifyRow{"description",
                  [](ModifyScriptCommand& m) { m.description = "new"; },
                  false,
                  {"description"}},
        ModifyRow{
            "rename", [](ModifyScriptCommand& m) { m.name = "restart_app_v2"; }, false, {"name"}},
        ModifyRow{"risk_level",
                  [](ModifyScriptCommand& m) {
                    m.properties = ScriptProperties{RiskLevel::kHigh, "1.0", {kCarol}, {}};
                  },
                  false,
                  {"properties.risk_level"}},
        ModifyRow{"reviewers_and_label",
                  [](ModifyScriptCommand& m) {
                    m.properties = ScriptProperties{
                        RiskLevel::kMedium, "1.1", {kDave}, NotifyProtocol::kEmail};
                  },
                  false,
                  {"properties.version", "properties.reviewers", "properties.protocol"}},
        ModifyRow{
            "params_absent_keep_them", [](ModifyScriptCommand& m) { m.params.reset(); }, false, {}},
        ModifyRow{"params_in_another_request_order",
                  [](ModifyScriptCommand& m) { std::swap((*m.params)[0], (*m.params)[1]); },
                  false,
                  {}},
        ModifyRow{
            "content", [](ModifyScriptCommand& m) { m.content = "echo 2"; }, true, {"content"}},
        ModifyRow{
            "type", [](ModifyScriptCommand& m) { m.type = ScriptType::kPython; }, true, {"type"}},
        ModifyRow{"same_type_sent",
                  [](ModifyScriptCommand& m) { m.type = ScriptType::kShell; },
                  false,
                  {}},
        ModifyRow{"param_default",
                  [](ModifyScriptCommand& m) { (*m.params)[0].value = "web"; },
                  true,
                  {"script_params"}},
        ModifyRow{"param_description",
                  [](ModifyScriptCommand& m) { (*m.params)[0].description = "x"; },
                  true,
                  {"script_params"}},
        ModifyRow{"new_sensitive_value",
                  [](ModifyScriptCommand& m) { (*m.params)[1].value = "other"; },
                  true,
                  {"script_params"}},
        ModifyRow{"remove_params",
                  [](ModifyScriptCommand& m) {
                    m.params = std::vector<ScriptParam>{{"unit", "app", "unit", 1, false}};
                  },
                  true,
                  {"script_params"}},
        ModifyRow{"content_and_description",
                  [](ModifyScriptCommand& m) {
                    m.content = "echo 3";
                    m.description = "d3";
                  },
                  true,
                  {"description", "content"}}));

TEST(ModifyScriptFlowTest, ReapprovalAfterAContentModify) {
  Script v1 = Approved(CreateScript(Command({kCarol}), kAlice, kT0, "SC1"));
  ModifyScriptCommand m = SameAsShown(v1);
  m.content = "systemctl restart app --now";
  Result<Script> v2 = ModifyScript(v1, m, kBob, kT0 + 1000);
  ASSERT_TRUE(v2.ok());
  EXPECT_FALSE(CanExecute(*v2));
  EXPECT_EQ(CheckCanExecute(*v2).message(),
            "script SC1 version 2 is PENDING_APPROVE; only APPROVED scripts run");
  Result<Script> approved = ReviewScript(*v2, "u-carol", true, "v2 ok", kT0 + 2000);
  ASSERT_TRUE(approved.ok());
  EXPECT_TRUE(CanExecute(*approved));
  EXPECT_EQ(approved->history.back().version, 2);
  std::vector<HistoryAction> actions;
  for (const HistoryEntry& e : approved->history) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<HistoryAction>{HistoryAction::kCreated, HistoryAction::kApproved,
                                        HistoryAction::kModified, HistoryAction::kApproved}));
}

TEST(ModifyScriptFlowTest, ARejectedScriptGetsANewChanceWithANewVersion) {
  Script rejected = *ReviewScript(CreateScript(Command({kCarol}), kAlice, kT0, "SC1"), "u-carol",
                                  false, "no", kT0);
  ModifyScriptCommand metadata = SameAsShown(rejected);
  metadata.description = "please";
  Result<Script> still = ModifyScript(rejected, metadata, kAlice, kT0 + 1);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->current.status, ScriptStatus::kRejected);
  ModifyScriptCommand content = SameAsShown(rejected);
  content.content = "echo fixed";
  Result<Script> v2 = ModifyScript(rejected, content, kAlice, kT0 + 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->current.status, ScriptStatus::kPendingApprove);
  EXPECT_TRUE(ReviewScript(*v2, "u-carol", true, "", kT0 + 3).ok());
}

TEST(ModifyScriptFlowTest, ANewVersionWithoutReviewersIsApproved) {
  Script v1 = CreateScript(Command({kCarol}), kAlice, kT0, "SC1");
  ModifyScriptCommand m = SameAsShown(v1);
  m.content = "echo 2";
  m.properties = ScriptProperties{RiskLevel::kLow, "2", {}, {}};
  Result<Script> v2 = ModifyScript(v1, m, kAlice, kT0 + 1);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->current.number, 2);
  EXPECT_EQ(v2->current.status, ScriptStatus::kApproved);
}

TEST(ModifyScriptFlowTest, APendingVersionKeepsAReviewer) {
  Script pending = CreateScript(Command({kCarol}), kAlice, kT0, "SC1");
  ModifyScriptCommand m = SameAsShown(pending);
  m.properties = ScriptProperties{RiskLevel::kMedium, "1.0", {}, {}};
  Result<Script> r = ModifyScript(pending, m, kAlice, kT0 + 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().message(),
            "script SC1 version 1 is PENDING_APPROVE; properties.reviewers must keep a reviewer "
            "until it is reviewed, or the modify must change content, type or script_params");
  // Replacing the reviewer is fine, and the new one can review.
  m.properties->reviewers = {kDave};
  Result<Script> replaced = ModifyScript(pending, m, kAlice, kT0 + 1);
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(ReviewScript(*replaced, "u-carol", true, "", kT0).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(ReviewScript(*replaced, "u-dave", true, "", kT0).ok());
}

// ---------------------------------------------------------------------------------------------
// The mask.

TEST(ModifyScriptMaskTest, MaskWithoutAStoredSensitiveValueIsRefused) {
  Script s = CreateScript(Command(), kAlice, kT0, "SC1");
  ModifyScriptCommand m = SameAsShown(s);
  m.params->push_back({"password", std::string(kMaskedValue), "", 3, true});
  (*m.params)[0] = {"unit", std::string(kMaskedValue), "unit", 1, true};  // stored as not sensitive
  Result<Script> r = ModifyScript(s, m, kAlice, kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "script_params[0].param_value ****** keeps a stored value, but script SC1 has no "
            "sensitive parameter unit | script_params[2].param_value ****** keeps a stored value, "
            "but script SC1 has no sensitive parameter password");
  EXPECT_EQ(r.status().message().find("s3cret"), std::string::npos);
  EXPECT_EQ(r.status().message().find("app"), std::string::npos);
}

TEST(ModifyScriptMaskTest, TheMaskFollowsTheNameNotThePosition) {
  Script s = CreateScript(Command(), kAlice, kT0, "SC1");
  ModifyScriptCommand m = SameAsShown(s);
  (*m.params)[0].order = 2;  // unit
  (*m.params)[1].order = 1;  // token, still masked
  Result<Script> r = ModifyScript(s, m, kAlice, kT0);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->current.params[0].name, "token");
  EXPECT_EQ(r->current.params[0].value, "s3cret");
  EXPECT_EQ(r->current.number, 2);  // the order changed
}

TEST(ModifyScriptMaskTest, HistoryNamesFieldsNeverValues) {
  Script s = CreateScript(Command(), kAlice, kT0, "SC1");
  ModifyScriptCommand m = SameAsShown(s);
  (*m.params)[1].value = "n3w-secret";
  Result<Script> r = ModifyScript(s, m, kAlice, kT0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->current.params[1].value, "n3w-secret");
  for (const std::string& field : r->history.back().changes) {
    EXPECT_EQ(field.find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace alarmgate
