// Reads alarmgate.yaml (CONTRACT §2) into a Config, collecting every problem with its file and
// line; also expands rules_files/inventory_files and checks that each named file is valid YAML.

#include "gateway/config/config_loader.h"

#include <arpa/inet.h>
#include <glob.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "core/logger.h"
#include "core/near_miss.h"

namespace alarmgate {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// A YAML value and the line to blame for it. yaml-cpp marks an empty (null) value at the next
// token, often on the following line, so for those the key's line is used instead.
struct Val {
  YAML::Node node;
  int line = 0;      // where the value is (its key's line when the value is empty)
  int key_line = 0;  // where its key is: blamed for "x.y is required" inside the value
};

int LineOf(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return m.is_null() || m.line < 0 ? 0 : m.line + 1;
}

// The known keys of one mapping, in file order; unknown and duplicate keys were already reported.
class Fields {
 public:
  void Add(std::string key, Val v) { entries_.emplace_back(std::move(key), std::move(v)); }
  const Val* Get(std::string_view key) const {
    for (const auto& [k, v] : entries_) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  const std::vector<std::pair<std::string, Val>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, Val>> entries_;
};

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool IsPlain(const YAML::Node& n) { return n.Tag() == "?"; }

// What a value looked like, for messages about non-secret values.
std::string Got(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar: {
      std::string s = n.Scalar();
      if (s.size() > 64) s = s.substr(0, 64) + "...";
      return " (got '" + s + "')";
    }
    case YAML::NodeType::Sequence:
      return " (got a list)";
    case YAML::NodeType::Map:
      return " (got a mapping)";
    default:
      return " (got nothing)";
  }
}

std::string ToLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool AllOf(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }
bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsKeyChar(char c) { return IsAlnum(c) || c == '_' || c == '-'; }
bool IsNameChar(char c) { return IsKeyChar(c) || c == '.'; }
bool IsHexChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHostname(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  size_t start = 0;
  while (start <= h.size()) {
    size_t dot = h.find('.', start);
    if (dot == std::string_view::npos) dot = h.size();
    std::string_view label = h.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    start = dot + 1;
  }
  return true;
}

bool HasGlobChars(std::string_view p) { return p.find_first_of("*?[") != std::string_view::npos; }

// Collects problems for one file and offers the typed readers used by every section.
class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void Add(int line, std::string message) {
    problems_.push_back({file_, line, std::move(message)});
  }
  void AddFor(const std::string& file, int line, std::string message) {
    problems_.push_back({file, line, std::move(message)});
  }
  std::vector<ConfigProblem>& problems() { return problems_; }

