// Tests YamlNode::Map and ::Entries and YamlMap: known keys in file order, unknown keys with and
// without a "did you mean", repeated and non-string keys, required keys, and their lines.

#include "core/yaml/yaml_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/core/yaml/yaml_test_doc.h"

namespace alarmgate {
namespace {

std::vector<std::string> Keys(const YamlMap& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map.entries()) keys.push_back(key);
  return keys;
}

TEST(YamlMapTest, KnownKeysInFileOrderWithTheirLines) {
  YamlTestDoc doc("server:\n  threads: 4\n  listen: a:1\n");
  auto map = doc.Get("server").Map({"listen", "threads"});
  ASSERT_TRUE(map);
  EXPECT_TRUE(doc.problems().empty()) << doc.Dump();
  EXPECT_EQ(Keys(*map), (std::vector<std::string>{"threads", "listen"}));
  const YamlNode* threads = map->Get("threads");
  ASSERT_NE(threads, nullptr);
  EXPECT_EQ(threads->name(), "server.threads");
  EXPECT_EQ(threads->line(), 2);
  EXPECT_EQ(threads->key_line(), 2);
  EXPECT_EQ(threads->Int(), 4);
  EXPECT_TRUE(map->Has("listen"));
  EXPECT_EQ(map->Get("nope"), nullptr);
  EXPECT_EQ(map->node().name(), "server");
}

struct ProblemCase {
  std::string yaml;
  int line;
  std::string message;
};

// Each text has one problem under "server" (allowed: listen, threads, body_limit_bytes).
TEST(YamlMapTest, EachKeyProblemIsReportedAtItsKeyLine) {
  const std::vector<ProblemCase> cases = {
      {"server:\n  lisen: x\n", 2, "unknown key 'server.lisen' (did you mean 'server.listen'?)"},
      {"server:\n  threds: 1\n", 2, "unknown key 'server.threds' (did you mean 'server.threads'?)"},
      {"server:\n  zzzzzz: 1\n", 2, "unknown key 'server.zzzzzz'"},
      {"server:\n  body_limit: 1\n", 2, "unknown key 'server.body_limit'"},  // too far to guess
      {"server:\n  threads: 1\n  threads: 2\n", 3, "duplicate key 'server.threads'"},
      {"server:\n  [a]: 1\n", 2, "keys under server must be plain strings"},
      {"server: 5\n", 1, "server must be a mapping (got '5')"},
      {"server: [a]\n", 1, "server must be a mapping (got a list)"},
      {"server:\n  - a\n", 2, "server must be a mapping (got a list)"},
  };
  for (const ProblemCase& c : cases) {
    SCOPED_TRACE(c.yaml);
    YamlTestDoc doc(c.yaml);
    doc.Get("server").Map({"listen", "threads", "body_limit_bytes"});
    ASSERT_EQ(doc.problems().size(), 1u) << doc.Dump();
    EXPECT_EQ(doc.problems()[0].line, c.line);
    EXPECT_EQ(doc.problems()[0].message, c.message);
  }
}

TEST(YamlMapTest, UnknownAndRepeatedKeysAreLeftOutAndTheRestIsRead) {
  YamlTestDoc doc("log:\n  level: info\n  lvl: x\n  level: debug\n  format: json\n");
  auto map = doc.Get("log").Map({"level", "format"});
  ASSERT_TRUE(map);
  EXPECT_EQ(Keys(*map), (std::vector<std::string>{"level", "format"}));
  EXPECT_EQ(map->Get("level")->Scalar(), "info");  // the first one counts
  ASSERT_EQ(doc.problems().size(), 2u);
  EXPECT_EQ(doc.problems()[0].ToString(),
            "t.yaml:3: unknown key 'log.lvl' (did you mean 'log.level'?)");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:4: duplicate key 'log.level'");
}

TEST(YamlMapTest, TopLevelKeysAreNamedByThemselves) {
  YamlTestDoc doc("servr: 1\n", "the configuration");
  doc.root().Map({"server", "log"});
  ASSERT_EQ(doc.problems().size(), 1u);
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:1: unknown key 'servr' (did you mean 'server'?)");

  YamlTestDoc list("- a\n", "the configuration");
  EXPECT_FALSE(list.root().Map({"server"}));
  ASSERT_EQ(list.problems().size(), 1u);
  EXPECT_EQ(list.problems()[0].ToString(),
            "t.yaml:1: the configuration must be a mapping (got a list)");
}

TEST(YamlMapTest, EmptyValueIsAnEmptyMapping) {
  YamlTestDoc doc("server:\nlog: ~\n");
  auto server = doc.Get("server").Map({"listen"});
  auto log = doc.Get("log").Entries();
  ASSERT_TRUE(server && log);
  EXPECT_TRUE(server->empty());
  EXPECT_TRUE(log->empty());
  EXPECT_TRUE(doc.problems().empty()) << doc.Dump();
}

TEST(YamlMapTest, EntriesTakeAnyPlainKeyOnce) {
  YamlTestDoc doc("v:\n  critical: Critical\n  Warning: Minor\n  critical: Info\n  [x]: y\n");
  auto map = doc.Get().Entries("label: level");
  ASSERT_TRUE(map);
  EXPECT_EQ(Keys(*map), (std::vector<std::string>{"critical", "Warning"}));
  EXPECT_EQ(map->Get("Warning")->name(), "v.Warning");
  ASSERT_EQ(doc.problems().size(), 2u) << doc.Dump();
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:4: duplicate key 'v.critical'");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:5: keys under v must be plain strings");

