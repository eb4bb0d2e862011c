// Tests for matching: every condition operator (with absent fields and additional paths),
// first match and continue, and that the index never changes what matches (compared with
// testing every rule, over random rules and alarms).

#include "rules/rule_set.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

namespace alarmgate {
namespace {

Condition Eq(std::string field, std::string value) {
  Condition c;
  c.field = std::move(field);
  c.values = {std::move(value)};
  return c;
}

Condition AnyOf(std::string field, std::vector<std::string> values) {
  Condition c;
  c.field = std::move(field);
  c.kind = Condition::Kind::kAnyOf;
  c.values = std::move(values);
  return c;
}

Condition Re(std::string field, const std::string& pattern) {
  Condition c;
  c.field = std::move(field);
  c.kind = Condition::Kind::kRegex;
  c.regex = std::make_shared<const re2::RE2>(pattern);
  return c;
}

Condition Not(Condition c) {
  c.negated = true;
  return c;
}

Rule MakeRule(std::string name, std::vector<Condition> match, bool cont = false) {
  Rule r;
  r.name = std::move(name);
  r.match = std::move(match);
  r.continue_matching = cont;
  return r;
}

Alarm TestAlarm() {
  Alarm a;
  a.integration = "mon";
  a.alarm_name = "CpuHigh";
  a.level = AlarmLevel::kMajor;
  a.application_id = "billing";
  a.resource_id = "res-1";
  a.time_ms = 42;
  a.additional_json = R"({"team":"sre","svc":{"name":"api","port":8080}})";
  return a;
}

struct MatchCase {
  const char* what;
  Condition condition;
  bool want;
};

TEST(RuleSetTest, ConditionOperators) {
  const Alarm a = TestAlarm();
  const MatchCase cases[] = {
      {"equals", Eq("alarmName", "CpuHigh"), true},
      {"equals other", Eq("alarmName", "Cpu"), false},
      {"equals is case-sensitive", Eq("alarmName", "cpuhigh"), false},
      {"equals level", Eq("alarmLevel", "Major"), true},
      {"equals integration", Eq("integration", "mon"), true},
      {"equals time text", Eq("time", "42"), true},
      {"equals absent", Eq("regionId", "x"), false},
      {"any of hit", AnyOf("alarmLevel", {"Critical", "Major"}), true},
      {"any of miss", AnyOf("alarmLevel", {"Critical", "Minor"}), false},
      {"any of absent", AnyOf("regionId", {"a", "b"}), false},
      {"regex full", Re("alarmName", "Cpu.*"), true},
      {"regex is a full match", Re("alarmName", "Cpu"), false},
      {"regex absent", Re("regionId", ".*"), false},
      {"not equals", Not(Eq("alarmName", "Mem")), true},
      {"not equals same", Not(Eq("alarmName", "CpuHigh")), false},
      {"not any of", Not(AnyOf("alarmLevel", {"Critical", "Major"})), false},
      {"not any of miss", Not(AnyOf("alarmLevel", {"Critical"})), true},
      {"not regex", Not(Re("alarmName", "Mem.*")), true},
      {"not regex hit", Not(Re("alarmName", "Cpu.*")), false},
      {"not holds on absent", Not(Eq("regionId", "x")), true},
      {"not regex on absent", Not(Re("regionId", ".*")), true},
      {"additional string", Eq("additional.team", "sre"), true},
      {"additional nested", Eq("additional.svc.name", "api"), true},
      {"additional number text", Eq("additional.svc.port", "8080"), true},
      {"additional object json", Eq("additional.svc", R"({"name":"api","port":8080})"), true},
      {"additional regex", Re("additional.svc.name", "a.i"), true},
      {"additional missing", Eq("additional.nope", "x"), false},
      {"not additional missing", Not(Eq("additional.nope", "x")), true},
      {"not additional present", Not(Eq("additional.team", "sre")), false},
  };
  for (const MatchCase& c : cases) {
    EXPECT_EQ(Matches({c.condition}, a), c.want) << c.what;
  }
  EXPECT_TRUE(Matches({}, a)) << "no conditions match every alarm";
  EXPECT_FALSE(Matches({Eq("alarmName", "CpuHigh"), Eq("integration", "other")}, a))
      << "every condition must hold";
}

std::vector<std::string> Names(const std::vector<const Rule*>& rules) {
  std::vector<std::string> names;
  for (const Rule* r : rules) names.push_back(r->name);
  return names;
}

TEST(RuleSetTest, FirstMatchWinsAndContinueGoesOn) {
  struct Case {
    const char* what;
    std::vector<Rule> rules;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"no rules", {}, {}},
      {"no match", {MakeRule("a", {Eq("alarmName", "Mem")})}, {}},
      {"first wins",
       {MakeRule("a", {Eq("alarmName", "CpuHigh")}), MakeRule("b", {}),
        MakeRule("c", {Eq("integration", "mon")})},
       {"a"}},
      {"non-matching skipped",
       {MakeRule("a", {Eq("alarmName", "Mem")}), MakeRule("b", {Eq("integration", "mon")})},
       {"b"}},
      {"continue",
       {MakeRule("a", {Eq("alarmName", "CpuHigh")}, true), MakeRule("x", {Eq("alarmName", "No")}),
        MakeRule("b", {}, true), MakeRule("c", {Eq("integration", "mon")}), MakeRule("d", {})},
       {"a", "b", "c"}},
      {"continue on last", {MakeRule("a", {}, true)}, {"a"}},
      {"continue on a non-matching rule is irrelevant",
       {MakeRule("a", {Eq("alarmName", "No")}, true), MakeRule("b", {}), MakeRule("c", {})},
       {"b"}},
      {"indexed and unindexed keep file order",
       {MakeRule("a", {Re("alarmName", "Cpu.*")}, true),
        MakeRule("b", {Eq("alarmName", "CpuHigh")}, true),
        MakeRule("c", {Not(Eq("alarmName", "x"))}, true),
        MakeRule("d", {AnyOf("alarmLevel", {"Major", "Minor"})})},
       {"a", "b", "c", "d"}},
  };
  const Alarm a = TestAlarm();
  for (const Case& c : cases) {
    RuleSet set(c.rules, {});
    EXPECT_EQ(Names(set.Match(a)), c.want) << c.what;
  }
  EXPECT_TRUE(RuleSet().Match(a).empty());
}

TEST(RuleSetTest, FindAndAccessors) {
  Silence s;
  s.id = "file:x:1";
  RuleSet set({MakeRule("a", {}), MakeRule("b", {})}, {s});
  ASSERT_NE(set.Find("b"), nullptr);
  EXPECT_EQ(set.Find("b")->name, "b");
  EXPECT_EQ(set.Find("b"), &set.rules()[1]);
  EXPECT_EQ(set.Find("zz"), nullptr);
  ASSERT_EQ(set.silences().size(), 1u);
  EXPECT_EQ(RuleSet().Find("a"), nullptr);
}

TEST(RuleSetTest, DuplicateValuesInAListMatchOnce) {
  RuleSet set(
      {MakeRule("a", {AnyOf("alarmName", {"CpuHigh", "CpuHigh"})}, true), MakeRule("b", {})}, {});
  EXPECT_EQ(Names(set.Match(TestAlarm())), (std::vector<std::string>{"a", "b"}));
}

// What Match must return, testing every rule in order.
std::vector<const Rule*> BruteForce(const RuleSet& set, const Alarm& alarm) {
  std::vector<const Rule*> out;
  for (const Rule& r : set.rules()) {
    if (!Matches(r.match, alarm)) continue;
    out.push_back(&r);
    if (!r.continue_matching) break;
  }
  return out;
}

TEST(RuleSetTest, IndexAgreesWithTestingEveryRule) {
  std::mt19937 rng(20240601);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  const std::vector<std::string> fields = {"alarmName",          "alarmLevel", "integration",
                                           "applicationId",      "regionId",   "additional.team",
                                           "additional.svc.name"};
  const std::vector<std::string> values = {"a",     "b",     "c",    "d", "Critical",
                                           "Major", "Minor", "Info", ""};
  const std::vector<std::string> patterns = {"a|b", "[cd]", "M.*", ".*", "Crit.*"};

  for (int round = 0; round < 5; ++round) {
    std::vector<Rule> rules;
    for (int i = 0; i < 500; ++i) {
      std::vector<Condition> match;
      const int n = static_cast<int>(rng() % 4);  // 0..3 conditions; 0 = matches everything
      for (int k = 0; k < n; ++k) {
        const std::string field = pick(fields);
        Condition c;
        switch (rng() % 3) {
          case 0:
            c = Eq(field, pick(values));
            break;
          case 1:
            c = AnyOf(field, {pick(values), pick(values), pick(values)});
            break;
          default:
            c = Re(field, pick(patterns));
            break;
        }
        if (chance(25)) c = Not(std::move(c));
        match.push_back(std::move(c));
      }
      // Mostly narrow rules, as in real files, so several can match with continue.
      rules.push_back(MakeRule("r" + std::to_string(i), std::move(match), chance(40)));
    }
    RuleSet set(std::move(rules), {});

    int nonempty = 0;
    for (int j = 0; j < 400; ++j) {
      Alarm a;
      auto opt = [&]() { return chance(20) ? std::string() : pick(values); };
      a.alarm_name = pick(values);
      a.level = static_cast<AlarmLevel>(rng() % 4);
      a.integration = opt();
      a.application_id = opt();
      a.region_id = opt();
      a.additional_json = chance(30) ? "{}"
                                     : R"({"team":")" + pick(values) + R"(","svc":{"name":")" +
                                           pick(values) + R"("}})";
      std::vector<const Rule*> got = set.Match(a);
      ASSERT_EQ(got, BruteForce(set, a)) << "round " << round << " alarm " << j;
      if (!got.empty()) ++nonempty;
    }
    EXPECT_GT(nonempty, 50) << "the random rules should match often enough to test something";
  }
}

}  // namespace
}  // namespace alarmgate
