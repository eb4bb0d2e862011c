#pragma once
// Reads which alerts an Alertmanager still holds (GET /api/v2/alerts), for reconciliation
// (contract §10). Blocking: call it from a worker thread, never from an I/O thread.

#include <chrono>
#include <set>
#include <string>
#include <string_view>

#include "core/status.h"

namespace alarmgate {

// The parts of an Alertmanager base URL ("http://host[:port][/prefix]").
struct AlertmanagerUrl {
  std::string host;    // without IPv6 brackets
  std::string port;    // "80" when the URL names none
  std::string prefix;  // "" or "/prefix", never ending in '/'
};

// Only http:// is supported; anything else (https, no host, a bad port) is InvalidArgument.
Result<AlertmanagerUrl> ParseAlertmanagerUrl(std::string_view url);

// The `fingerprint` of every alert `url` + "/api/v2/alerts" lists, whatever its state (active,
// suppressed and unprocessed alerts are all still held). Resolving, connecting, sending and
// reading all fit in `timeout`. Any failure (bad URL, connect, timeout, a status other than 200,
// a body that is not an array of alerts each with a string fingerprint) is Status::Unavailable
// with a message naming the URL and the cause: the caller must then assume nothing.
Result<std::set<std::string>> FetchAlertFingerprints(const std::string& url,
                                                     std::chrono::milliseconds timeout);

// The fingerprints in an /api/v2/alerts answer body (exposed for tests); InvalidArgument when the
// body is not a JSON array of objects each with a string `fingerprint`.
Result<std::set<std::string>> ParseAlertFingerprints(std::string_view body);

}  // namespace alarmgate
