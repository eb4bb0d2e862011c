// The command line (contract §1): --check-config, --version, --help, exit codes and file:line.

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("alarmgate-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(CliTest, CheckConfigOfAGoodConfigPrintsOkAndExits0) {
  std::string path = Write("alarmgate.yaml", TestConfig().Render((dir_ / "data").string()));
  RunResult r = RunAlarmgate({"--check-config", path});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok"), std::string::npos) << r.out;
}

TEST_F(CliTest, CheckConfigNamesEveryProblemWithFileAndLineAndExits1) {
  std::string yaml = TestConfig().Render((dir_ / "data").string());
  int line = 1 + static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n'));
  yaml += "no_such_section: 1\nlog:\n  level: loud\n";
  std::string path = Write("broken.yaml", yaml);
  RunResult r = RunAlarmgate({"--check-config", path});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::string all = r.out + r.err;
  EXPECT_NE(all.find("broken.yaml:" + std::to_string(line) + ":"), std::string::npos) << all;
  EXPECT_NE(all.find("no_such_section"), std::string::npos) << all;
}

TEST_F(CliTest, CheckConfigOfAMissingFileExits1) {
  RunResult r = RunAlarmgate({"--check-config", (dir_ / "absent.yaml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("absent.yaml"), std::string::npos) << r.out << r.err;
}

TEST_F(CliTest, VersionPrintsTheProjectVersion) {
  RunResult r = RunAlarmgate({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(ALARMGATE_VERSION), std::string::npos) << r.out;
}

TEST_F(CliTest, HelpNamesTheOptions) {
  RunResult r = RunAlarmgate({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* option : {"--config", "--listen", "--data-dir", "--check-config", "--version"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option << " in:\n" << r.out;
  }
}

TEST_F(CliTest, UnknownOptionFails) {
  RunResult r = RunAlarmgate({"--no-such-option"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1) << "did not exit";
}

}  // namespace
}  // namespace alarmgate::e2e
