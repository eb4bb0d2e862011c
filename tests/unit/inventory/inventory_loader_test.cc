// Tests for the inventory loader: the repository's sample, a full ssh resource with a key file,
// every kind of problem with its file:line (as a table), and duplicates across files.

#include "inventory/inventory_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/inventory/test_keys.h"

namespace alarmgate {
namespace {

namespace fs = std::filesystem;

std::string Describe(const std::vector<FileProblem>& problems) {
  std::string s;
  for (const FileProblem& p : problems) s += p.ToString() + "\n";
  return s;
}

// A fresh folder per test, for inventory files and key files.
class InventoryLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("inventory_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text, fs::perms perms) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    fs::permissions(path, perms);
    return path.string();
  }

  fs::path dir_;
};

TEST(InventorySampleTest, RepositorySampleLoads) {
  // Read from the source tree (ALARMGATE_SOURCE_DIR), not a copy: the documented sample itself.
  const std::string path = std::string(ALARMGATE_SOURCE_DIR) + "/config/inventory.yaml";
  LoadedInventory loaded = LoadInventoryFiles({path});
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  ASSERT_NE(loaded.inventory, nullptr);
  ASSERT_EQ(loaded.inventory->size(), 1u);
  const Resource* r = loaded.inventory->Find("local-host-01");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "alarmgate-host");
  EXPECT_EQ(r->provider, "ecs");
  EXPECT_EQ(r->type, "cloudservers");
  EXPECT_EQ(r->region_id, "local");
  EXPECT_EQ(r->project_id, "demo-project");
  EXPECT_EQ(r->ep_id, "0");
  EXPECT_EQ(r->agent_sn, "local-agent");
  EXPECT_EQ(r->tags, (std::map<std::string, std::string>{{"env", "demo"}}));
  EXPECT_EQ(r->properties, (std::map<std::string, std::string>{{"host_name", "localhost"},
                                                               {"fixed_ip", "127.0.0.1"}}));
  EXPECT_EQ(r->connection.kind, Connection::Kind::kLocal);
  EXPECT_FALSE(r->identity_file.has_value());
  EXPECT_FALSE(r->host_key.has_value());
  EXPECT_EQ(r->file, path);
  EXPECT_EQ(r->line, 5);
}

TEST_F(InventoryLoaderTest, SshResourceWithKeyFileAndHostKey) {
  const std::string key_file =
      Write("id_test", "not really a key\n", fs::perms::owner_read | fs::perms::owner_write);
  const std::string yaml = std::string(R"(resources:
  - resource_id: web-01
    connection: ssh://deploy@WEB-01.example.com:2222
    identity_file: id_test
    host_key: ssh-ed25519 )") +
                           test_keys::kEd25519Data + R"( root@web-01
    properties: {port: 8080, fixed_ip: 10.0.0.7}
  - resource_id: "db:01"
    connection: local
)";
  LoadedInventory loaded = LoadInventoryString(yaml, (dir_ / "inventory.yaml").string());
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  const Inventory& inv = *loaded.inventory;
  ASSERT_EQ(inv.size(), 2u);
  EXPECT_EQ(inv.resources()[0].resource_id, "web-01");  // file order
  EXPECT_EQ(inv.resources()[1].resource_id, "db:01");
  EXPECT_EQ(inv.Find("nope"), nullptr);
  const Resource* r = inv.Find("web-01");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->connection,
            (Connection{Connection::Kind::kSsh, "deploy", "web-01.example.com", 2222}));
  EXPECT_EQ(r->identity_file, key_file);  // resolved against the inventory file's folder
  ASSERT_TRUE(r->host_key.has_value());
  EXPECT_EQ(r->host_key->type, "ssh-ed25519");
  EXPECT_EQ(r->host_key->base64, test_keys::kEd25519Data);
  EXPECT_EQ(r->properties.at("port"), "8080");
  EXPECT_EQ(r->line, 2);
}

TEST_F(InventoryLoaderTest, DuplicateAcrossFilesNamesTheFirst) {
  const auto perms = fs::perms::owner_read | fs::perms::owner_write;
  const std::string a =
      Write("a.yaml", "resources:\n  - resource_id: x\n    connection: local\n", perms);
  const std::string b = Write("b.yaml",
                              "resources:\n  - resource_id: y\n    connection: local\n"
                              "  - resource_id: x\n    connection: local\n",
                              perms);
  LoadedInventory loaded = LoadInventoryFiles({a, b});
  EXPECT_EQ(loaded.inventory, nullptr);
  ASSERT_EQ(loaded.problems.size(), 1u) << Describe(loaded.problems);
  EXPECT_EQ(loaded.problems[0].ToString(),
            b + ":4: duplicate resource_id 'x' (first defined at " + a + ":2)");
}