  // A mapping whose keys must be among `allowed`. A null value counts as an empty mapping (so
  // `server:` with nothing under it means "all defaults"). nullopt when it is not a mapping.
  std::optional<Fields> Map(const Val& v, const std::string& path,
                            std::initializer_list<std::string_view> allowed) {
    Fields fields;
    if (v.node.IsNull()) return fields;
    if (!v.node.IsMap()) {
      Add(v.line, (path.empty() ? std::string("the configuration") : path) + " must be a mapping" +
                      Got(v.node));
      return std::nullopt;
    }
    std::set<std::string> seen;
    for (const auto& kv : v.node) {
      const YAML::Node& key = kv.first;
      const int key_line = LineOf(key);
      if (!key.IsScalar()) {
        Add(key_line, "keys under " + (path.empty() ? std::string("the top level") : path) +
                          " must be plain strings");
        continue;
      }
      const std::string& name = key.Scalar();
      const std::string full = Join(path, name);
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::string msg = "unknown key '" + full + "'";
        const std::string_view best = NearMiss(name, allowed);
        if (!best.empty()) msg += " (did you mean '" + Join(path, best) + "'?)";
        Add(key_line, std::move(msg));
        continue;
      }
      if (!seen.insert(name).second) {
        Add(key_line, "duplicate key '" + full + "'");
        continue;
      }
      const YAML::Node& value = kv.second;
      fields.Add(name, {value, value.IsNull() ? key_line : LineOf(value), key_line});
    }
    return fields;
  }

  // A list; null counts as empty. nullopt (after a problem) when it is something else.
  std::optional<std::vector<Val>> Seq(const Val& v, const std::string& path) {
    std::vector<Val> out;
    if (v.node.IsNull()) return out;
    if (!v.node.IsSequence()) {
      Add(v.line, path + " must be a list" + Got(v.node));
      return std::nullopt;
    }
    for (const auto& e : v.node) {
      // An empty item is marked at the next token: the line before it is where its "-" was.
      const int line = e.IsNull() ? std::max(v.line, LineOf(e) - 1) : LineOf(e);
      out.push_back({e, line, line});
    }
    return out;
  }

  // An integer scalar (unquoted: "4" in quotes is a string) within [min, max].
  bool Int(const Val& v, const std::string& path, int64_t min, int64_t max, int64_t* out) {
    int64_t n = 0;
    if (v.node.IsScalar() && (IsPlain(v.node) || v.node.Tag() == "tag:yaml.org,2002:int")) {
      std::string_view s = v.node.Scalar();
      if (!s.empty() && s.front() == '+') s.remove_prefix(1);
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (!s.empty() && ec == std::errc() && ptr == s.data() + s.size() && n >= min && n <= max) {
        *out = n;
        return true;
      }
    }
    std::string rule;
    if (max == kInt64Max && min == 1) {
      rule = "a positive integer";
    } else if (max == kInt64Max) {
      rule = "an integer >= " + std::to_string(min);
    } else {
      rule = "an integer between " + std::to_string(min) + " and " + std::to_string(max);
    }
    Add(v.line, path + " must be " + rule + Got(v.node));
    return false;
  }

  // A finite number >= 0 (integer or decimal, unquoted).
  bool NonNegativeNumber(const Val& v, const std::string& path, double* out) {
    if (v.node.IsScalar() && (IsPlain(v.node) || v.node.Tag() == "tag:yaml.org,2002:float" ||
                              v.node.Tag() == "tag:yaml.org,2002:int")) {
      const std::string& s = v.node.Scalar();
      double d = 0;
      const char* begin = s.data() + (!s.empty() && s.front() == '+' ? 1 : 0);
      const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), d);
      if (!s.empty() && ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(d) &&
          d >= 0) {
        *out = d;
        return true;
      }
    }
    Add(v.line, path + " must be a number >= 0" + Got(v.node));
    return false;
  }

  // YAML 1.2 booleans only: yes/no/on/off are not accepted, to avoid the "Norway problem".
  bool Bool(const Val& v, const std::string& path, bool* out) {
    if (v.node.IsScalar() && (IsPlain(v.node) || v.node.Tag() == "tag:yaml.org,2002:bool")) {
      const std::string& s = v.node.Scalar();
      if (s == "true" || s == "True" || s == "TRUE") {
        *out = true;
        return true;
      }
      if (s == "false" || s == "False" || s == "FALSE") {
        *out = false;
        return true;
      }
    }
    Add(v.line, path + " must be true or false" + Got(v.node));
    return false;
  }

  // Any scalar, as written. `echo` = false for values that may be secrets.
  bool String(const Val& v, const std::string& path, bool non_empty, std::string* out,
              bool echo = true) {
    if (v.node.IsScalar() && !(non_empty && v.node.Scalar().empty())) {
      *out = v.node.Scalar();
      return true;
    }
    Add(v.line, path + (non_empty ? " must be a non-empty string" : " must be a string") +
                    (echo || !v.node.IsScalar() ? Got(v.node) : std::string()));
    return false;
  }

  // One of `choices`, exactly as spelled there.
  bool Enum(const Val& v, const std::string& path, std::initializer_list<std::string_view> choices,
            std::string* out) {
    if (v.node.IsScalar()) {
      for (std::string_view c : choices) {
        if (v.node.Scalar() == c) {
          *out = std::string(c);
          return true;
        }
      }
    }
    std::string list;
    for (std::string_view c : choices) {
      if (!list.empty()) list += ", ";
      list += c;
    }
    Add(v.line, path + " must be one of " + list + Got(v.node));
    return false;
  }

 private:
  std::string file_;
  std::vector<ConfigProblem> problems_;
};

