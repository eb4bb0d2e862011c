// ParseConnection: splits ssh://user@host[:port] and checks each part; the host check is the
// config's listen-address one, so `server.listen` and inventory hosts accept the same hosts.

#include "inventory/connection.h"

#include <charconv>
#include <string>

#include "core/ascii.h"
#include "core/host_port.h"

namespace alarmgate {
namespace {

constexpr std::string_view kSshScheme = "ssh://";
constexpr std::string_view kForm = "local or ssh://user@host[:port]";

bool IsUserChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; }

Status Refuse(std::string message) { return Status::InvalidArgument(std::move(message)); }

// ":N" with 1 <= N <= 65535, or "" for ssh's default port.
Result<uint16_t> ParsePort(std::string_view rest) {
  if (rest.empty()) return uint16_t{22};
  const std::string_view digits = rest.substr(1);
  int port = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (rest.front() != ':' || digits.empty() || digits.size() > 5 || !AllOf(digits, IsAsciiDigit) ||
      ec != std::errc() || end != digits.data() + digits.size() || port < 1 || port > 65535) {
    return Refuse("has a bad port: it must be between 1 and 65535 (form " + std::string(kForm) +
                  ")");
  }
  return static_cast<uint16_t>(port);
}

}  // namespace

Result<Connection> ParseConnection(std::string_view text) {
  if (text == "local") return Connection{};
  if (!text.starts_with(kSshScheme)) return Refuse("must be " + std::string(kForm));
  const std::string_view rest = text.substr(kSshScheme.size());
  const size_t at = rest.find('@');
  if (at == std::string_view::npos) {
    return Refuse("needs a user: it must be " + std::string(kForm));
  }
  const std::string_view user = rest.substr(0, at);
  if (user.empty() || user.size() > kMaxSshUserLength || user.front() == '-' ||
      !AllOf(user, IsUserChar)) {
    return Refuse(
        "has a bad user: it must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_', "
        "'-', not starting with '-'");
  }
  const std::string_view authority = rest.substr(at + 1);
  // The host ends at the ']' of an [IPv6] address, else at the first ':' (the port's); a bare
  // IPv6 address would be read as host and port, so it must be in brackets.
  size_t host_end = authority.find(':');
  if (authority.find(':', host_end + 1) != std::string_view::npos && !authority.starts_with('[')) {
    return Refuse("has a bad host: an IPv6 address must be in brackets, ssh://user@[::1]:22");
  }
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    host_end = close == std::string_view::npos ? authority.size() : close + 1;
  }
  if (host_end == std::string_view::npos) host_end = authority.size();
  Result<uint16_t> port = ParsePort(authority.substr(host_end));
  if (!port.ok()) return port.status();
  // The host:port parser wants a port; 22 only stands in so that the host is checked.
  const auto address =
      ParseHostPort(std::string(authority.substr(0, host_end)) + ":22");
  if (!address) {
    return Refuse("has a bad host: it must be a hostname, an IPv4 address or an [IPv6] address");
  }
  Connection c;
  c.kind = Connection::Kind::kSsh;
  c.user = std::string(user);
  c.host = AsciiLower(address->host);
  c.port = *port;
  return c;
}

}  // namespace alarmgate
