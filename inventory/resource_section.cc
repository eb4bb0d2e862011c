// LoadResourceSection: a resource's keys, each checked against the limits in the header; the
// connection and host key formats live in connection.cc and host_key.cc.

#include "inventory/resource_section.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/ascii.h"
#include "inventory/connection.h"
#include "inventory/host_key.h"

namespace alarmgate {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxNameLength = 255;
constexpr size_t kMaxFieldLength = 128;
constexpr size_t kMaxMapKeyLength = 128;
constexpr size_t kMaxTags = 50;
constexpr size_t kMaxTagValueLength = 255;
constexpr size_t kMaxProperties = 64;
constexpr size_t kMaxPropertyValueLength = 1024;
constexpr size_t kMaxPathLength = 4096;

bool IsIdChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == ':' || c == '-'; }
bool IsPrintable(char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; }

// A scalar of at most `max` characters without control characters, or nullopt after a problem.
std::optional<std::string> BoundedText(const YamlNode& node, size_t max) {
  std::optional<std::string> text = node.String();
  if (!text) return std::nullopt;
  if (text->size() > max) {
    node.Problem(node.name() + " must be at most " + std::to_string(max) + " characters (got " +
                 std::to_string(text->size()) + ")");
    return std::nullopt;
  }
  if (!AllOf(*text, IsPrintable)) {
    node.Problem(node.name() + " must not contain control characters");
    return std::nullopt;
  }
  return text;
}

void LoadId(const YamlNode& node, Resource* r) {
  std::optional<std::string> id = node.String();
  if (!id) return;
  if (id->empty() || id->size() > kMaxResourceIdLength || !AllOf(*id, IsIdChar)) {
    node.Problem(node.name() +
                 " must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':', "
                 "'-'" +
                 node.Got());
    return;
  }
  r->resource_id = std::move(*id);
}

// tags and properties: a flat mapping of scalars; nested values are refused, not flattened.
void LoadStringMap(const YamlNode& node, size_t max_entries, size_t max_value,
                   std::map<std::string, std::string>* out) {
  auto entries = node.Entries("keys to strings");
  if (!entries) return;
  if (entries->entries().size() > max_entries) {
    node.Problem(node.name() + " must have at most " + std::to_string(max_entries) +
                 " entries (got " + std::to_string(entries->entries().size()) + ")");
    return;
  }
  for (const auto& [key, value] : entries->entries()) {
    if (key.empty() || key.size() > kMaxMapKeyLength || !AllOf(key, IsPrintable)) {
      value.ProblemAtKey("keys under " + node.name() +
                         " must be 1 to 128 characters without control characters");
    } else if (auto text = BoundedText(value, max_value)) {
      out->emplace(key, std::move(*text));
    }
  }
}

void LoadConnection(const YamlNode& node, Resource* r) {
  std::optional<std::string> text = node.String();
  if (!text) return;
  Result<Connection> c = ParseConnection(*text);
  if (!c.ok()) {
    node.Problem(node.name() + " " + c.status().message() + node.Got());
    return;
  }
  r->connection = std::move(*c);
}

// OpenSSH ignores a private key its owner shares with group or others ("UNPROTECTED PRIVATE KEY
// FILE"), but only when the owner is the user ssh runs as: the same test as its sshkey_perm_ok.
bool OthersMayRead(const fs::path& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && st.st_uid == ::geteuid() && (st.st_mode & 077) != 0;
}

// The path ssh will be given: absolute, so that it does not depend on the working directory.
void LoadIdentityFile(const YamlNode& node, const std::string& base_dir, Resource* r) {
  std::optional<std::string> text = BoundedText(node, kMaxPathLength);
  if (!text) return;
  if (text->empty()) {
    node.Problem(node.name() + " must be a path to a private key file" + node.Got());
    return;
  }
  std::error_code ec;
  fs::path path = fs::path(*text).is_absolute() ? fs::path(*text) : fs::path(base_dir) / *text;
  path = fs::absolute(path, ec).lexically_normal();
  const std::string where = Quoted(*text) + " (" + path.string() + ")";
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    node.Problem(node.name() + " " + where + " does not exist");
  } else if (!fs::is_regular_file(status)) {
    node.Problem(node.name() + " " + where + " is not a regular file");
  } else if (::access(path.c_str(), R_OK) != 0) {
    node.Problem(node.name() + " " + where + " is not readable: " + std::strerror(errno));
  } else if (OthersMayRead(path)) {
    node.Problem(node.name() + " " + where +
                 " may be read by group or others, so ssh would ignore it; chmod 600 it");
  } else {
    r->identity_file = path.string();
  }
}

void LoadHostKey(const YamlNode& node, Resource* r) {
  if (!node.IsScalar()) {
    node.Problem(node.name() + " must be an OpenSSH public key line" + node.Got());
    return;
  }
  // Not node.Got(): a message shows the key's type at most, never its data.
  Result<HostKey> key = ParseHostKey(node.Scalar());
  if (!key.ok()) {
    node.Problem(node.name() + " " + key.status().message());
    return;
  }
  r->host_key = std::move(*key);
}

// identity_file and host_key only mean something to ssh: on a local resource they are a mistake.
void LoadSshKeys(const YamlMap& f, const std::string& base_dir, Resource* r) {
  const YamlNode* connection = f.Get("connection");
  const bool local = connection != nullptr && connection->Scalar() == "local";
  for (std::string_view key : {"identity_file", "host_key"}) {
    const YamlNode* node = f.Get(key);
    if (node == nullptr) continue;
    if (local) {
      node->ProblemAtKey(node->name() + " means nothing with connection: local; remove it");
    } else if (key == "identity_file") {
      LoadIdentityFile(*node, base_dir, r);
    } else {
      LoadHostKey(*node, r);
    }
  }
}

}  // namespace

std::optional<Resource> LoadResourceSection(const YamlNode& node, const std::string& base_dir) {
  auto f = node.Map({"resource_id", "name", "provider", "type", "region_id", "project_id", "ep_id",
                     "agent_sn", "tags", "properties", "connection", "identity_file", "host_key"});
  if (!f) return std::nullopt;
  Resource r;
  r.file = node.file();
  r.line = node.line();
  // Plain text fields by key; the limit of each is in the header.
  const std::pair<std::string_view, std::string*> texts[] = {
      {"name", &r.name},           {"provider", &r.provider},     {"type", &r.type},
      {"region_id", &r.region_id}, {"project_id", &r.project_id}, {"ep_id", &r.ep_id},
      {"agent_sn", &r.agent_sn}};
  for (const auto& [key, out] : texts) {
    const YamlNode* value = f->Get(key);
    if (value == nullptr) continue;
    const size_t max = key == "name" ? kMaxNameLength : kMaxFieldLength;
    if (auto text = BoundedText(*value, max)) *out = std::move(*text);
  }
  if (const YamlNode* v = f->Require("resource_id")) LoadId(*v, &r);
  if (const YamlNode* v = f->Get("tags")) LoadStringMap(*v, kMaxTags, kMaxTagValueLength, &r.tags);
  if (const YamlNode* v = f->Get("properties")) {
    LoadStringMap(*v, kMaxProperties, kMaxPropertyValueLength, &r.properties);
  }
  if (const YamlNode* v = f->Require("connection")) LoadConnection(*v, &r);
  LoadSshKeys(*f, base_dir, &r);
  return r;
}

}  // namespace alarmgate