  YamlTestDoc not_map("v: [a]\n");
  EXPECT_FALSE(not_map.Get().Entries("label: level"));
  ASSERT_EQ(not_map.problems().size(), 1u);
  EXPECT_EQ(not_map.problems()[0].message, "v must be a mapping of label: level (got a list)");
}

TEST(YamlMapTest, RequireBlamesTheMappingsKeyLine) {
  YamlTestDoc doc(
      "reconcile:\n"       // 1
      "  every_s: 5\n"     // 2
      "items:\n"           // 3
      "  - name: a\n"      // 4
      "    sha256: b\n");  // 5
  auto reconcile = doc.Get("reconcile").Map({"url", "every_s"});
  ASSERT_TRUE(reconcile);
  EXPECT_EQ(reconcile->Require("url"), nullptr);
  EXPECT_NE(reconcile->Require("every_s"), nullptr);
  auto items = doc.Get("items").Items();
  ASSERT_TRUE(items);
  auto item = items->at(0).Map({"name", "sha256", "id"});
  ASSERT_TRUE(item);
  EXPECT_EQ(item->Require("id"), nullptr);
  // Named with no prefix (as a rule is): the key alone.
  auto renamed = items->at(0).Named("a token", "").Map({"name", "sha256", "id"});
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->Require("id"), nullptr);
  ASSERT_EQ(doc.problems().size(), 3u) << doc.Dump();
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:1: reconcile.url is required");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:4: items[0].id is required");
  EXPECT_EQ(doc.problems()[2].ToString(), "t.yaml:4: id is required");
}

// The third user's shape (an inventory): a list of resources with their own keys.
TEST(YamlMapTest, InventoryShapedFile) {
  YamlTestDoc doc(
      "resources:\n"                             // 1
      "  - resource_id: web-1\n"                 // 2
      "    connection: ssh://deploy@web-1:22\n"  // 3
      "    identity_file: /etc/alarmgate/id\n"   // 4
      "    host_key: ssh-ed25519 AAAA\n"         // 5
      "  - resource_id: db-1\n"                  // 6
      "    conection: local\n",                  // 7
      "the inventory");
  auto resources = doc.root().Map({"resources"});
  ASSERT_TRUE(resources);
  auto items = resources->Get("resources")->Items();
  ASSERT_TRUE(items);
  std::vector<std::string> ids;
  for (const YamlNode& item : *items) {
    auto r = item.Map({"resource_id", "name", "connection", "host", "identity_file", "host_key"});
    if (!r) continue;
    if (const YamlNode* id = r->Require("resource_id")) ids.push_back(*id->NonEmptyString());
    r->Require("connection");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"web-1", "db-1"}));
  ASSERT_EQ(doc.problems().size(), 2u) << doc.Dump();
  EXPECT_EQ(doc.problems()[0].ToString(),
            "t.yaml:7: unknown key 'resources[1].conection' (did you mean "
            "'resources[1].connection'?)");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:6: resources[1].connection is required");
}

}  // namespace
}  // namespace alarmgate
