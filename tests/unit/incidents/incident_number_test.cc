// Tests for incident numbers: the format, and an order that follows the sequence even when the
// clock goes backwards.

#include "incidents/incident_number.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace alarmgate {
namespace {

constexpr int64_t k20240322151506 = 1'711'120'506'017;  // 2024-03-22T15:15:06.017Z

TEST(IncidentNumberTest, Format) {
  EXPECT_EQ(FormatIncidentNum(42, k20240322151506), "IM000000004220240322151506");
  EXPECT_EQ(FormatIncidentNum(1, 0), "IM000000000119700101000000");
  EXPECT_EQ(FormatIncidentNum(kMaxIncidentSequence, k20240322151506), "IM999999999920240322151506");
}

TEST(IncidentNumberTest, TimeIsClampedToFourteenDigits) {
  EXPECT_EQ(FormatIncidentNum(1, -5), "IM000000000119700101000000");
  EXPECT_EQ(FormatIncidentNum(1, INT64_MAX), "IM000000000199991231235959");
}

TEST(IncidentNumberTest, IsImPlus24Digits) {
  for (uint64_t seq : {uint64_t{1}, uint64_t{99}, uint64_t{123456789}, kMaxIncidentSequence}) {
    std::string num = FormatIncidentNum(seq, k20240322151506);
    EXPECT_EQ(num.size(), 26u) << num;
    EXPECT_TRUE(IsIncidentNum(num)) << num;
  }
  EXPECT_TRUE(IsIncidentNum("IM202403221515060171753781"));  // the seed's own
  EXPECT_FALSE(IsIncidentNum("IM20240322151506017175378"));
  EXPECT_FALSE(IsIncidentNum("IM2024032215150601717537810"));
  EXPECT_FALSE(IsIncidentNum("im202403221515060171753781"));
  EXPECT_FALSE(IsIncidentNum("IM20240322151506017175378x"));
  EXPECT_FALSE(IsIncidentNum(""));
}

TEST(IncidentNumberTest, IncreasesWithTheSequenceWhateverTheClockDoes) {
  // The clock jumps an hour back, then a year back, then forward: numbers still increase.
  const int64_t times[] = {k20240322151506, k20240322151506 - 3'600'000,
                           k20240322151506 - 365LL * 86'400'000, k20240322151506 + 86'400'000,
                           k20240322151506 + 86'400'000};
  std::string previous;
  uint64_t seq = 9;  // crosses a digit boundary (9 → 10 → …)
  for (int64_t t : times) {
    std::string num = FormatIncidentNum(seq, t);
    EXPECT_LT(previous, num) << "sequence " << seq;
    previous = num;
    ++seq;
  }
}

TEST(IncidentNumberTest, SequenceRoundTrips) {
  for (uint64_t seq : {uint64_t{1}, uint64_t{10}, uint64_t{4294967296}, kMaxIncidentSequence}) {
    EXPECT_EQ(IncidentSequenceOf(FormatIncidentNum(seq, k20240322151506)), seq);
  }
  EXPECT_FALSE(IncidentSequenceOf("IM1"));
}

}  // namespace
}  // namespace alarmgate