void ParseServer(Checker& c, const Val& v, ServerConfig* s) {
  auto f = c.Map(v, "server",
                 {"listen", "threads", "body_limit_bytes", "header_limit_bytes", "read_timeout_ms",
                  "idle_timeout_ms", "max_connections", "shutdown_grace_ms"});
  if (!f) return;
  for (const auto& [key, val] : f->entries()) {
    const std::string path = Join("server", key);
    int64_t n = 0;
    if (key == "listen") {
      std::optional<ListenAddress> addr;
      if (val.node.IsScalar()) addr = ConfigLoader::ParseListenAddress(val.node.Scalar());
      if (addr) {
        s->listen_host = addr->host;
        s->listen_port = addr->port;
      } else {
        c.Add(val.line, path + " must be HOST:PORT with a port 0..65535 (IPv6 as [::1]:8080)" +
                            Got(val.node));
      }
    } else if (key == "threads") {
      if (c.Int(val, path, 0, 1024, &n)) s->threads = static_cast<int>(n);
    } else if (key == "body_limit_bytes") {
      if (c.Int(val, path, 1, kInt64Max, &n)) s->body_limit_bytes = static_cast<uint64_t>(n);
    } else if (key == "header_limit_bytes") {
      if (c.Int(val, path, 1, kInt64Max, &n)) s->header_limit_bytes = static_cast<uint64_t>(n);
    } else if (key == "read_timeout_ms") {
      if (c.Int(val, path, 1, kInt64Max, &n)) s->read_timeout_ms = n;
    } else if (key == "idle_timeout_ms") {
      if (c.Int(val, path, 1, kInt64Max, &n)) s->idle_timeout_ms = n;
    } else if (key == "max_connections") {
      if (c.Int(val, path, 1, kInt64Max, &n)) s->max_connections = n;
    } else if (key == "shutdown_grace_ms") {
      if (c.Int(val, path, 0, kInt64Max, &n)) s->shutdown_grace_ms = n;
    }
  }
}

void ParseStorage(Checker& c, const Val& v, StorageConfig* s) {
  auto f = c.Map(v, "storage", {"data_dir", "durability", "retention_days"});
  if (!f) return;
  for (const auto& [key, val] : f->entries()) {
    const std::string path = Join("storage", key);
    if (key == "data_dir") {
      c.String(val, path, /*non_empty=*/true, &s->data_dir);
    } else if (key == "durability") {
      std::string d;
      if (c.Enum(val, path, {"process", "machine"}, &d)) {
        s->durability = d == "machine" ? Durability::kMachine : Durability::kProcess;
      }
    } else if (key == "retention_days") {
      c.Int(val, path, 1, kInt64Max, &s->retention_days);
    }
  }
}

void ParseAuth(Checker& c, const Val& v, std::vector<AuthToken>* tokens) {
  auto f = c.Map(v, "auth", {"tokens"});
  if (!f) return;
  const Val* tv = f->Get("tokens");
  if (tv == nullptr) return;
  auto items = c.Seq(*tv, "auth.tokens");
  if (!items) return;
  std::map<std::string, size_t> names;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = Index("auth.tokens", i);
    const Val& item = (*items)[i];
    if (item.node.IsNull()) {
      c.Add(item.line, path + " must be a mapping with name and sha256");
      continue;
    }
    auto tf = c.Map(item, path, {"name", "sha256"});
    if (!tf) continue;
    AuthToken t;
    bool ok = true;
    if (const Val* n = tf->Get("name")) {
      if (c.String(*n, path + ".name", true, &t.name)) {
        auto [it, inserted] = names.emplace(t.name, i);
        if (!inserted) {
          c.Add(n->line, path + ".name '" + t.name + "' is already used by " +
                             Index("auth.tokens", it->second));
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      c.Add(item.line, path + ".name is required");
      ok = false;
    }
    if (const Val* h = tf->Get("sha256")) {
      if (h->node.IsScalar() && h->node.Scalar().size() == 64 &&
          AllOf(h->node.Scalar(), IsHexChar)) {
        t.sha256 = ToLower(h->node.Scalar());
      } else {
        c.Add(h->line,
              path + ".sha256 must be 64 hexadecimal characters (the SHA-256 of the token)");
        ok = false;
      }
    } else {
      c.Add(item.line, path + ".sha256 is required");
      ok = false;
    }
    if (ok) tokens->push_back(std::move(t));
  }
}

void ParseSeverityMap(Checker& c, const Val& v, const std::string& path,
                      std::map<std::string, AlarmLevel>* out) {
  if (v.node.IsNull()) return;
  if (!v.node.IsMap()) {
    c.Add(v.line,
          path + " must be a mapping of label value to Critical|Major|Minor|Info" + Got(v.node));
    return;
  }
  for (const auto& kv : v.node) {
    const int key_line = LineOf(kv.first);
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      c.Add(key_line, path + " keys must be non-empty strings");
      continue;
    }
    // Label values are matched case-insensitively, so store them lower-case.
    const std::string label = ToLower(kv.first.Scalar());
    const std::string entry = path + "." + label;
    const Val value{kv.second, kv.second.IsNull() ? key_line : LineOf(kv.second), key_line};
    std::optional<AlarmLevel> level;
    if (value.node.IsScalar()) level = ParseAlarmLevel(value.node.Scalar());
    if (!level) {
      c.Add(value.line, entry + " must be one of Critical, Major, Minor, Info" + Got(value.node));
      continue;
    }
    if (!out->emplace(label, *level).second) {
      c.Add(key_line, path + " has '" + label + "' more than once (keys are case-insensitive)");
    }
  }
}

