#pragma once
// Maps (method, path) to a handler. Patterns are literal segments and `{name}` segments; a literal
// segment wins over a parameter when both match. Built once at startup, then only read.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/http/http_types.h"

namespace alarmgate {

struct RouteOptions {
  // Overrides the server's body limit for this route (e.g. 512 KiB for /v2/enqueue).
  std::optional<uint64_t> body_limit_bytes;
};

struct RouteMatch {
  enum class Kind { kMatched, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  // Set when kMatched; point into the Router, which outlives every request.
  const Handler* handler = nullptr;
  std::string_view route_name;
  RouteOptions options;
  std::map<std::string, std::string> params;  // percent-decoded
  // Set when kMethodNotAllowed: every method the path accepts, sorted, for the Allow header.
  std::vector<std::string> allowed_methods;
};

// A route handler that calls `method` on `object`; `object` must outlive the router.
template <typename T>
Handler BindHandler(T* object, void (T::*method)(HttpRequest&, Reply)) {
  return [object, method](HttpRequest& request, Reply reply) {
    (object->*method)(request, std::move(reply));
  };
}

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a route that duplicates another
  // (same method, same shape): both are programming errors found at startup.
  void Add(std::string method, std::string pattern, std::string route_name, Handler handler,
           RouteOptions options = {});

  // `path` is the raw request path (no query); segments are percent-decoded before comparing.
  // HEAD is not implicitly GET.
  RouteMatch Match(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::string name;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
  };

  std::vector<Route> routes_;
};

}  // namespace alarmgate
