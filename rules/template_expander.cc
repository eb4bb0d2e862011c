// Expands ${field} templates against an alarm and cuts the result at a code point boundary.

#include "rules/template_expander.h"

#include "core/utf8.h"
#include "rules/field_value.h"

namespace alarmgate {
namespace {

constexpr std::string_view kOpen = "${";

// Calls on_text(text) for literal runs and on_field(name) for placeholders; an unterminated
// "${" is reported through on_unterminated(offset) and the rest is passed on as text.
template <typename OnText, typename OnField, typename OnUnterminated>
void Scan(std::string_view text, OnText on_text, OnField on_field, OnUnterminated on_unterminated) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + kOpen.size());
    if (close == std::string_view::npos) {
      on_unterminated(open);
      break;
    }
    on_text(text.substr(pos, open - pos));
    on_field(text.substr(open + kOpen.size(), close - open - kOpen.size()));
    pos = close + 1;
  }
  if (pos < text.size()) on_text(text.substr(pos));
}

}  // namespace

std::string TruncateUtf8(std::string s, size_t max_chars) {
  s.resize(CutToChars(s, max_chars).size());
  return s;
}

std::string Expand(const Template& t, const Alarm& alarm, size_t max_chars) {
  std::string out;
  out.reserve(t.text.size());
  AlarmFields fields(alarm);
  Scan(
      t.text, [&](std::string_view text) { out.append(text); },
      [&](std::string_view field) {
        if (auto v = fields.Get(field)) out.append(*v);
      },
      [](size_t) {});
  return TruncateUtf8(std::move(out), max_chars);
}

std::vector<std::string> TemplateFields(const Template& t) {
  std::vector<std::string> names;
  Scan(
      t.text, [](std::string_view) {}, [&](std::string_view field) { names.emplace_back(field); },
      [](size_t) {});
  return names;
}

std::vector<std::string> TemplateProblems(const Template& t) {
  std::vector<std::string> problems;
  Scan(
      t.text, [](std::string_view) {},
      [&](std::string_view field) {
        if (!IsKnownField(field)) {
          problems.push_back("template '" + t.text + "' names unknown field '" +
                             std::string(field) + "'");
        }
      },
      [&](size_t offset) {
        problems.push_back("template '" + t.text + "' has an unterminated '${' at offset " +
                           std::to_string(offset));
      });
  return problems;
}

}  // namespace alarmgate
