// Tests for ParseHostKey (accepted lines, refusals that never echo key data) and KnownHostsLine.

#include "inventory/host_key.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/inventory/test_keys.h"

namespace alarmgate {
namespace {

using test_keys::kEcdsaData;
using test_keys::kEd25519Data;
using test_keys::kRsaData;

TEST(ParseHostKeyTest, Accepts) {
  struct Row {
    std::string line;
    HostKey want;
  };
  const Row rows[] = {
      {std::string("ssh-ed25519 ") + kEd25519Data, {"ssh-ed25519", kEd25519Data}},
      {std::string("ssh-ed25519 ") + kEd25519Data + " root@web-01", {"ssh-ed25519", kEd25519Data}},
      {std::string("  ssh-rsa\t") + kRsaData + "  a comment with spaces ", {"ssh-rsa", kRsaData}},
      {std::string("ecdsa-sha2-nistp256 ") + kEcdsaData, {"ecdsa-sha2-nistp256", kEcdsaData}},
  };
  for (const Row& row : rows) {
    Result<HostKey> key = ParseHostKey(row.line);
    ASSERT_TRUE(key.ok()) << row.line << ": " << key.status().message();
    EXPECT_EQ(*key, row.want) << row.line;
  }
}

TEST(ParseHostKeyTest, RefusesWithoutShowingKeyData) {
  struct Row {
    std::string line;
    const char* message_part;
  };
  const std::string ed(kEd25519Data);
  const Row rows[] = {
      {"", "must be an OpenSSH public key line"},
      {"   ", "must be an OpenSSH public key line"},
      {"ssh-dss " + ed, "unknown key type 'ssh-dss'"},
      {ed, "unknown key type (expected"},  // the data pasted alone is not echoed
      {"ssh-ed25519", "has no key data after 'ssh-ed25519'"},
      {"ssh-ed25519   ", "has no key data"},
      {"ssh-ed25519 " + ed.substr(1), "not valid base64"},  // length not a multiple of 4
      {"ssh-ed25519 " + ed.substr(0, 64) + "*AAA", "not valid base64"},
      {"ssh-ed25519 AA=A", "not valid base64"},  // padding inside
      {"ssh-ed25519 A===", "not valid base64"},
      {"ssh-ed25519 AAAA", "not an SSH key"},      // 3 zero bytes
      {"ssh-ed25519 AAAA/wAA", "not an SSH key"},  // length past the end
      {"ssh-ed25519 " + std::string(kRsaData),
       "labelled 'ssh-ed25519' but its key data is a 'ssh-rsa' key"},
      {"ssh-rsa " + ed + " x", "labelled 'ssh-rsa' but its key data is a 'ssh-ed25519' key"},
      {"ssh-rsa " + std::string(20000, 'A'), "is longer than 16384 characters"},
  };
  for (const Row& row : rows) {
    Result<HostKey> key = ParseHostKey(row.line);
    ASSERT_FALSE(key.ok()) << row.line;
    const std::string& message = key.status().message();
    EXPECT_NE(message.find(row.message_part), std::string::npos) << row.line << ": " << message;
    EXPECT_EQ(message.find("AAAA"), std::string::npos) << message;
  }
}

TEST(KnownHostsLineTest, Table) {
  using K = Connection::Kind;
  const HostKey key{"ssh-ed25519", kEd25519Data};
  const std::string tail = std::string(" ssh-ed25519 ") + kEd25519Data;
  struct Row {
    Connection connection;
    bool with_key;
    std::string want;
  };
  const Row rows[] = {
      {{K::kSsh, "ops", "web-01", 22}, true, "web-01" + tail},
      {{K::kSsh, "ops", "web-01", 2222}, true, "[web-01]:2222" + tail},
      {{K::kSsh, "ops", "10.0.0.7", 2222}, true, "[10.0.0.7]:2222" + tail},
      {{K::kSsh, "ops", "::1", 22}, true, "::1" + tail},
      {{K::kSsh, "ops", "::1", 2222}, true, "[::1]:2222" + tail},
      {{K::kSsh, "ops", "web-01", 22}, false, ""},
      {{K::kLocal, "", "", 22}, true, ""},
  };
  for (const Row& row : rows) {
    Resource r;
    r.connection = row.connection;
    if (row.with_key) r.host_key = key;
    EXPECT_EQ(KnownHostsLine(r), row.want) << row.connection.host << ":" << row.connection.port;
  }
}

}  // namespace
}  // namespace alarmgate
