#pragma once
// One resource of the inventory (contract §9, seed 003 §4.1): what the resources API shows and
// how scripts reach it. Plain values; the loader has checked every field.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace alarmgate {

// How scripts reach a resource: on this machine, or over OpenSSH.
struct Connection {
  enum class Kind { kLocal, kSsh };
  Kind kind = Kind::kLocal;
  std::string user;    // kSsh only
  std::string host;    // kSsh only: a lower-case hostname, an IPv4 or an IPv6 without brackets
  uint16_t port = 22;  // kSsh only

  bool operator==(const Connection&) const = default;
};

// The target's public host key, from an OpenSSH line "<type> <base64>[ comment]". The comment is
// dropped: known_hosts does not need it and it is free text.
struct HostKey {
  std::string type;    // e.g. "ssh-ed25519"; the blob's own first field names the same type
  std::string base64;  // the key blob, as written (valid, strict base64)

  bool operator==(const HostKey&) const = default;
};

struct Resource {
  std::string resource_id;
  std::string name;
  std::string provider;
  std::string type;
  std::string region_id;
  std::string project_id;
  std::string ep_id;
  std::string agent_sn;
  std::map<std::string, std::string> tags;
  // Scalars only, kept as the text written: table 4-6's `properties: Map<String,Object>` is then
  // written as a JSON object of strings with no YAML type guessing (`ep_id: "0"` vs `0`), and
  // host_name / fixed_ip, the values the seeds show, are strings anyway.
  std::map<std::string, std::string> properties;
  Connection connection;
  std::optional<std::string> identity_file;  // kSsh only; absolute (resolved at load)
  std::optional<HostKey> host_key;           // kSsh only

  // Where it was defined, for messages ("inventory.yaml:12").
  std::string file;
  int line = 0;
};

}  // namespace alarmgate
