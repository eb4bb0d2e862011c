#pragma once
// Reads one item of `resources:` (contract §9) into a Resource, every mistake a file:line problem.
//
// Limits (generous for real inventories, tight enough that a pasted blob or a typo shows):
//   resource_id   1..128 characters of A-Z a-z 0-9 . _ : -   (required)
//   name          at most 255 characters; provider, type, region_id, project_id, ep_id, agent_sn
//                 at most 128; none of them with control characters
//   tags          a mapping of at most 50 scalars, keys 1..128 characters, values at most 255
//   properties    a mapping of at most 64 scalars, keys 1..128 characters, values at most 1024
//   connection    local | ssh://user@host[:port] (required; a typo must not mean "run here")
//   identity_file ssh only; at most 4096 characters, relative to the inventory file's folder, an
//                 existing readable regular file that only its owner may read (else ssh ignores it)
//   host_key      ssh only; an OpenSSH public key line (see inventory/host_key.h)

#include <optional>
#include <string>

#include "core/yaml/yaml_node.h"
#include "inventory/resource.h"

namespace alarmgate {

inline constexpr size_t kMaxResourceIdLength = 128;

// The resource, or nullopt when its mapping cannot be read at all; a resource with problems may
// still come back (so that its resource_id takes part in the duplicate check). `base_dir` is the
// folder identity_file paths are relative to.
std::optional<Resource> LoadResourceSection(const YamlNode& node, const std::string& base_dir);

}  // namespace alarmgate
