// Tests FileProblem's printed form: file:line: message, and no ":0:" for whole-file problems.

#include "core/yaml/file_problem.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(FileProblemTest, ToStringIsFileLineMessage) {
  EXPECT_EQ((FileProblem{"a.yaml", 3, "boom"}).ToString(), "a.yaml:3: boom");
  EXPECT_EQ((FileProblem{"/etc/x/rules.yaml", 120, "m"}).ToString(), "/etc/x/rules.yaml:120: m");
}

TEST(FileProblemTest, WholeFileProblemHasNoLineZero) {
  EXPECT_EQ((FileProblem{"a.yaml", 0, "cannot read"}).ToString(), "a.yaml: cannot read");
}

}  // namespace
}  // namespace alarmgate
