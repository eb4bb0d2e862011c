// Strict JSON for request bodies: simdjson DOM parse, then the duplicate-key walk; simdjson's error
// codes are turned into messages a client can act on.

#include "sources/strict_json_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace alarmgate {
namespace {

// simdjson's own depth count differs by one depending on whether the innermost value is a scalar
// or an empty container, so it only bounds the work; CheckDuplicateKeys enforces the exact limit.
constexpr size_t kSimdjsonDepth = kMaxJsonDepth + 2;
constexpr size_t kInitialCapacity = 64 * 1024;
// Long keys are cut in messages so an error reply stays small.
constexpr size_t kMaxKeyCodePointsInMessage = 64;

constexpr std::string_view kNotJson = "request body is not valid JSON: ";

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDelimiter(char c) {
  return IsJsonSpace(c) || c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '"';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsJsonSpace(s[i])) ++i;
  return i;
}

// Index just past the string literal opening at s[i], or npos if it never closes.
size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Index just past the first JSON value of `s` by a lexical scan (brackets balanced outside
// strings), or npos. Only a hint: the caller confirms by parsing that prefix.
size_t EndOfFirstValue(std::string_view s) {
  size_t i = SkipSpace(s, 0);
  if (i == s.size()) return std::string_view::npos;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] != '{' && s[i] != '[') {
    while (i < s.size() && !IsDelimiter(s[i])) ++i;
    return i;
  }
  size_t depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      i = SkipString(s, i);
      if (i == std::string_view::npos) return i;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return i + 1;
    ++i;
  }
  return std::string_view::npos;
}

// The JSON number grammar (RFC 8259 §6): -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsNumberToken(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i == t.size() || !IsDigit(t[i])) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (i < t.size() && IsDigit(t[i])) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i == t.size() || !IsDigit(t[i])) return false;
    while (i < t.size() && IsDigit(t[i])) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == t.size() || !IsDigit(t[i])) return false;
    while (i < t.size() && IsDigit(t[i])) ++i;
  }
  return i == t.size();
}

// A well-formed number that simdjson cannot hold: an integer beyond int64/uint64 or a float
// beyond double.
bool IsOutOfRange(std::string_view t) {
  const char* first = t.data();
  const char* last = t.data() + t.size();
  if (t.find_first_of(".eE") == std::string_view::npos) {
    if (t[0] == '-') {
      int64_t v;
      return std::from_chars(first, last, v).ec == std::errc::result_out_of_range;
    }
    uint64_t v;
    return std::from_chars(first, last, v).ec == std::errc::result_out_of_range;
  }
  // strtod saturates to infinity on overflow; underflow (1e-400) is a fine 0 for simdjson too.
  std::string copy(t);
  return std::isinf(std::strtod(copy.c_str(), nullptr));
}

// simdjson says only NUMBER_ERROR; find the first bad number to tell "out of range" from
// "malformed".
Status ExplainNumberError(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      i = SkipString(s, i);
      if (i == std::string_view::npos) break;
      continue;
    }
    if (IsDelimiter(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && !IsDelimiter(s[i])) ++i;
    std::string_view word = s.substr(start, i - start);
    if (word[0] != '-' && !IsDigit(word[0])) continue;  // a literal, not a number
    if (!IsNumberToken(word)) break;
    if (IsOutOfRange(word)) return Status::InvalidArgument("number out of range");
  }
  return Status::InvalidArgument(std::string(kNotJson) + "malformed number");
}

// At most kMaxKeyCodePointsInMessage code points of a (valid UTF-8) key, cut on a character
// boundary.
std::string_view KeyForMessage(std::string_view key) {
  size_t code_points = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    if ((static_cast<unsigned char>(key[i]) & 0xC0) != 0x80 &&
        ++code_points > kMaxKeyCodePointsInMessage) {
      return key.substr(0, i);
    }
  }
  return key;
}

}  // namespace

StrictJsonParser::StrictJsonParser() {
  // A failure here is retried by Parse, which also restores the depth limit.
  simdjson::error_code ignored = parser_.allocate(kInitialCapacity, kSimdjsonDepth);
  (void)ignored;
}

