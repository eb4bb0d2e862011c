#pragma once
// Reads list-API query parameters (limit, marker, enum filters) and collects every problem, so a
// request with several bad parameters hears about all of them at once.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "gateway/http/http_types.h"

namespace alarmgate {

class QueryReader {
 public:
  explicit QueryReader(const HttpRequest& request) : request_(request) {}

  // `limit`: 1..max_limit, default when absent.
  size_t Limit(size_t default_limit, size_t max_limit);
  // A non-empty string parameter, or nullopt when absent or empty.
  std::optional<std::string> String(std::string_view name) const;
  // An enum parameter parsed by `parse`; `allowed` lists the values for the message.
  template <typename Parse>
  auto Enum(std::string_view name, Parse parse, std::string_view allowed)
      -> decltype(parse(std::string_view())) {
    auto raw = String(name);
    if (!raw) return std::nullopt;
    auto value = parse(*raw);
    if (!value) AddProblem(std::string(name) + " must be one of " + std::string(allowed));
    return value;
  }

  // Ok, or InvalidArgument with every problem joined by " | ".
  Status status() const;

 private:
  void AddProblem(std::string problem);

  const HttpRequest& request_;
  std::string problems_;
};

}  // namespace alarmgate
