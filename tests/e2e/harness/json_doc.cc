// JSON assertions through simdjson's DOM, error codes only (no exceptions).

#include "tests/e2e/harness/json_doc.h"

namespace alarmgate::e2e {

JsonDoc::JsonDoc(std::string_view text) : parser_(std::make_unique<simdjson::dom::parser>()) {
  simdjson::padded_string padded(text);
  auto err = parser_->parse(padded).get(root_);
  if (err) error_ = std::string(simdjson::error_message(err)) + " in: " + std::string(text);
}

std::optional<simdjson::dom::element> JsonDoc::At(std::string_view pointer) const {
  if (!ok()) return std::nullopt;
  simdjson::dom::element out;
  if (root_.at_pointer(pointer).get(out)) return std::nullopt;
  return out;
}

std::string JsonDoc::Type(std::string_view pointer) const {
  auto e = At(pointer);
  if (!e) return "missing";
  switch (e->type()) {
    case simdjson::dom::element_type::ARRAY:
      return "array";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::INT64:
      return "int64";
    case simdjson::dom::element_type::UINT64:
      return "uint64";
    case simdjson::dom::element_type::DOUBLE:
      return "double";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::BOOL:
      return "bool";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "missing";
}

std::optional<std::string> JsonDoc::String(std::string_view pointer) const {
  auto e = At(pointer);
  std::string_view s;
  if (!e || e->get_string().get(s)) return std::nullopt;
  return std::string(s);
}

std::optional<int64_t> JsonDoc::Int(std::string_view pointer) const {
  auto e = At(pointer);
  int64_t v;
  if (!e || e->get_int64().get(v)) return std::nullopt;
  return v;
}

std::optional<bool> JsonDoc::Bool(std::string_view pointer) const {
  auto e = At(pointer);
  bool v;
  if (!e || e->get_bool().get(v)) return std::nullopt;
  return v;
}

std::optional<size_t> JsonDoc::ArraySize(std::string_view pointer) const {
  auto e = At(pointer);
  simdjson::dom::array a;
  if (!e || e->get_array().get(a)) return std::nullopt;
  return a.size();
}

std::vector<std::string> JsonDoc::Keys(std::string_view pointer) const {
  std::vector<std::string> keys;
  auto e = At(pointer);
  simdjson::dom::object o;
  if (!e || e->get_object().get(o)) return keys;
  for (auto field : o) keys.emplace_back(field.key);
  return keys;
}

std::optional<std::string> JsonDoc::Minified(std::string_view pointer) const {
  auto e = At(pointer);
  if (!e) return std::nullopt;
  return simdjson::minify(*e);
}

}  // namespace alarmgate::e2e