void ParseReconcile(Checker& c, const Val& v, const std::string& path,
                    std::optional<ReconcileConfig>* out) {
  if (v.node.IsNull()) return;  // `reconcile:` with nothing = no reconciliation
  auto f = c.Map(v, path, {"url", "every_s"});
  if (!f) return;
  ReconcileConfig r;
  bool ok = true;
  if (const Val* u = f->Get("url")) {
    const bool valid = u->node.IsScalar() && u->node.Scalar().rfind("http://", 0) == 0 &&
                       u->node.Scalar().size() > 7 && u->node.Scalar()[7] != '/';
    if (valid) {
      r.url = u->node.Scalar();
    } else {
      c.Add(u->line, path + ".url must be an http:// URL" + Got(u->node));
      ok = false;
    }
  } else {
    c.Add(v.key_line, path + ".url is required");
    ok = false;
  }
  if (const Val* e = f->Get("every_s")) {
    ok = c.Int(*e, path + ".every_s", 1, kInt64Max, &r.every_s) && ok;
  }
  if (ok) *out = std::move(r);
}

// Where a parsed integration's name and key were written, for the uniqueness checks.
struct IntegrationLines {
  int name_line = 0;
  int key_line = 0;
};

bool ParseIntegration(Checker& c, const Val& item, const std::string& path, IntegrationConfig* out,
                      IntegrationLines* lines) {
  if (item.node.IsNull()) {
    c.Add(item.line, path + " must be a mapping with at least key and name");
    return false;
  }
  auto f = c.Map(item, path,
                 {"key", "name", "format", "rate_limit_per_s", "enabled", "heartbeat_timeout_s",
                  "severity_map", "reconcile"});
  if (!f) return false;
  bool ok = true;
  // The format decides which other keys are allowed, so it is read first.
  bool format_known = true;
  if (const Val* fv = f->Get("format")) {
    std::string fmt;
    if (c.Enum(*fv, path + ".format", {"coc", "alertmanager", "pagerduty"}, &fmt)) {
      out->format = fmt == "alertmanager" ? IntegrationFormat::kAlertmanager
                    : fmt == "pagerduty"  ? IntegrationFormat::kPagerDuty
                                          : IntegrationFormat::kCoc;
    } else {
      ok = format_known = false;
    }
  }
  if (const Val* k = f->Get("key")) {
    lines->key_line = k->line;
    const bool valid = k->node.IsScalar() && !k->node.Scalar().empty() &&
                       k->node.Scalar().size() <= 255 && AllOf(k->node.Scalar(), IsKeyChar);
    if (valid) {
      out->key = k->node.Scalar();
    } else {
      // Never echo the value: it is a credential.
      c.Add(k->line, path + ".key must be 1..255 characters of [A-Za-z0-9_-]");
      ok = false;
    }
  } else {
    c.Add(item.line, path + ".key is required");
    ok = false;
  }
  if (const Val* n = f->Get("name")) {
    lines->name_line = n->line;
    const bool valid = n->node.IsScalar() && !n->node.Scalar().empty() &&
                       n->node.Scalar().size() <= 64 && AllOf(n->node.Scalar(), IsNameChar);
    if (valid) {
      out->name = n->node.Scalar();
    } else {
      c.Add(n->line, path + ".name must be 1..64 characters of [A-Za-z0-9_.-]" + Got(n->node));
      ok = false;
    }
  } else {
    c.Add(item.line, path + ".name is required");
    ok = false;
  }
  if (const Val* r = f->Get("rate_limit_per_s")) {
    ok = c.NonNegativeNumber(*r, path + ".rate_limit_per_s", &out->rate_limit_per_s) && ok;
  }
  if (const Val* e = f->Get("enabled")) {
    ok = c.Bool(*e, path + ".enabled", &out->enabled) && ok;
  }
  if (const Val* h = f->Get("heartbeat_timeout_s")) {
    ok = c.Int(*h, path + ".heartbeat_timeout_s", 0, kInt64Max, &out->heartbeat_timeout_s) && ok;
  }
  const bool alertmanager = out->format == IntegrationFormat::kAlertmanager;
  for (std::string_view only_am : {"severity_map", "reconcile"}) {
    const Val* v = f->Get(only_am);
    if (v == nullptr || !format_known || alertmanager) continue;
    c.Add(v->line, path + "." + std::string(only_am) + " is only allowed with format alertmanager");
    ok = false;
  }
  if (alertmanager) {
    const size_t before = c.problems().size();
    if (const Val* s = f->Get("severity_map")) {
      ParseSeverityMap(c, *s, path + ".severity_map", &out->severity_map);
    }
    if (const Val* r = f->Get("reconcile"))
      ParseReconcile(c, *r, path + ".reconcile", &out->reconcile);
    ok = ok && c.problems().size() == before;
  }
  return ok;
}

