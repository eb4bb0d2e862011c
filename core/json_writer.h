#pragma once
// Builds JSON text with correct string escaping. Callers pair Begin/End themselves; the writer
// only inserts commas. Strings are expected to be valid UTF-8 (every input is validated first).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alarmgate {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialized JSON (e.g. a stored event body) as one value.
  JsonWriter& Raw(std::string_view json);

  // Sizes the output for `bytes` in one allocation, where the caller knows roughly how much comes.
  JsonWriter& Reserve(size_t bytes) {
    out_.reserve(bytes);
    return *this;
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

  static void AppendEscaped(std::string& out, std::string_view s);

 private:
  void BeforeValue();

  std::string out_;
  // One entry per open container: true once it holds an element (a comma is due).
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace alarmgate
