#pragma once
// Strict JSON for request bodies: simdjson's DOM (which validates the whole document) plus the
// checks simdjson leaves to us — duplicate keys, a nesting limit — with every refusal in plain
// words.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace alarmgate {

// Deepest accepted nesting of objects/arrays (contract §4.4); one level more is refused.
inline constexpr size_t kMaxJsonDepth = 64;

// One per thread: it owns simdjson's buffers and reuses them across calls.
class StrictJsonParser {
 public:
  StrictJsonParser();
  StrictJsonParser(const StrictJsonParser&) = delete;
  StrictJsonParser& operator=(const StrictJsonParser&) = delete;

  // Parses `body` in place. Only its capacity may grow (by SIMDJSON_PADDING, so simdjson needs no
  // copy); its content is unchanged. The element lives in this parser: valid until the next Parse.
  // Refusals are Status::InvalidArgument with a message fit for the client.
  Result<simdjson::dom::element> Parse(std::string& body);

 private:
  Status Explain(simdjson::error_code error, const std::string& body);
  bool HasTrailingData(const std::string& body);
  Status CheckDuplicateKeys(simdjson::dom::element element, size_t depth);

  simdjson::dom::parser parser_;
  // Scratch for the duplicate-key check: (key, position in its object), reused across objects.
  std::vector<std::pair<std::string_view, uint32_t>> keys_;
};

// The element as compact JSON text (keys in their order, strings re-escaped minimally).
std::string MinifiedJson(simdjson::dom::element element);

}  // namespace alarmgate