void ParseIntegrations(Checker& c, const Val& v, std::vector<IntegrationConfig>* out) {
  auto items = c.Seq(v, "integrations");
  if (!items) return;
  std::map<std::string, size_t> names;
  std::map<std::string, size_t> keys;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = Index("integrations", i);
    IntegrationConfig ic;
    IntegrationLines lines;
    const bool ok = ParseIntegration(c, (*items)[i], path, &ic, &lines);
    // Uniqueness is checked even for otherwise broken entries, so all problems show at once.
    if (!ic.name.empty()) {
      auto [it, inserted] = names.emplace(ic.name, i);
      if (!inserted) {
        c.Add(lines.name_line, path + ".name '" + ic.name + "' is already used by " +
                                   Index("integrations", it->second));
      }
    }
    if (!ic.key.empty()) {
      auto [it, inserted] = keys.emplace(ic.key, i);
      if (!inserted) {
        c.Add(lines.key_line, path + ".key '" + Redact(ic.key) + "' is already used by " +
                                  Index("integrations", it->second));
      }
    }
    if (ok) out->push_back(std::move(ic));
  }
}

void ParseExecutor(Checker& c, const Val& v, ExecutorConfig* e) {
  auto f = c.Map(v, "executor",
                 {"max_parallel_instances", "auto_remediation", "max_runs_per_hour_per_resource",
                  "work_dir", "ssh"});
  if (!f) return;
  for (const auto& [key, val] : f->entries()) {
    const std::string path = Join("executor", key);
    if (key == "max_parallel_instances") {
      c.Int(val, path, 1, kInt64Max, &e->max_parallel_instances);
    } else if (key == "auto_remediation") {
      c.Bool(val, path, &e->auto_remediation);
    } else if (key == "max_runs_per_hour_per_resource") {
      c.Int(val, path, 0, kInt64Max, &e->max_runs_per_hour_per_resource);
    } else if (key == "work_dir") {
      c.String(val, path, /*non_empty=*/true, &e->work_dir);
    } else if (key == "ssh") {
      auto sf = c.Map(val, path, {"binary", "options"});
      if (!sf) continue;
      if (const Val* b = sf->Get("binary")) c.String(*b, path + ".binary", true, &e->ssh.binary);
      if (const Val* o = sf->Get("options")) {
        auto opts = c.Seq(*o, path + ".options");
        if (!opts) continue;
        std::vector<std::string> parsed;
        bool ok = true;
        for (size_t i = 0; i < opts->size(); ++i) {
          std::string s;
          if (c.String((*opts)[i], Index(path + ".options", i), false, &s)) {
            parsed.push_back(std::move(s));
          } else {
            ok = false;
          }
        }
        if (ok) e->ssh.options = std::move(parsed);
      }
    }
  }
}

