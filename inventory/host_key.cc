// ParseHostKey: the OpenSSH public-key line checks, with OpenSSL's base64 decoder (never
// hand-rolled) behind a strict alphabet check, since EVP_DecodeBlock skips blanks and pads with 0s.

#include "inventory/host_key.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "core/yaml/yaml_node.h"
#include "core/ascii.h"

namespace alarmgate {
namespace {

constexpr std::array<std::string_view, 7> kKeyTypes = {"ssh-ed25519",
                                                       "ecdsa-sha2-nistp256",
                                                       "ecdsa-sha2-nistp384",
                                                       "ecdsa-sha2-nistp521",
                                                       "ssh-rsa",
                                                       "sk-ssh-ed25519@openssh.com",
                                                       "sk-ecdsa-sha2-nistp256@openssh.com"};

constexpr std::string_view kBlank = " \t";

std::string KeyTypeList() {
  std::string out;
  for (std::string_view t : kKeyTypes) out += (out.empty() ? "" : ", ") + std::string(t);
  return out;
}

bool IsBase64Char(char c) { return IsAsciiAlnum(c) || c == '+' || c == '/'; }

// The blob of strict base64 `text`, or nullopt.
std::optional<std::vector<unsigned char>> DecodeBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  const size_t data_end = text.find_last_not_of('=') + 1;
  const size_t padding = text.size() - data_end;
  if (padding > 2 || !AllOf(text.substr(0, data_end), IsBase64Char)) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0 || static_cast<size_t>(n) < padding) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);  // EVP_DecodeBlock counts padding as zero bytes
  return out;
}

// The first field of an SSH key blob (RFC 4253 §6.6: uint32 length, then the key type name).
std::optional<std::string> BlobKeyType(const std::vector<unsigned char>& blob) {
  if (blob.size() < 4) return std::nullopt;
  const uint32_t length = (uint32_t{blob[0]} << 24) | (uint32_t{blob[1]} << 16) |
                          (uint32_t{blob[2]} << 8) | uint32_t{blob[3]};
  if (length > blob.size() - 4) return std::nullopt;
  return std::string(blob.begin() + 4, blob.begin() + 4 + length);
}

Status Refuse(std::string message) { return Status::InvalidArgument(std::move(message)); }

}  // namespace

Result<HostKey> ParseHostKey(std::string_view line) {
  if (line.size() > kMaxHostKeyLength) {
    return Refuse("is longer than " + std::to_string(kMaxHostKeyLength) + " characters");
  }
  const size_t type_begin = line.find_first_not_of(kBlank);
  if (type_begin == std::string_view::npos) {
    return Refuse("must be an OpenSSH public key line: <type> <base64>[ comment]");
  }
  line.remove_prefix(type_begin);
  const std::string_view type = line.substr(0, line.find_first_of(kBlank));
  if (std::find(kKeyTypes.begin(), kKeyTypes.end(), type) == kKeyTypes.end()) {
    // An unknown first word may be the key itself pasted alone: echo only a short, safe prefix.
    const bool echo = type.size() <= 40 && AllOf(type, [](char c) {
                        return IsAsciiAlnum(c) || c == '-' || c == '@' || c == '.';
                      });
    return Refuse("has an unknown key type" + (echo ? " " + Quoted(type) : std::string()) +
                  " (expected <type> <base64>[ comment] with type one of " + KeyTypeList() + ")");
  }
  std::string_view rest = line.substr(type.size());
  const size_t data_begin = rest.find_first_not_of(kBlank);
  if (data_begin == std::string_view::npos) {
    return Refuse("has no key data after " + Quoted(type) + ": <type> <base64>[ comment]");
  }
  rest.remove_prefix(data_begin);
  const std::string_view data = rest.substr(0, rest.find_first_of(kBlank));
  const auto blob = DecodeBase64(data);
  if (!blob) return Refuse("has " + std::string(type) + " key data that is not valid base64");
  const std::optional<std::string> blob_type = BlobKeyType(*blob);
  if (!blob_type) return Refuse("has " + std::string(type) + " key data that is not an SSH key");
  if (*blob_type != type) {
    const bool known = std::find(kKeyTypes.begin(), kKeyTypes.end(), *blob_type) != kKeyTypes.end();
    return Refuse("is labelled " + Quoted(type) + " but its key data is " +
                  (known ? "a " + Quoted(*blob_type) + " key" : std::string("of another type")));
  }
  return HostKey{std::string(type), std::string(data)};
}

std::string KnownHostsLine(const Resource& resource) {
  const Connection& c = resource.connection;
  if (c.kind != Connection::Kind::kSsh || !resource.host_key) return "";
  const std::string host = c.port == 22 ? c.host : "[" + c.host + "]:" + std::to_string(c.port);
  return host + " " + resource.host_key->type + " " + resource.host_key->base64;
}

}  // namespace alarmgate
