#pragma once
// The Alertmanager webhook payload (version "4", contract §4.2): one Alarm per entry of alerts[],
// validated all-or-nothing. Times are read with core/iso8601.h.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alarms/alarm.h"
#include "core/iso8601.h"
#include "core/status.h"
#include "core/utf8.h"

namespace alarmgate {

// Most alerts one webhook request may carry (the same cap as a COC batch).
inline constexpr size_t kMaxAlertmanagerAlerts = 1000;

// `root` is a strictly parsed body (StrictJsonParser). `severity_map` is the integration's
// configured map (keys lower-case, as the config loader stores them); each value it lists
// overrides the contract's built-in map, which applies to the rest. A missing or unmapped
// labels.severity gives Info.
//
// Lenient where Alertmanager versions differ: `version` is not checked (every Alertmanager so far
// sends "4"; a payload that has the shape is accepted whatever it says), and the top-level fields
// other than alerts[] (truncatedAlerts, status, groupLabels, commonLabels, …) are optional and
// ignored except groupKey, receiver and externalURL, which are copied into `additional`.
//
// Every alarm gets integration = integration_name, body_json = the minified alert entry,
// additional_json = {"labels","annotations","groupKey","receiver","externalURL"} (null when
// absent). Problems refuse the whole payload: Status::InvalidArgument naming each with its path,
// joined with " | ", e.g. "alerts[1].labels.alertname must not be null | alerts[2].status must be
// one of firing, resolved". An empty alerts[] yields no alarms.
Result<std::vector<Alarm>> ParseAlertmanagerPayload(
    simdjson::dom::element root, std::string_view integration_name,
    const std::map<std::string, AlarmLevel>& severity_map);


}  // namespace alarmgate
