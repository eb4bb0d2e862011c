#pragma once
// Command-line options (contract §1).

#include <optional>
#include <string>

#include "core/status.h"

namespace alarmgate {

struct CliOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> listen;    // HOST:PORT, overrides server.listen
  std::optional<std::string> data_dir;  // overrides storage.data_dir
  std::optional<std::string> check_config_file;
  bool help = false;
  bool version = false;
};

Result<CliOptions> ParseCli(int argc, char** argv);

extern const char* const kUsage;

}  // namespace alarmgate
