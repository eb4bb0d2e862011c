#include "gateway/cli.h"

#include <string_view>

namespace alarmgate {

const char* const kUsage =
    "Usage: alarmgate [--config FILE] [--listen HOST:PORT] [--data-dir DIR]\n"
    "       alarmgate --check-config FILE\n"
    "       alarmgate --version | --help\n"
    "\n"
    "Alarm ingestion gateway and incident auto-creator.\n"
    "\n"
    "  --config FILE        serve with this configuration (YAML); without it, alarmgate serves\n"
    "                       on 127.0.0.1:8080 with data in ./data and no integrations\n"
    "  --listen HOST:PORT   override server.listen (port 0 picks a free port)\n"
    "  --data-dir DIR       override storage.data_dir\n"
    "  --check-config FILE  validate config, rules and inventory; print every problem with its\n"
    "                       file and line; exit 1 on any problem, else print ok and exit 0\n"
    "  --version            print the version\n"
    "  --help               print this help\n";

Result<CliOptions> ParseCli(int argc, char** argv) {
  CliOptions o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    // Accepts both "--flag value" and "--flag=value".
    auto take = [&](std::string_view flag) -> std::optional<std::string> {
      if (arg.substr(0, flag.size()) != flag) return std::nullopt;
      if (arg.size() == flag.size()) {
        if (i + 1 >= argc) return std::string();
        return std::string(argv[++i]);
      }
      if (arg[flag.size()] == '=') return std::string(arg.substr(flag.size() + 1));
      return std::nullopt;
    };
    bool known = false;
    if (arg == "--help" || arg == "-h") {
      o.help = true;
      continue;
    }
    if (arg == "--version") {
      o.version = true;
      continue;
    }
    for (auto [name, slot] : {std::pair{"--config", &o.config_file}, std::pair{"--listen", &o.listen},
                              std::pair{"--data-dir", &o.data_dir},
                              std::pair{"--check-config", &o.check_config_file}}) {
      if (auto v = take(name)) {
        if (v->empty()) return Status::InvalidArgument(std::string(name) + " needs a value");
        *slot = std::move(*v);
        known = true;
        break;
      }
    }
    if (!known) return Status::InvalidArgument("unknown argument: " + std::string(arg));
  }
  return o;
}

}  // namespace alarmgate
