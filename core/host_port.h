#pragma once
// A host and port as operators write them: server.listen, --listen, ssh://user@host:port.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alarmgate {

struct HostPort {
  std::string host;  // IPv6 without brackets
  uint16_t port = 0;
};

// "HOST:PORT" (IPv4 or hostname) or "[IPv6]:PORT", port 0..65535; nullopt for anything else.
std::optional<HostPort> ParseHostPort(std::string_view text);

}  // namespace alarmgate
