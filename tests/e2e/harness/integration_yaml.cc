// Inserts YAML lines under one integration of a rendered e2e config.

#include "tests/e2e/harness/integration_yaml.h"

namespace alarmgate::e2e {

std::string AddIntegrationKeys(std::string rendered, std::string_view name, std::string_view keys) {
  // TestConfig::Render writes `    name: "<name>"` on a line of its own.
  const std::string anchor = "    name: \"" + std::string(name) + "\"\n";
  const size_t at = rendered.find(anchor);
  if (at == std::string::npos) return rendered;
  std::string indented;
  size_t start = 0;
  while (start < keys.size()) {
    size_t end = keys.find('\n', start);
    if (end == std::string_view::npos) end = keys.size();
    indented.append("    ").append(keys.substr(start, end - start)).append("\n");
    start = end + 1;
  }
  rendered.insert(at + anchor.size(), indented);
  return rendered;
}

}  // namespace alarmgate::e2e
