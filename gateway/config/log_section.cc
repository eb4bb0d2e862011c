// The `log:` section: two enumerations, spelled exactly as the contract lists them.

#include "gateway/config/log_section.h"

#include "core/yaml/yaml_map.h"

namespace alarmgate {

void ReadLogSection(const YamlNode& node, LogConfig* l) {
  auto f = node.Map({"level", "format"});
  if (!f) return;
  if (const YamlNode* v = f->Get("level")) {
    if (auto s = v->OneOf({"debug", "info", "warn", "error"})) {
      l->level = *s == "debug"   ? LogLevel::kDebug
                 : *s == "warn"  ? LogLevel::kWarn
                 : *s == "error" ? LogLevel::kError
                                 : LogLevel::kInfo;
    }
  }
  if (const YamlNode* v = f->Get("format")) {
    if (auto s = v->OneOf({"text", "json"})) {
      l->format = *s == "json" ? LogFormat::kJson : LogFormat::kText;
    }
  }
}

}  // namespace alarmgate
