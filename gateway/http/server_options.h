#pragma once
// The HTTP edge's limits and timeouts (contract §2 `server:`), replaceable on config reload.

#include <cstdint>

namespace alarmgate {

struct ServerOptions {
  uint64_t body_limit_bytes = 1048576;  // larger bodies: 413 (a route may override)
  uint64_t header_limit_bytes = 16384;  // larger request line + headers: 431
  int64_t read_timeout_ms = 10000;      // a request must arrive whole within this
  int64_t idle_timeout_ms = 60000;      // keep-alive idle before the first byte of a request
  int64_t max_connections = 10000;      // past this, new connections are closed at once
  int64_t shutdown_grace_ms = 10000;    // Shutdown() waits this long for requests in flight
};

}  // namespace alarmgate
