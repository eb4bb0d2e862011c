#pragma once
// Integration keys TestIntegration does not render (heartbeat_timeout_s, severity_map, …), added
// to a rendered TestConfig under one integration, without changing the shared config types.

#include <string>
#include <string_view>

namespace alarmgate::e2e {

// `rendered` (TestConfig::Render) with `keys` inserted under the integration named `name`. `keys`
// is YAML of the integration's own keys, one per line, unindented ("heartbeat_timeout_s: 1\n");
// each line is indented to the integration's level. Returns `rendered` unchanged when no
// integration has that name (the test's config then fails its own assertions).
std::string AddIntegrationKeys(std::string rendered, std::string_view name, std::string_view keys);

}  // namespace alarmgate::e2e