void ParseLog(Checker& c, const Val& v, LogConfig* l) {
  auto f = c.Map(v, "log", {"level", "format"});
  if (!f) return;
  std::string s;
  if (const Val* lv = f->Get("level")) {
    if (c.Enum(*lv, "log.level", {"debug", "info", "warn", "error"}, &s)) {
      l->level = s == "debug"   ? LogLevel::kDebug
                 : s == "warn"  ? LogLevel::kWarn
                 : s == "error" ? LogLevel::kError
                                : LogLevel::kInfo;
    }
  }
  if (const Val* fv = f->Get("format")) {
    if (c.Enum(*fv, "log.format", {"text", "json"}, &s)) {
      l->format = s == "json" ? LogFormat::kJson : LogFormat::kText;
    }
  }
}

std::string Resolve(const std::string& base_dir, const std::string& p) {
  if (base_dir.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (std::filesystem::path(base_dir) / p).string();
}

bool IsRegularFile(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Expands rules_files / inventory_files. Listed paths must exist; globs may match nothing. When
// the key is absent, the default file is used only if it exists.
void ResolveFiles(Checker& c, const Fields& top, std::string_view key,
                  const std::string& default_file, const std::string& base_dir,
                  std::vector<std::string>* out) {
  std::vector<std::string> resolved;
  const Val* v = top.Get(key);
  if (v == nullptr) {
    const std::string p = Resolve(base_dir, default_file);
    if (IsRegularFile(p)) resolved.push_back(p);
  } else if (auto items = c.Seq(*v, std::string(key))) {
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string path = Index(std::string(key), i);
      std::string entry;
      if (!c.String((*items)[i], path, /*non_empty=*/true, &entry)) continue;
      const std::string full = Resolve(base_dir, entry);
      const int line = (*items)[i].line;
      if (HasGlobChars(entry)) {
        glob_t g{};
        const int rc = ::glob(full.c_str(), 0, nullptr, &g);
        if (rc == 0) {
          for (size_t j = 0; j < g.gl_pathc; ++j) {
            // A pattern like rules.d/* may also match directories: they are not rule files.
            if (IsRegularFile(g.gl_pathv[j])) resolved.emplace_back(g.gl_pathv[j]);
          }
        } else if (rc != GLOB_NOMATCH) {
          c.Add(line, path + ": cannot expand '" + full + "'");
        }
        ::globfree(&g);
        continue;
      }
      struct stat st;
      if (::stat(full.c_str(), &st) != 0) {
        c.Add(line, path + ": '" + full + "': " + std::strerror(errno));
      } else if (!S_ISREG(st.st_mode)) {
        c.Add(line, path + ": '" + full + "' is not a regular file");
      } else {
        resolved.push_back(full);
      }
    }
  }
  // The same file named twice (or by overlapping globs) is loaded once.
  std::set<std::string> seen;
  for (auto& p : resolved) {
    if (seen.insert(p).second) out->push_back(std::move(p));
  }
}

std::string SyntaxError(const YAML::Exception& e) {
  std::string msg = "YAML syntax error: " + e.msg;
  if (!e.mark.is_null() && e.mark.column >= 0) {
    msg += " (column " + std::to_string(e.mark.column + 1) + ")";
  }
  return msg;
}

// The named rules/inventory files are validated by their own modules; here each must read and
// parse, so a typo there is reported by --check-config with its own file and line.
void CheckYamlFile(Checker& c, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    c.AddFor(path, 0, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    (void)YAML::LoadAll(ss.str());
  } catch (const YAML::Exception& e) {
    c.AddFor(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, SyntaxError(e));
  }
}

LoadedConfig Load(const std::string& yaml, const std::string& file_name,
                  const std::string& base_dir) {
  Checker c(file_name);
  auto cfg = std::make_shared<Config>();
  cfg->source_file = file_name;

  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(yaml);
  } catch (const YAML::Exception& e) {
    c.Add(e.mark.line >= 0 ? e.mark.line + 1 : 0, SyntaxError(e));
    return {nullptr, std::move(c.problems())};
  }
  if (docs.size() > 1) c.Add(LineOf(docs[1]), "only one YAML document is allowed");

  const YAML::Node root = docs.empty() ? YAML::Node(YAML::NodeType::Null) : docs[0];
  auto top = c.Map({root, 1, 1}, "",
                   {"server", "storage", "auth", "integrations", "rules_files", "inventory_files",
                    "executor", "log"});
  if (top) {
    if (const Val* v = top->Get("server")) ParseServer(c, *v, &cfg->server);
    if (const Val* v = top->Get("storage")) ParseStorage(c, *v, &cfg->storage);
    if (const Val* v = top->Get("auth")) ParseAuth(c, *v, &cfg->auth_tokens);
    if (const Val* v = top->Get("integrations")) ParseIntegrations(c, *v, &cfg->integrations);
    if (const Val* v = top->Get("executor")) ParseExecutor(c, *v, &cfg->executor);
    if (const Val* v = top->Get("log")) ParseLog(c, *v, &cfg->log);
    ResolveFiles(c, *top, "rules_files", "rules.yaml", base_dir, &cfg->rules_files);
    ResolveFiles(c, *top, "inventory_files", "inventory.yaml", base_dir, &cfg->inventory_files);
    for (const auto& p : cfg->rules_files) CheckYamlFile(c, p);
    for (const auto& p : cfg->inventory_files) CheckYamlFile(c, p);
  }

  if (!c.problems().empty()) {
    // In file order, the config's own problems first, as an editor would list them.
    std::stable_sort(c.problems().begin(), c.problems().end(),
                     [&](const ConfigProblem& a, const ConfigProblem& b) {
                       const bool a_other = a.file != file_name;
                       const bool b_other = b.file != file_name;
                       if (a_other != b_other) return b_other;
                       return a.file == b.file && a.line < b.line;
                     });
    return {nullptr, std::move(c.problems())};
  }
  return {std::move(cfg), {}};
}

}  // namespace

