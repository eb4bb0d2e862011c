// The `auth:` section. Hashes are stored lower-case so that comparing them needs no case rules.

#include "gateway/config/auth_section.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/ascii.h"

namespace alarmgate {
namespace {

constexpr size_t kSha256HexChars = 64;

// One token; `names` maps each name seen so far to the entry that used it first.
std::optional<AuthToken> ReadToken(const YamlNode& item,
                                   std::map<std::string, std::string>* names) {
  if (item.IsNull()) {
    item.Problem(item.name() + " must be a mapping with name and sha256");
    return std::nullopt;
  }
  auto f = item.Map({"name", "sha256"});
  if (!f) return std::nullopt;
  AuthToken t;
  bool ok = true;
  if (const YamlNode* n = f->Require("name")) {
    std::optional<std::string> name = n->NonEmptyString();
    if (name) {
      t.name = *name;
      auto [it, inserted] = names->emplace(t.name, item.name());
      if (!inserted) {
        n->Problem(n->name() + " " + Quoted(t.name) + " is already used by " + it->second);
        ok = false;
      }
    }
    ok = ok && name.has_value();
  } else {
    ok = false;
  }
  if (const YamlNode* h = f->Require("sha256")) {
    if (h->Scalar().size() == kSha256HexChars && AllOf(h->Scalar(), IsHexChar)) {
      t.sha256 = AsciiLower(h->Scalar());
    } else {
      h->Problem(h->name() + " must be 64 hexadecimal characters (the SHA-256 of the token)");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return t;
}

}  // namespace

void ReadAuthSection(const YamlNode& node, std::vector<AuthToken>* tokens) {
  auto f = node.Map({"tokens"});
  if (!f) return;
  const YamlNode* list = f->Get("tokens");
  if (list == nullptr) return;
  auto items = list->Items();
  if (!items) return;
  std::map<std::string, std::string> names;
  for (const YamlNode& item : *items) {
    if (auto t = ReadToken(item, &names)) tokens->push_back(std::move(*t));
  }
}

}  // namespace alarmgate
