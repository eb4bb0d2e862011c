#pragma once
// Runs the real alarmgate binary for a test: a fresh temp dir with its config and data dir, the
// process spawned with --listen 127.0.0.1:0, its port read from the log, readiness polled.
// The destructor always kills and reaps it, so no test leaves a server behind.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/harness/test_config.h"

namespace alarmgate::e2e {

using std::chrono::milliseconds;

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed; -1 when it did not finish in time
  std::string out;
  std::string err;
};

// Runs alarmgate with `args` to completion (for --check-config, --version, --help).
RunResult RunAlarmgate(const std::vector<std::string>& args,
                       milliseconds timeout = milliseconds(10000));

// The alarmgate binary under test (ALARMGATE_BINARY).
std::string AlarmgateBinary();

class AlarmgateProcess {
 public:
  // Creates the temp dir and writes `config` into it (not started yet).
  explicit AlarmgateProcess(TestConfig config = TestConfig());
  ~AlarmgateProcess();
  AlarmgateProcess(const AlarmgateProcess&) = delete;
  AlarmgateProcess& operator=(const AlarmgateProcess&) = delete;

  // Spawns the binary, finds its port in the log and waits for GET /-/ready == 200.
  ::testing::AssertionResult Start(milliseconds deadline = milliseconds(10000));
  // Starts again on the same config and data dir (after Kill9 or Terminate).
  ::testing::AssertionResult Restart(milliseconds deadline = milliseconds(10000)) {
    return Start(deadline);
  }

  // SIGKILL and reap.
  void Kill9();
  // SIGTERM, then waits; the exit code (128 + signal when killed), nullopt when still running.
  std::optional<int> Terminate(milliseconds deadline = milliseconds(15000));
  bool Signal(int sig) const;
  std::optional<int> WaitForExit(milliseconds deadline);
  bool running() const { return pid_ > 0; }

  // Rewrites the config file (for reload tests); `yaml` replaces it whole.
  void WriteConfigText(const std::string& yaml) const;
  // Writes config.rules_yaml (when set) to rules_path(), then the config.
  void WriteConfig(const TestConfig& config) const {
    if (config.rules_yaml) WriteRulesText(*config.rules_yaml);
    WriteConfigText(config.Render(data_dir()));
  }
  // Rewrites the rules file named by a config with rules_yaml (atomically, as the config).
  void WriteRulesText(const std::string& yaml) const;

  // The port later Starts listen on; 0 (the default) lets the kernel pick one. A test that needs
  // alarmgate back where a sender expects it restarts with set_listen_port(port()).
  void set_listen_port(uint16_t port) { listen_port_ = port; }

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& dir() const { return dir_; }
  std::string config_path() const { return dir_ + "/alarmgate.yaml"; }
  std::string data_dir() const { return dir_ + "/data"; }
  std::string rules_path() const { return dir_ + "/" + kRulesFileName; }
  // Everything the process wrote to stderr, over every start.
  std::string Log() const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  uint16_t listen_port_ = 0;
  int starts_ = 0;
};

}  // namespace alarmgate::e2e