TEST_F(InventoryLoaderTest, UnreadableFileIsAWholeFileProblem) {
  LoadedInventory loaded = LoadInventoryFiles({(dir_ / "missing.yaml").string()});
  ASSERT_EQ(loaded.problems.size(), 1u) << Describe(loaded.problems);
  EXPECT_EQ(loaded.problems[0].line, 0);
  EXPECT_NE(loaded.problems[0].message.find("cannot read inventory file"), std::string::npos);
}

TEST_F(InventoryLoaderTest, EmptyListAndNoFilesAreEmptyInventories) {
  LoadedInventory loaded = LoadInventoryString("resources: []\n", "inv.yaml");
  ASSERT_TRUE(loaded.problems.empty()) << Describe(loaded.problems);
  EXPECT_EQ(loaded.inventory->size(), 0u);
  EXPECT_EQ(LoadInventoryFiles({}).inventory->size(), 0u);
}

TEST_F(InventoryLoaderTest, IdentityFileProblems) {
  const std::string open_key = Write(
      "open_key", "k\n", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  struct Row {
    std::string identity_file;
    std::string message_part;
  };
  const std::vector<Row> rows = {
      {"no_such_key",
       "identity_file 'no_such_key' (" + (dir_ / "no_such_key").string() + ") does not exist"},
      {dir_.string(), "is not a regular file"},
      {"open_key", "may be read by group or others, so ssh would ignore it; chmod 600 it"},
      {"\"\"", "identity_file must be a path to a private key file"},
  };
  for (const Row& row : rows) {
    const std::string yaml =
        "resources:\n  - resource_id: a\n    connection: ssh://u@h\n"
        "    identity_file: " +
        row.identity_file + "\n";
    LoadedInventory loaded = LoadInventoryString(yaml, (dir_ / "inv.yaml").string());
    ASSERT_EQ(loaded.problems.size(), 1u) << row.identity_file << "\n" << Describe(loaded.problems);
    EXPECT_EQ(loaded.problems[0].line, 4);
    EXPECT_NE(loaded.problems[0].message.find(row.message_part), std::string::npos)
        << loaded.problems[0].message;
  }
  if (::geteuid() != 0) {  // root reads anything: the check cannot fail there
    Write("locked_key", "k\n", fs::perms::none);
    LoadedInventory loaded = LoadInventoryString(
        "resources:\n  - resource_id: a\n    connection: ssh://u@h\n    identity_file: "
        "locked_key\n",
        (dir_ / "inv.yaml").string());
    ASSERT_EQ(loaded.problems.size(), 1u) << Describe(loaded.problems);
    EXPECT_NE(loaded.problems[0].message.find("is not readable"), std::string::npos);
  }
}

struct ProblemRow {
  const char* name;
  std::string yaml;
  int line;
  std::string message;  // the whole message, or a part of it when `exact` is false
  bool exact = true;
};

// One resource "r" with `extra` lines (indented as its keys) after resource_id and connection.
std::string OneResource(const std::string& connection, const std::string& extra) {
  return "resources:\n  - resource_id: r\n    connection: " + connection + "\n" + extra;
}

TEST(InventoryProblemsTest, EachMistakeIsOneProblemAtItsLine) {
  const std::string ed = test_keys::kEd25519Data;
  const std::string rsa = test_keys::kRsaData;
  const std::vector<ProblemRow> rows = {
      {"empty file", "", 1, "resources is required"},
      {"top-level typo", "resource: []\nresources: []\n", 1,
       "unknown key 'resource' (did you mean 'resources'?)"},
      {"resources not a list", "resources: all\n", 1,
       "resources must be a list of resources (got 'all')"},
      {"resource not a mapping", "resources:\n  - web-01\n", 2,
       "a resource must be a mapping (got 'web-01')"},
      {"unknown key with near miss", OneResource("local", "    nmae: web\n"), 4,
       "unknown key 'nmae' (did you mean 'name'?)"},
      {"repeated key", OneResource("local", "    name: a\n    name: b\n"), 5,
       "duplicate key 'name'"},
      {"resource_id missing", "resources:\n  - name: web\n    connection: local\n", 2,
       "resource_id is required"},
      {"resource_id empty", "resources:\n  - resource_id: \"\"\n    connection: local\n", 2,
       "resource_id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':', '-' (got '')"},
      {"resource_id with a space", "resources:\n  - resource_id: web 01\n    connection: local\n",
       2, "resource_id must be 1 to 128 characters", false},
      {"resource_id too long",
       "resources:\n  - resource_id: " + std::string(129, 'a') + "\n    connection: local\n", 2,
       "resource_id must be 1 to 128 characters", false},
      {"resource_id a list", "resources:\n  - resource_id: [a]\n    connection: local\n", 2,
       "resource_id must be a string (got a list)"},
      {"duplicate in one file",
       OneResource("local",
                   "  - resource_id: q\n    connection: local\n"
                   "  - resource_id: r\n    connection: local\n"),
       6, "duplicate resource_id 'r' (first defined at inv.yaml:2)"},
      {"connection missing", "resources:\n  - resource_id: r\n", 2, "connection is required"},
      {"connection neither form", OneResource("remote", ""), 3,
       "connection must be local or ssh://user@host[:port] (got 'remote')"},
      {"connection without user", OneResource("ssh://web-01", ""), 3,
       "connection needs a user: it must be local or ssh://user@host[:port] (got 'ssh://web-01')"},
      {"connection bad user", OneResource("ssh://a!b@web-01", ""), 3, "connection has a bad user",
       false},
      {"connection bad host", OneResource("ssh://ops@web_01", ""), 3,
       "connection has a bad host: it must be a hostname, an IPv4 address or an [IPv6] address "
       "(got 'ssh://ops@web_01')"},
      {"connection port 0", OneResource("ssh://ops@web:0", ""), 3,
       "connection has a bad port: it must be between 1 and 65535", false},
      {"connection port too big", OneResource("ssh://ops@web:70000", ""), 3,
       "connection has a bad port", false},
      {"identity_file on local", OneResource("local", "    identity_file: id\n"), 4,
       "identity_file means nothing with connection: local; remove it"},
      {"host_key on local", OneResource("local", "    host_key: ssh-ed25519 " + ed + "\n"), 4,
       "host_key means nothing with connection: local; remove it"},
      {"host_key unknown type", OneResource("ssh://u@h", "    host_key: ssh-dss " + ed + "\n"), 4,
       "host_key has an unknown key type 'ssh-dss'", false},
      {"host_key not base64", OneResource("ssh://u@h", "    host_key: ssh-ed25519 AA*A\n"), 4,
       "host_key has ssh-ed25519 key data that is not valid base64"},
      {"host_key mislabelled", OneResource("ssh://u@h", "    host_key: ssh-ed25519 " + rsa + "\n"),
       4, "host_key is labelled 'ssh-ed25519' but its key data is a 'ssh-rsa' key"},
      {"host_key a mapping", OneResource("ssh://u@h", "    host_key: {a: b}\n"), 4,
       "host_key must be an OpenSSH public key line (got a mapping)"},
      {"tags a list", OneResource("local", "    tags: [env]\n"), 4,
       "tags must be a mapping of keys to strings (got a list)"},
      {"tag value nested", OneResource("local", "    tags:\n      env: {a: b}\n"), 5,
       "tags.env must be a string (got a mapping)"},
      {"tag value too long",
       OneResource("local", "    tags:\n      env: " + std::string(256, 'x') + "\n"), 5,
       "tags.env must be at most 255 characters (got 256)"},
      {"properties a scalar", OneResource("local", "    properties: x\n"), 4,
       "properties must be a mapping of keys to strings (got 'x')"},
      {"property value a list", OneResource("local", "    properties:\n      ips: [a, b]\n"), 5,
       "properties.ips must be a string (got a list)"},
      {"name too long", OneResource("local", "    name: " + std::string(256, 'n') + "\n"), 4,
       "name must be at most 255 characters (got 256)"},
      {"provider too long", OneResource("local", "    provider: " + std::string(129, 'p') + "\n"),
       4, "provider must be at most 128 characters (got 129)"},
      {"control character", OneResource("local", "    name: \"a\\tb\"\n"), 4,
       "name must not contain control characters"},
  };
  for (const ProblemRow& row : rows) {
    LoadedInventory loaded = LoadInventoryString(row.yaml, "inv.yaml");
    EXPECT_EQ(loaded.inventory, nullptr) << row.name;
    ASSERT_EQ(loaded.problems.size(), 1u) << row.name << "\n" << Describe(loaded.problems);
    const FileProblem& p = loaded.problems[0];
    EXPECT_EQ(p.file, "inv.yaml") << row.name;
    EXPECT_EQ(p.line, row.line) << row.name << ": " << p.message;
    if (row.exact) {
      EXPECT_EQ(p.message, row.message) << row.name;
    } else {
      EXPECT_NE(p.message.find(row.message), std::string::npos) << row.name << ": " << p.message;
    }
    // Key material never reaches a message: only its type may.
    EXPECT_EQ(p.message.find("AAAA"), std::string::npos) << row.name << ": " << p.message;
  }
}

}  // namespace
}  // namespace alarmgate