std::string ConfigProblem::ToString() const {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

LoadedConfig ConfigLoader::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return {nullptr, {{path, 0, std::string("cannot read config file: ") + std::strerror(err)}}};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    return {nullptr, {{path, 0, "cannot read config file"}}};
  }
  return LoadString(ss.str(), path, std::filesystem::path(path).parent_path().string());
}

LoadedConfig ConfigLoader::LoadString(const std::string& yaml, const std::string& file_name,
                                      const std::string& base_dir) {
  try {
    return Load(yaml, file_name, base_dir);
  } catch (const std::exception& e) {
    // yaml-cpp throws only on syntax errors, which Load handles; this is a safety net so a
    // reload can never take the process down.
    return {nullptr, {{file_name, 0, std::string("cannot load config: ") + e.what()}}};
  }
}

std::shared_ptr<const Config> ConfigLoader::Defaults() { return std::make_shared<const Config>(); }

std::optional<ListenAddress> ConfigLoader::ParseListenAddress(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    in6_addr a6;
    if (::inet_pton(AF_INET6, std::string(host).c_str(), &a6) != 1) return std::nullopt;
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    // A bare IPv6 address is ambiguous ("::1:8080"): it must be written in brackets.
    if (host.find(':') != std::string_view::npos) return std::nullopt;
    if (AllOf(host, [](char ch) { return IsDigit(ch) || ch == '.'; })) {
      in_addr a4;
      if (::inet_pton(AF_INET, std::string(host).c_str(), &a4) != 1) return std::nullopt;
    } else if (!IsHostname(host)) {
      return std::nullopt;
    }
  }
  if (port.empty() || port.size() > 5 || !AllOf(port, IsDigit)) return std::nullopt;
  int p = 0;
  std::from_chars(port.data(), port.data() + port.size(), p);
  if (p > 65535) return std::nullopt;
  return ListenAddress{std::string(host), static_cast<uint16_t>(p)};
}

}  // namespace alarmgate
