#pragma once
// Parses a resource's `connection` (contract §9): `local`, or `ssh://user@host[:port]` with the
// host a hostname, an IPv4 or an [IPv6] address. Pure: no lookups, no I/O.

#include <string_view>

#include "core/status.h"
#include "inventory/resource.h"

namespace alarmgate {

// At most what useradd allows; a user is never empty and never starts with '-', which ssh would
// read as an option.
inline constexpr size_t kMaxSshUserLength = 32;

// The connection, or InvalidArgument whose message completes "connection …" ("must be local or
// ssh://user@host[:port]"). The host comes back lower-cased, as ssh compares it with known_hosts.
Result<Connection> ParseConnection(std::string_view text);

}  // namespace alarmgate
