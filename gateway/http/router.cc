// Route table: a linear scan over pre-split patterns. A few dozen routes make a trie unnecessary.
#include "gateway/http/router.h"

#include <algorithm>
#include <stdexcept>

#include "gateway/http/url_decode.h"

namespace alarmgate {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}. Empty segments are kept so "/a/" never matches "/a".
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    if (slash == std::string_view::npos) {
      out.push_back(path);
      break;
    }
    out.push_back(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, std::string route_name, Handler handler,
                 RouteOptions options) {
  if (method.empty()) throw std::invalid_argument("route " + route_name + ": empty method");
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  Route route;
  for (std::string_view part : SplitPath(pattern)) {
    Segment seg;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      seg.is_param = true;
      seg.text = std::string(part.substr(1, part.size() - 2));
      if (seg.text.empty() || seg.text.find_first_of("{}") != std::string::npos) {
        throw std::invalid_argument("bad parameter in route pattern: " + pattern);
      }
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("bad segment in route pattern: " + pattern);
      }
      seg.text = std::string(part);
    }
    route.segments.push_back(std::move(seg));
  }
  for (const Route& other : routes_) {
    if (other.method != method || other.segments.size() != route.segments.size()) continue;
    bool same_shape = true;
    for (size_t i = 0; i < route.segments.size() && same_shape; ++i) {
      const Segment& a = other.segments[i];
      const Segment& b = route.segments[i];
      same_shape = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same_shape) {
      throw std::invalid_argument("duplicate route " + method + " " + pattern + " (already " +
                                  other.pattern + ")");
    }
  }
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.name = std::move(route_name);
  route.handler = std::move(handler);
  route.options = options;
  routes_.push_back(std::move(route));
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string_view> raw = SplitPath(path);
  std::vector<std::string> parts;
  parts.reserve(raw.size());
  for (std::string_view p : raw) parts.push_back(PercentDecode(p, /*plus_as_space=*/false));

  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      const Segment& seg = route.segments[i];
      match = seg.is_param ? !parts[i].empty() : seg.text == parts[i];
    }
    if (!match) continue;
    if (route.method != method) {
      result.allowed_methods.push_back(route.method);
      continue;
    }
    if (best == nullptr) {
      best = &route;
      continue;
    }
    // The first segment where the two differ decides: a literal beats a parameter.
    for (size_t i = 0; i < parts.size(); ++i) {
      bool lit_new = !route.segments[i].is_param;
      bool lit_best = !best->segments[i].is_param;
      if (lit_new != lit_best) {
        if (lit_new) best = &route;
        break;
      }
    }
  }

  if (best != nullptr) {
    result.kind = RouteMatch::Kind::kMatched;
    result.handler = &best->handler;
    result.route_name = best->name;
    result.options = best->options;
    result.allowed_methods.clear();
    for (size_t i = 0; i < parts.size(); ++i) {
      if (best->segments[i].is_param) result.params[best->segments[i].text] = std::move(parts[i]);
    }
    return result;
  }
  if (!result.allowed_methods.empty()) {
    std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
    result.allowed_methods.erase(
        std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
        result.allowed_methods.end());
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
  }
  return result;
}

}  // namespace alarmgate
