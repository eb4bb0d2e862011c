#pragma once
// A parsed JSON response for assertions: values by JSON pointer ("/data/fingerprint"), each
// std::nullopt when absent or of another type, so tests can EXPECT_EQ on them directly.

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alarmgate::e2e {

class JsonDoc {
 public:
  explicit JsonDoc(std::string_view text);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // "object", "array", "string", "int64", "uint64", "double", "bool", "null", or "missing".
  std::string Type(std::string_view pointer) const;
  bool Has(std::string_view pointer) const { return Type(pointer) != "missing"; }
  bool IsNull(std::string_view pointer) const { return Type(pointer) == "null"; }
  std::optional<std::string> String(std::string_view pointer) const;
  std::optional<int64_t> Int(std::string_view pointer) const;
  std::optional<bool> Bool(std::string_view pointer) const;
  std::optional<size_t> ArraySize(std::string_view pointer) const;
  // Keys of an object, in document order; empty when not an object.
  std::vector<std::string> Keys(std::string_view pointer) const;
  // The value re-serialized minified, for comparing sub-documents.
  std::optional<std::string> Minified(std::string_view pointer) const;

 private:
  std::optional<simdjson::dom::element> At(std::string_view pointer) const;

  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::element root_;
  std::string error_;
};

}  // namespace alarmgate::e2e
