// API silence ids: "S" and twelve digits, so that they sort by creation.

#include "rules/silence_id.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(SilenceIdTest, FormatIsSAndTwelveDigitsSoIdsSortByCreation) {
  EXPECT_EQ(FormatSilenceId(1), "S000000000001");
  EXPECT_EQ(FormatSilenceId(kMaxSilenceSequence), "S999999999999");
  EXPECT_LT(FormatSilenceId(9), FormatSilenceId(10));
}

}  // namespace
}  // namespace alarmgate