Result<simdjson::dom::element> StrictJsonParser::Parse(std::string& body) {
  if (body.empty()) return Status::InvalidArgument("request body is empty");
  if (body.capacity() - body.size() < simdjson::SIMDJSON_PADDING) {
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  }
  if (parser_.max_depth() != kSimdjsonDepth) {
    // Growing the capacity keeps the depth; only a failed first allocation gets us here.
    auto error = parser_.allocate(std::max(body.size(), kInitialCapacity), kSimdjsonDepth);
    if (error) return Status::ResourceExhausted("out of memory while parsing JSON");
  }
  simdjson::dom::element root;
  auto error =
      parser_.parse(simdjson::padded_string_view(body.data(), body.size(), body.capacity()))
          .get(root);
  if (error) return Explain(error, body);
  RETURN_IF_ERROR(CheckDuplicateKeys(root, 0));
  return root;
}

Status StrictJsonParser::Explain(simdjson::error_code error, const std::string& body) {
  std::string not_json(kNotJson);
  switch (error) {
    case simdjson::EMPTY:
      return Status::InvalidArgument("request body is empty");
    case simdjson::DEPTH_ERROR:
      return Status::InvalidArgument("JSON nesting deeper than 64 levels");
    case simdjson::UTF8_ERROR:
      return Status::InvalidArgument("request body is not valid UTF-8");
    case simdjson::NUMBER_ERROR:
      return ExplainNumberError(body);
    case simdjson::TAPE_ERROR:
      // simdjson reports trailing content as a structure error; tell it apart for the client.
      if (HasTrailingData(body))
        return Status::InvalidArgument("trailing data after the JSON value");
      return Status::InvalidArgument(
          not_json + "improper structure (a missing or extra comma, colon, brace, bracket or key)");
    case simdjson::STRING_ERROR:
      return Status::InvalidArgument(not_json + "invalid escape sequence in a string");
    case simdjson::UNESCAPED_CHARS:
      return Status::InvalidArgument(not_json + "unescaped control character in a string");
    case simdjson::UNCLOSED_STRING:
      return Status::InvalidArgument(not_json + "unterminated string");
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return Status::InvalidArgument(not_json + "unknown literal (expected true, false or null)");
    case simdjson::CAPACITY:
      return Status::InvalidArgument("request body is too large to parse");
    case simdjson::MEMALLOC:
      return Status::ResourceExhausted("out of memory while parsing JSON");
    default:
      return Status::InvalidArgument(not_json + simdjson::error_message(error));
  }
}

bool StrictJsonParser::HasTrailingData(const std::string& body) {
  size_t end = EndOfFirstValue(body);
  if (end == std::string_view::npos || SkipSpace(body, end) == body.size()) return false;
  // Trailing only if what precedes it is a whole valid value. Parse guaranteed the padding.
  simdjson::dom::element ignored;
  return !parser_.parse(simdjson::padded_string_view(body.data(), end, body.capacity()))
              .get(ignored);
}

Status StrictJsonParser::CheckDuplicateKeys(simdjson::dom::element element, size_t depth) {
  // `depth` counts the containers around this one: the 65th nested container is refused.
  if (depth >= kMaxJsonDepth) return Status::InvalidArgument("JSON nesting deeper than 64 levels");
  // get_array/get_object with error codes: the conversion operators would throw.
  simdjson::dom::array array;
  if (!element.get_array().get(array)) {
    for (simdjson::dom::element child : array) {
      if (child.is_array() || child.is_object())
        RETURN_IF_ERROR(CheckDuplicateKeys(child, depth + 1));
    }
    return Status::Ok();
  }
  simdjson::dom::object object;
  if (element.get_object().get(object)) return Status::Ok();  // a scalar

  keys_.clear();
  uint32_t position = 0;
  for (simdjson::dom::key_value_pair field : object) keys_.emplace_back(field.key, position++);
  if (keys_.size() > 1) {
    std::sort(keys_.begin(), keys_.end());
    // Report the first key, in document order, that repeats an earlier one.
    const std::pair<std::string_view, uint32_t>* repeat = nullptr;
    for (size_t i = 1; i < keys_.size(); ++i) {
      if (keys_[i].first == keys_[i - 1].first && (!repeat || keys_[i].second < repeat->second)) {
        repeat = &keys_[i];
      }
    }
    if (repeat) {
      return Status::InvalidArgument("duplicate key \"" +
                                     std::string(KeyForMessage(repeat->first)) + "\"");
    }
  }
  for (simdjson::dom::key_value_pair field : object) {
    if (field.value.is_array() || field.value.is_object()) {
      RETURN_IF_ERROR(CheckDuplicateKeys(field.value, depth + 1));
    }
  }
  return Status::Ok();
}

std::string MinifiedJson(simdjson::dom::element element) { return simdjson::minify(element); }

}  // namespace alarmgate
