#pragma once
// Reads and validates the YAML config: every problem is collected (with file:line), nothing is
// applied. The caller swaps the result in only when there are no problems.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/host_port.h"
#include "core/yaml/file_problem.h"
#include "gateway/config/config.h"

namespace alarmgate {

// The one problem type of every file loader: file, line (0 when the file cannot be read) and
// message; ToString() = "file:line: message".
using ConfigProblem = FileProblem;

struct LoadedConfig {
  std::shared_ptr<const Config> config;  // null when there are problems
  std::vector<ConfigProblem> problems;
};

using ListenAddress = HostPort;

class ConfigLoader {
 public:
  // Loads `path` and checks the files it names (rules_files, inventory_files).
  static LoadedConfig LoadFile(const std::string& path);
  // Loads from text, for tests; `file_name` is used in problems; relative paths resolve from
  // `base_dir`.
  static LoadedConfig LoadString(const std::string& yaml, const std::string& file_name,
                                 const std::string& base_dir);
  // The defaults of contract §2, with no integrations (serving without --config).
  static std::shared_ptr<const Config> Defaults();
  // "HOST:PORT" (IPv4 or hostname) or "[IPv6]:PORT", port 0..65535: server.listen and --listen.
  static std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
    return ParseHostPort(text);
  }
};

}  // namespace alarmgate
