// LoadSilence: one set of checks for file and API silences, so the two can never accept
// different things.

#include "rules/silence_loader.h"

#include <string>

#include "core/iso8601.h"
#include "core/yaml/yaml_map.h"
#include "rules/condition_loader.h"

namespace alarmgate {
namespace {

std::optional<int64_t> LoadTime(const YamlNode& node) {
  if (node.IsScalar()) {
    if (auto ms = ParseIso8601Ms(node.Scalar())) return ms;
  }
  node.Problem(node.name() + " must be an RFC 3339 time like " + Quoted("2026-11-22T00:00:00Z") +
               node.Got());
  return std::nullopt;
}

void LoadMatchers(const YamlNode& node, Silence* silence) {
  silence->matchers = LoadConditions(node);
  if (node.IsNull() || (node.IsMap() && node.size() == 0)) {
    // A silence with no matchers would silence every alarm: surely a mistake.
    node.Problem("silence matchers must not be empty");
  }
}

// The checks that need the whole silence: what is missing, and the order of the two times.
void CheckWhole(const YamlNode& node, const YamlMap& f, std::optional<int64_t> api_now_ms,
                std::optional<int64_t>* starts_at, std::optional<int64_t> ends_at,
                const Silence& silence) {
  const YamlNode* end = f.Get("ends_at");
  if (api_now_ms) {
    // As Alertmanager: who silenced what, and why, is always on record.
    if (silence.creator.empty()) node.Problem("a silence needs creator");
    if (silence.comment.empty()) node.Problem("a silence needs comment");
    if (!f.Has("starts_at")) *starts_at = *api_now_ms;
    if (ends_at && *ends_at <= *api_now_ms) end->Problem("ends_at must be in the future");
  }
  if (!f.Has("matchers")) node.Problem("a silence needs matchers");
  if (!api_now_ms && !f.Has("starts_at")) node.Problem("a silence needs starts_at");
  if (end == nullptr) node.Problem("a silence needs ends_at");
  if (*starts_at && ends_at && *ends_at <= **starts_at) {
    end->Problem("ends_at must be after starts_at");
  }
}

}  // namespace

std::optional<Silence> LoadSilence(const YamlNode& node, std::optional<int64_t> api_now_ms) {
  if (!node.IsMap()) {
    node.Problem(node.name() + " must be a mapping" + node.Got());
    return std::nullopt;
  }
  auto f = api_now_ms ? node.Map({"matchers", "starts_at", "ends_at", "comment", "creator"})
                      : node.Map({"matchers", "starts_at", "ends_at", "comment"});
  Silence silence;
  if (!api_now_ms) {
    silence.id = "file:" + node.file() + ":" + std::to_string(node.line());
    silence.creator = "rules-file";
    silence.from_file = true;
  }
  std::optional<int64_t> starts_at, ends_at;
  for (const auto& [key, value] : f->entries()) {
    if (key == "matchers") {
      LoadMatchers(value, &silence);
    } else if (key == "starts_at") {
      starts_at = LoadTime(value);
    } else if (key == "ends_at") {
      ends_at = LoadTime(value);
    } else if (key == "comment") {
      if (auto s = value.String()) silence.comment = *s;
    } else if (key == "creator") {
      if (auto s = value.String()) silence.creator = *s;
    }
  }
  CheckWhole(node, *f, api_now_ms, &starts_at, ends_at, silence);
  silence.starts_at_ms = starts_at.value_or(0);
  silence.ends_at_ms = ends_at.value_or(0);
  return silence;
}

}  // namespace alarmgate
