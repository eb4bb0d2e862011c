// Tests YamlReader and the lines every value gets: the empty value blamed on its key's line,
// empty list items, empty documents at line 1, syntax errors, a second document, unreadable
// files, and that no problem about a value is ever at line 0.

#include "core/yaml/yaml_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/core/yaml/yaml_test_doc.h"

namespace alarmgate {
namespace {

TEST(YamlReaderTest, EveryValueHasItsOwnLine) {
  YamlTestDoc doc(
      "# header\n"      // 1
      "a:\n"            // 2
      "  b: 1\n"        // 3
      "  c:\n"          // 4
      "    - x\n"       // 5
      "    - {d: e}\n"  // 6
      "f: [g,\n"        // 7
      "  h]\n");        // 8
  EXPECT_EQ(doc.root().line(), 2);
  const YamlNode a = doc.Get("a");
  EXPECT_EQ(a.key_line(), 2);
  EXPECT_EQ(a.line(), 3);
  auto map = a.Map({"b", "c"});
  ASSERT_TRUE(map);
  EXPECT_EQ(map->Get("b")->line(), 3);
  auto items = map->Get("c")->Items();
  ASSERT_TRUE(items);
  EXPECT_EQ(items->at(0).line(), 5);
  EXPECT_EQ(items->at(1).line(), 6);
  auto flow = doc.Get("f").Items();
  ASSERT_TRUE(flow);
  EXPECT_EQ(flow->at(0).line(), 7);
  EXPECT_EQ(flow->at(1).line(), 8);
}

TEST(YamlReaderTest, AnEmptyValueIsBlamedOnItsKeyLine) {
  // yaml-cpp marks an empty value at the next token, three lines further down here.
  YamlTestDoc doc(
      "a:\n"           // 1
      "  b:\n"         // 2
      "\n"             // 3
      "  # comment\n"  // 4
      "c: ~\n"         // 5
      "d:\n");         // 6
  auto a = doc.Get("a").Map({"b"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->Get("b")->line(), 2);
  EXPECT_FALSE(a->Get("b")->Int());
  EXPECT_FALSE(doc.Get("c").NonEmptyString());
  EXPECT_FALSE(doc.Get("d").Bool());
  ASSERT_EQ(doc.problems().size(), 3u) << doc.Dump();
  EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:2: a.b must be an integer (got nothing)");
  EXPECT_EQ(doc.problems()[1].ToString(), "t.yaml:5: c must be a non-empty string (got nothing)");
  EXPECT_EQ(doc.problems()[2].ToString(), "t.yaml:6: d must be true or false (got nothing)");
}

TEST(YamlReaderTest, EmptyListItemsAreBlamedOnTheirOwnLine) {
  YamlTestDoc doc(
      "v:\n"         // 1
      "  -\n"        // 2
      "  - x\n"      // 3
      "  -\n"        // 4
      "  - ~\n"      // 5
      "  -\n"        // 6
      "w: [a, ~]\n"  // 7
      "k: 1\n");     // 8
  auto v = doc.Get("v").Items();
  ASSERT_TRUE(v);
  std::vector<int> lines;
  for (const YamlNode& item : *v) lines.push_back(item.line());
  EXPECT_EQ(lines, (std::vector<int>{2, 3, 4, 5, 6}));
  auto w = doc.Get("w").Items();
  ASSERT_TRUE(w);
  EXPECT_EQ(w->at(1).line(), 7);
}

TEST(YamlReaderTest, AnEmptyDocumentIsANullRootAtLineOne) {
  for (const std::string text : {"", "# only a comment\n", "\n\n\n", "---\n", "---\n...\n"}) {
    SCOPED_TRACE(text);
    YamlTestDoc doc(text);
    EXPECT_TRUE(doc.root().IsNull());
    EXPECT_EQ(doc.root().line(), 1);
    auto map = doc.root().Map({"a"});
    ASSERT_TRUE(map);
    EXPECT_TRUE(map->empty());
    EXPECT_EQ(map->Require("a"), nullptr);
    ASSERT_EQ(doc.problems().size(), 1u);
    EXPECT_EQ(doc.problems()[0].ToString(), "t.yaml:1: a is required");
  }
}

TEST(YamlReaderTest, NoProblemAboutAValueIsEverAtLineZero) {
  const std::vector<std::string> texts = {
      "",      "v:\n",       "v: ~\n", "v: [a, ~, [b]]\n", "\n\nv:\n\n\n",
      "- a\n", "v: {a: }\n", "---\n",  "v:\n  -\n  -\n",   "? [a]\n: b\n",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    YamlTestDoc doc(text);
    doc.root().Int();
    doc.root().Map({"w"});
    if (doc.root().IsMap() && doc.root().size() > 0) {
      if (auto v = doc.root().Entries(); v && v->Get("v")) {
        const YamlNode& n = *v->Get("v");
        n.Bool();
        n.Map({"x"});
        if (auto items = n.Items()) {
          for (const YamlNode& item : *items) item.NonEmptyString();
        }
      }
    }
    ASSERT_FALSE(doc.problems().empty());
    for (const FileProblem& p : doc.problems()) EXPECT_GE(p.line, 1) << p.ToString();
  }
}

TEST(YamlReaderTest, SyntaxErrorIsOneProblemWithLineAndColumn) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"a: {}\nb: c: d\n", 2},
      {"a:\n  b: 1\n- x\n", 3},
      {"a: [b]]\n", 1},
      {"a: &x 1\nb: *y\n", 2},
  };
  for (const auto& [text, line] : cases) {
    SCOPED_TRACE(text);
    std::vector<FileProblem> problems;
    YamlReader reader("s.yaml", &problems);
    EXPECT_FALSE(reader.Parse(text, "the document"));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].file, "s.yaml");
    EXPECT_EQ(problems[0].line, line);
    EXPECT_EQ(problems[0].message.rfind("YAML syntax error: ", 0), 0u) << problems[0].message;
    EXPECT_NE(problems[0].message.find("(column "), std::string::npos) << problems[0].message;
  }
}

