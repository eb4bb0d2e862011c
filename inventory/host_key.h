#pragma once
// A resource's `host_key` (contract §8: ssh checks host keys strictly against a known_hosts file
// alarmgate writes from these) and the known_hosts line for it. Pure; messages never show key
// material, only its type.

#include <string>
#include <string_view>

#include "core/status.h"
#include "inventory/resource.h"

namespace alarmgate {

// Longer than a 16384-bit RSA key's line; anything longer is not a public key.
inline constexpr size_t kMaxHostKeyLength = 16384;

// "<type> <base64>[ comment]": type one of ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa,
// sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com; base64 strict (padding only at
// the end, length a multiple of 4) and the blob's first field naming the same type, so that a
// key pasted under the wrong label is caught. InvalidArgument's message completes "host_key …".
Result<HostKey> ParseHostKey(std::string_view line);

// The known_hosts line for an ssh resource with a host_key: "host <type> <base64>" for port 22,
// "[host]:port <type> <base64>" otherwise (OpenSSH's own form); "" for any other resource.
std::string KnownHostsLine(const Resource& resource);

}  // namespace alarmgate
