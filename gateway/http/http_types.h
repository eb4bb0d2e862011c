#pragma once
// The request and response that handlers see: plain data, no sockets, no Beast types.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alarmgate {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query: "/v1/alarms/abc"
  std::string query;   // raw query string without '?': "status=alarm&limit=10"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::map<std::string, std::string> path_params;  // from the route pattern: {"fingerprint": "abc"}
  std::string body;
  std::string route;  // the matched route's name, for metrics and logs

  // First header with this (lower-case) name.
  std::optional<std::string_view> Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return std::string_view(v);
    }
    return std::nullopt;
  }
  // Percent-decoded value of the first query parameter with this name.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json;charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Retry-After, Allow)
};

// Called exactly once per request, from any thread; the session posts the write to its own strand.
using Reply = std::function<void(HttpResponse)>;
using Handler = std::function<void(HttpRequest& request, Reply reply)>;

// The error body of the HTTP edge (404, 405, 413, 431, malformed framing):
// {"error_code":"COC.00000404","error_msg":"..."}. API families build their own envelopes.
HttpResponse JsonError(int status, std::string_view error_code, std::string_view error_msg);

}  // namespace alarmgate