TEST(YamlReaderTest, ASecondDocumentIsAProblemAndTheFirstIsStillRead) {
  std::vector<FileProblem> problems;
  YamlReader reader("m.yaml", &problems);
  auto root = reader.Parse("a: 1\n---\nb: 2\n", "the document");
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->Map({"a"}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(), "m.yaml:3: only one YAML document is allowed");
}

TEST(YamlReaderTest, ProblemAtALine) {
  std::vector<FileProblem> problems;
  YamlReader reader("p.yaml", &problems);
  reader.Problem(7, "seven");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(), "p.yaml:7: seven");
  EXPECT_EQ(reader.file(), "p.yaml");
}

TEST(YamlReaderTest, ReadsFilesAndAnUnreadableFileIsAWholeFileProblem) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("yaml_reader_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "ok.yaml").string();
  std::ofstream(path) << "# c\nv: 3\n";

  std::vector<FileProblem> problems;
  YamlReader reader(path, &problems);
  auto root = reader.ParseFile("the test file", "the document");
  ASSERT_TRUE(root);
  auto map = root->Map({"v"});
  ASSERT_TRUE(map);
  EXPECT_EQ(map->Get("v")->line(), 2);
  EXPECT_EQ(map->Get("v")->file(), path);
  EXPECT_TRUE(problems.empty());

  const std::string missing = (dir / "missing.yaml").string();
  YamlReader absent(missing, &problems);
  EXPECT_FALSE(absent.ParseFile("the test file", "the document"));
  EXPECT_FALSE(absent.ReadText("the test file"));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, missing);
  EXPECT_EQ(problems[0].line, 0);
  EXPECT_EQ(problems[0].ToString(),
            missing + ": cannot read the test file: No such file or directory");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace alarmgate
