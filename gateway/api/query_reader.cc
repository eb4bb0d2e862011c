#include "gateway/api/query_reader.h"

#include <charconv>

namespace alarmgate {

void QueryReader::AddProblem(std::string problem) {
  if (!problems_.empty()) problems_ += " | ";
  problems_ += problem;
}

size_t QueryReader::Limit(size_t default_limit, size_t max_limit) {
  auto raw = request_.QueryParam("limit");
  if (!raw) return default_limit;
  size_t n = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), n);
  if (ec != std::errc() || ptr != raw->data() + raw->size() || n < 1 || n > max_limit) {
    AddProblem("limit must be an integer between 1 and " + std::to_string(max_limit));
    return default_limit;
  }
  return n;
}

std::optional<std::string> QueryReader::String(std::string_view name) const {
  auto raw = request_.QueryParam(name);
  if (!raw || raw->empty()) return std::nullopt;
  return raw;
}

Status QueryReader::status() const {
  return problems_.empty() ? Status::Ok() : Status::InvalidArgument(problems_);
}

}  // namespace alarmgate
