#pragma once
// The whole configuration (contract §2), with every default. Loaded by ConfigLoader, shared as
// std::shared_ptr<const Config> and replaced whole on reload.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm.h"
#include "core/logger.h"
#include "storage/durability.h"

namespace alarmgate {

enum class IntegrationFormat { kCoc, kAlertmanager, kPagerDuty };

struct ReconcileConfig {
  std::string url;
  int64_t every_s = 60;
};

struct IntegrationConfig {
  std::string key;
  std::string name;
  IntegrationFormat format = IntegrationFormat::kCoc;
  double rate_limit_per_s = 1000;  // 0 = unlimited; burst = 2 x rate
  bool enabled = true;
  int64_t heartbeat_timeout_s = 0;
  // labels.severity (lower-case) -> alarmLevel; alertmanager only. Overrides the contract's map
  // value by value.
  std::map<std::string, AlarmLevel> severity_map;
  std::optional<ReconcileConfig> reconcile;
};

struct AuthToken {
  std::string name;
  std::string sha256;  // lower-case hex
};

struct ServerConfig {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  int threads = 0;  // 0 = one per core
  uint64_t body_limit_bytes = 1048576;
  uint64_t header_limit_bytes = 16384;
  int64_t read_timeout_ms = 10000;
  int64_t idle_timeout_ms = 60000;
  int64_t max_connections = 10000;
  int64_t shutdown_grace_ms = 10000;
};

struct StorageConfig {
  std::string data_dir = "./data";
  Durability durability = Durability::kProcess;
  int64_t retention_days = 30;
};

struct SshConfig {
  std::string binary = "ssh";
  std::vector<std::string> options = {"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                                      "-o", "ConnectTimeout=5"};
};

struct ExecutorConfig {
  int64_t max_parallel_instances = 16;
  bool auto_remediation = true;
  int64_t max_runs_per_hour_per_resource = 6;
  std::string work_dir = "./data/runs";
  SshConfig ssh;
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  LogFormat format = LogFormat::kText;
};

struct Config {
  std::string source_file;  // "" when running on defaults (no --config)
  ServerConfig server;
  StorageConfig storage;
  std::vector<AuthToken> auth_tokens;
  std::vector<IntegrationConfig> integrations;
  std::vector<std::string> rules_files;      // resolved paths (globs expanded), relative to source_file
  std::vector<std::string> inventory_files;  // likewise
  ExecutorConfig executor;
  LogConfig log;

  const IntegrationConfig* FindIntegrationByKey(std::string_view key) const {
    for (const auto& i : integrations) {
      if (i.key == key) return &i;
    }
    return nullptr;
  }
};

}  // namespace alarmgate
