// Parsing of HOST:PORT: hostnames by RFC 1123 labels, addresses by inet_pton.

#include "core/host_port.h"

#include <arpa/inet.h>

#include <charconv>
#include <string>

#include "core/ascii.h"

namespace alarmgate {
namespace {

bool IsHostname(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  size_t start = 0;
  while (start <= h.size()) {
    size_t dot = h.find('.', start);
    if (dot == std::string_view::npos) dot = h.size();
    std::string_view label = h.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') return false;
    }
    start = dot + 1;
  }
  return true;
}

}  // namespace

std::optional<HostPort> ParseHostPort(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    in6_addr a6;
    if (::inet_pton(AF_INET6, std::string(host).c_str(), &a6) != 1) return std::nullopt;
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    // A bare IPv6 address is ambiguous ("::1:8080"): it must be written in brackets.
    if (host.find(':') != std::string_view::npos) return std::nullopt;
    if (AllOf(host, [](char ch) { return IsAsciiDigit(ch) || ch == '.'; })) {
      in_addr a4;
      if (::inet_pton(AF_INET, std::string(host).c_str(), &a4) != 1) return std::nullopt;
    } else if (!IsHostname(host)) {
      return std::nullopt;
    }
  }
  if (port.empty() || port.size() > 5 || !AllOf(port, IsAsciiDigit)) return std::nullopt;
  int p = 0;
  std::from_chars(port.data(), port.data() + port.size(), p);
  if (p > 65535) return std::nullopt;
  return HostPort{std::string(host), static_cast<uint16_t>(p)};
}

}  // namespace alarmgate
