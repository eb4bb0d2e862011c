// Micro-benchmark: RuleSet::Match with 10 and with 5,000 rules on the same alarms, to show that
// the index keeps matching cost from growing with the number of rules. Run by hand.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "rules/rule_loader.h"

namespace alarmgate {
namespace {

// Rules shaped like real files: all but a few pin an alarm name (indexable); the same five
// regex-only rules (never indexable, always tested) and a catch-all are in both sets, so the
// difference between the sets is only the number of indexable rules.
std::shared_ptr<const RuleSet> MakeRules(int n) {
  std::string yaml = "rules:\n";
  for (int i = 0; i < 5; ++i) {
    yaml += "  - name: re-" + std::to_string(i) + "\n    match: {resourceName: {regex: \"db-" +
            std::to_string(i) + "-.*\"}}\n";
  }
  for (int i = 0; i < n - 6; ++i) {
    yaml += "  - name: r-" + std::to_string(i) + "\n    match:\n      alarmName: Alarm" +
            std::to_string(i) +
            "\n      alarmLevel: [Critical, Major]\n      additional.team: {not: qa}\n";
  }
  yaml += "  - name: catch-all\n";
  LoadedRules loaded = RuleLoader::LoadString(yaml, "bench.yaml");
  if (!loaded.rules) {
    std::fprintf(stderr, "bench rules do not load: %s\n", loaded.problems[0].message.c_str());
    std::exit(1);
  }
  return loaded.rules;
}

std::vector<Alarm> MakeAlarms() {
  std::vector<Alarm> alarms;
  for (int i = 0; i < 1000; ++i) {
    Alarm a;
    a.integration = "mon";
    a.alarm_name = "Alarm" + std::to_string(i % 4);  // r-0..r-3: in both sets
    a.level = i % 2 ? AlarmLevel::kCritical : AlarmLevel::kMinor;
    a.resource_name = "host-" + std::to_string(i) + "-a";
    a.additional_json = R"({"team":"sre"})";
    alarms.push_back(std::move(a));
  }
  return alarms;
}

double NanosPerMatch(const RuleSet& rules, const std::vector<Alarm>& alarms) {
  constexpr int kRounds = 50;
  size_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < kRounds; ++r) {
    for (const Alarm& a : alarms) sink += rules.Match(a).size();
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (sink == 0) std::fprintf(stderr, "no matches?\n");
  return std::chrono::duration<double, std::nano>(elapsed).count() / (kRounds * alarms.size());
}

}  // namespace
}  // namespace alarmgate

int main() {
  using namespace alarmgate;
  const std::vector<Alarm> alarms = MakeAlarms();
  auto few = MakeRules(10);
  auto many = MakeRules(5000);
  NanosPerMatch(*few, alarms);  // warm up
  const double t_few = NanosPerMatch(*few, alarms);
  const double t_many = NanosPerMatch(*many, alarms);
  std::printf("rules=10    %8.0f ns/match\n", t_few);
  std::printf("rules=5000  %8.0f ns/match\n", t_many);
  std::printf("ratio 5000/10 = %.2f (500x more rules)\n", t_many / t_few);
  return 0;
}
