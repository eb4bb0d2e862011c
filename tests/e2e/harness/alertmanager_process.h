#pragma once
// Runs a real Prometheus Alertmanager for a test: a temp dir with its alertmanager.yml (one webhook
// receiver pointing at alarmgate, fast grouping), the process on a free 127.0.0.1 port (never
// 9093) with clustering off, readiness polled; alerts posted through its v2 API. The destructor
// kills and reaps it.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/harness/http_client.h"

namespace alarmgate::e2e {

// The Alertmanager binary: $ALERTMANAGER_BINARY, else /usr/bin/prometheus-alertmanager (Debian).
std::string AlertmanagerBinary();

// One alert as POST /api/v2/alerts takes it.
struct AmAlert {
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  int64_t starts_at_ms = 0;
  std::optional<int64_t> ends_at_ms;  // unset: firing until Alertmanager's resolve_timeout
  std::string generator_url = "http://prometheus.test/graph";

  std::string ToJson() const;
};

// RFC 3339 UTC with milliseconds, as Alertmanager writes times: "2026-11-23T10:00:00.123Z".
std::string AmTimestamp(int64_t epoch_ms);

struct AlertmanagerOptions {
  std::string webhook_url;    // where the receiver posts, e.g. alarmgate's ingestion URL
  bool send_resolved = true;  // false: Alertmanager never tells the receiver an alert resolved
};

class AlertmanagerProcess {
 public:
  // Creates the temp dir and writes the config (not started yet).
  explicit AlertmanagerProcess(AlertmanagerOptions options);
  ~AlertmanagerProcess();
  AlertmanagerProcess(const AlertmanagerProcess&) = delete;
  AlertmanagerProcess& operator=(const AlertmanagerProcess&) = delete;

  // Spawns Alertmanager on a free port and waits for GET /-/ready == 200. Fails (never skips)
  // when the binary is missing: CI installs it (scripts/install-deps --test).
  ::testing::AssertionResult Start(std::chrono::milliseconds deadline = std::chrono::seconds(20));
  // SIGKILL and reap.
  void Kill();
  // Forgets every alert: kill, wipe the storage dir, start again (a new port).
  ::testing::AssertionResult RestartWithFreshStorage();

  // POST /api/v2/alerts; Alertmanager answers 200 with an empty body.
  HttpResult PostAlerts(const std::vector<AmAlert>& alerts);
  // GET /api/v2/alerts: the JSON array of the alerts it holds.
  HttpResult GetAlerts();
  // The fingerprints Alertmanager gave the alerts it holds, by alertname + "/" + instance label.
  std::map<std::string, std::string> Fingerprints();
  // GET /metrics (Alertmanager's own, e.g. alertmanager_notification_requests_failed_total).
  std::string Metrics();

  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& dir() const { return dir_; }
  std::string config_path() const { return dir_ + "/alertmanager.yml"; }
  // Everything Alertmanager wrote to stderr, over every start.
  std::string Log() const;

 private:
  AlertmanagerOptions options_;
  std::string dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int starts_ = 0;
};

}  // namespace alarmgate::e2e
