// The `integrations:` list. An integration key is a credential: messages about it never echo
// its value, and a repeated key is named only in its redacted form.

#include "gateway/config/integrations_section.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/logger.h"
#include "core/yaml/yaml_map.h"
#include "core/ascii.h"

namespace alarmgate {
namespace {

constexpr size_t kMaxKeyChars = 255;
constexpr size_t kMaxNameChars = 64;

// An integration as read, with the values its name and key came from for the uniqueness checks
// (which run even on otherwise broken entries, so that all problems show at once).
struct ReadIntegration {
  IntegrationConfig config;
  bool ok = true;
  std::optional<YamlNode> name;
  std::optional<YamlNode> key;
};

// Lower-cased label value -> alarm level; false after a problem.
bool ReadSeverityMap(const YamlNode& node, std::map<std::string, AlarmLevel>* out) {
  auto f = node.Entries("label value to Critical|Major|Minor|Info");
  if (!f) return false;
  bool ok = true;
  for (const auto& [key, value] : f->entries()) {
    if (key.empty()) {
      value.ProblemAtKey(node.name() + " keys must be non-empty strings");
      ok = false;
      continue;
    }
    // Label values are matched case-insensitively, so they are stored lower-case.
    const std::string label = AsciiLower(key);
    std::optional<AlarmLevel> level;
    if (value.IsScalar()) level = ParseAlarmLevel(value.Scalar());
    if (!level) {
      value.Problem(node.KeyName(label) + " must be one of Critical, Major, Minor, Info" +
                    value.Got());
      ok = false;
    } else if (!out->emplace(label, *level).second) {
      value.ProblemAtKey(node.name() + " has " + Quoted(label) +
                         " more than once (keys are case-insensitive)");
      ok = false;
    }
  }
  return ok;
}

// false after a problem; an empty `reconcile:` means no reconciliation.
bool ReadReconcile(const YamlNode& node, std::optional<ReconcileConfig>* out) {
  if (node.IsNull()) return true;
  auto f = node.Map({"url", "every_s"});
  if (!f) return false;
  ReconcileConfig r;
  bool ok = true;
  if (const YamlNode* u = f->Require("url")) {
    const std::string& url = u->Scalar();
    if (url.rfind("http://", 0) == 0 && url.size() > 7 && url[7] != '/') {
      r.url = url;
    } else {
      u->Problem(u->name() + " must be an http:// URL" + u->Got());
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const YamlNode* e = f->Get("every_s")) {
    std::optional<int64_t> every = e->Int(1, YamlNode::kNoMax);
    if (every) r.every_s = *every;
    ok = ok && every.has_value();
  }
  if (ok) *out = std::move(r);
  return ok;
}

void ReadFormat(const YamlMap& f, ReadIntegration* in) {
  const YamlNode* v = f.Get("format");
  if (v == nullptr) return;
  std::optional<std::string> format = v->OneOf({"coc", "alertmanager", "pagerduty"});
  if (!format) {
    in->ok = false;
    return;
  }
  in->config.format = *format == "alertmanager" ? IntegrationFormat::kAlertmanager
                      : *format == "pagerduty"  ? IntegrationFormat::kPagerDuty
                                                : IntegrationFormat::kCoc;
}

// What an integration's key and its name may be made of.
struct Identifier {
  std::string_view key;
  size_t max_chars;
  bool (*is_char)(char);
  std::string_view rule;  // the refusal, after the name
  bool echo;              // false for the key: it is a credential
};

constexpr Identifier kKey{"key", kMaxKeyChars, IsKeyChar,
                          "must be 1..255 characters of [A-Za-z0-9_-]", false};
constexpr Identifier kName{"name", kMaxNameChars, IsNameChar,
                           "must be 1..64 characters of [A-Za-z0-9_.-]", true};

// The required `id.key` of `f` into `out`; its node into `node` for the uniqueness checks.
void ReadIdentifier(const YamlMap& f, const Identifier& id, ReadIntegration* in, std::string* out,
                    std::optional<YamlNode>* node) {
  const YamlNode* v = f.Require(id.key);
  if (v == nullptr) {
    in->ok = false;
    return;
  }
  *node = *v;
  const std::string& text = v->Scalar();
  if (!text.empty() && text.size() <= id.max_chars && AllOf(text, id.is_char)) {
    *out = text;
    return;
  }
  v->Problem(v->name() + " " + std::string(id.rule) + (id.echo ? v->Got() : std::string()));
  in->ok = false;
}

// severity_map and reconcile, which only an alertmanager integration may have.
void ReadAlertmanagerKeys(const YamlMap& f, bool format_known, ReadIntegration* in) {
  const bool alertmanager = in->config.format == IntegrationFormat::kAlertmanager;
  for (std::string_view only_am : {"severity_map", "reconcile"}) {
    const YamlNode* v = f.Get(only_am);
    if (v == nullptr || !format_known || alertmanager) continue;
    v->Problem(v->name() + " is only allowed with format alertmanager");
    in->ok = false;
  }
  if (!alertmanager) return;
  if (const YamlNode* s = f.Get("severity_map")) {
    in->ok = ReadSeverityMap(*s, &in->config.severity_map) && in->ok;
  }
  if (const YamlNode* r = f.Get("reconcile")) {
    in->ok = ReadReconcile(*r, &in->config.reconcile) && in->ok;
  }
}

ReadIntegration Read(const YamlNode& item) {
  ReadIntegration in;
  if (item.IsNull()) {
    item.Problem(item.name() + " must be a mapping with at least key and name");
    in.ok = false;
    return in;
  }
  auto f = item.Map({"key", "name", "format", "rate_limit_per_s", "enabled", "heartbeat_timeout_s",
                     "severity_map", "reconcile"});
  if (!f) {
    in.ok = false;
    return in;
  }
  // The format decides which other keys are allowed, so it is read first.
  ReadFormat(*f, &in);
  const bool format_known = in.ok;
  ReadIdentifier(*f, kKey, &in, &in.config.key, &in.key);
  ReadIdentifier(*f, kName, &in, &in.config.name, &in.name);
  IntegrationConfig& c = in.config;
  if (const YamlNode* r = f->Get("rate_limit_per_s")) {
    std::optional<double> rate = r->Number(0);
    if (rate) c.rate_limit_per_s = *rate;
    in.ok = in.ok && rate.has_value();
  }
  if (const YamlNode* e = f->Get("enabled")) {
    std::optional<bool> enabled = e->Bool();
    if (enabled) c.enabled = *enabled;
    in.ok = in.ok && enabled.has_value();
  }
  if (const YamlNode* h = f->Get("heartbeat_timeout_s")) {
    std::optional<int64_t> timeout = h->Int(0, YamlNode::kNoMax);
    if (timeout) c.heartbeat_timeout_s = *timeout;
    in.ok = in.ok && timeout.has_value();
  }
  ReadAlertmanagerKeys(*f, format_known, &in);
  return in;
}

}  // namespace

void ReadIntegrationsSection(const YamlNode& node, std::vector<IntegrationConfig>* out) {
  auto items = node.Items();
  if (!items) return;
  std::map<std::string, std::string> names;  // -> the entry that used it first
  std::map<std::string, std::string> keys;
  for (const YamlNode& item : *items) {
    ReadIntegration in = Read(item);
    const IntegrationConfig& c = in.config;
    if (!c.name.empty()) {
      auto [it, inserted] = names.emplace(c.name, item.name());
      if (!inserted) {
        in.name->Problem(in.name->name() + " " + Quoted(c.name) + " is already used by " +
                         it->second);
      }
    }
    if (!c.key.empty()) {
      auto [it, inserted] = keys.emplace(c.key, item.name());
      if (!inserted) {
        in.key->Problem(in.key->name() + " " + Quoted(Redact(c.key)) + " is already used by " +
                        it->second);
      }
    }
    if (in.ok) out->push_back(std::move(in.config));
  }
}

}  // namespace alarmgate
