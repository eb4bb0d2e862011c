#pragma once
// What the rule engine decided for one alarm transition; applied by the ingest pipeline.

#include <optional>
#include <string>
#include <vector>

namespace alarmgate {

struct RuleDecision {
  std::optional<std::string> incident_num;  // the incident the alarm is attached to, if any
  std::vector<std::string> actions;         // what was done, for the ingestion reply ("opened IM…")
};

}  // namespace alarmgate
