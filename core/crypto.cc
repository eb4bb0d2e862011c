// SHA-256 and constant-time comparison through OpenSSL.
#include "core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>

namespace alarmgate {
namespace {

// EVP_Digest(..., EVP_sha256()) fetches the algorithm from the provider registry (a locked lookup)
// and allocates a context on every call in OpenSSL 3; one fetched digest and one context per
// thread do it once. The fingerprint of every ingested alarm goes through here.
struct Sha256Context {
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md{EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                     &EVP_MD_free};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

}  // namespace

std::string Sha256Hex(std::string_view data) {
  thread_local Sha256Context sha;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const bool ok = sha.md && sha.ctx && EVP_DigestInit_ex2(sha.ctx.get(), sha.md.get(), nullptr) &&
                  EVP_DigestUpdate(sha.ctx.get(), data.data(), data.size()) &&
                  EVP_DigestFinal_ex(sha.ctx.get(), digest, &len);
  // The cached objects failing is not expected; the one-shot call is the reference behaviour.
  if (!ok) EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '\0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Lengths of hex digests are public; only the contents must not leak through timing.
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace alarmgate
