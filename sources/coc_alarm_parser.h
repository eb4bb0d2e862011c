#pragma once
// The COC custom-integration body (seed 003 table 4-84, contract §4.1): one alarm object or a batch
// array of them, validated all-or-nothing and turned into Alarms.

#include <simdjson.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "alarms/alarm.h"
#include "core/status.h"

namespace alarmgate {

inline constexpr size_t kMaxCocBatchSize = 1000;

// `root` is a strictly parsed body (StrictJsonParser). Every alarm gets integration =
// integration_name, additional_json = minified `additional` (or "{}"), body_json = the minified
// event. Any problem refuses the whole body: Status::InvalidArgument naming every problem, joined
// with " | " (prefixed "[i]." inside a batch), e.g. "alarmName must not be null | alarmId must not
// be null".
Result<std::vector<Alarm>> ParseCocAlarms(simdjson::dom::element root,
                                          std::string_view integration_name);

}  // namespace alarmgate
