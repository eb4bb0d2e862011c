// alarmgate: alarm ingestion gateway and incident auto-creator.

#include <cstdio>
#include <iostream>

#include "core/version.h"
#include "gateway/application.h"
#include "gateway/cli.h"
#include "gateway/configuration.h"

int main(int argc, char** argv) {
  using namespace alarmgate;
  auto options = ParseCli(argc, argv);
  if (!options.ok()) {
    std::cerr << "alarmgate: " << options.status().message() << "\n\n" << kUsage;
    return 2;
  }
  if (options->help) {
    std::cout << kUsage;
    return 0;
  }
  if (options->version) {
    std::cout << "alarmgate " << kVersion << "\n";
    return 0;
  }
  if (options->check_config_file) {
    CliOptions check;
    check.config_file = options->check_config_file;
    LoadedConfiguration loaded = LoadConfiguration(check);
    for (const auto& p : loaded.problems) std::cout << p << "\n";
    if (!loaded.problems.empty()) return 1;
    std::cout << "ok\n";
    return 0;
  }
  return Application(std::move(*options)).Run();
}
