#include "pipeline/rate_limiter.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(RateLimiterTest, BurstIsTwiceTheRateThenRefusesWithRetryAfter) {
  FakeClock clock;
  RateLimiter limiter(clock);
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.Acquire("a", 10, 1).allowed) << i;
  RateLimiter::Decision d = limiter.Acquire("a", 10, 1);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 1);
  clock.Advance(100);  // one token back at 10/s
  EXPECT_TRUE(limiter.Acquire("a", 10, 1).allowed);
  EXPECT_FALSE(limiter.Acquire("a", 10, 1).allowed);
}

TEST(RateLimiterTest, ZeroRateIsUnlimited) {
  FakeClock clock;
  RateLimiter limiter(clock);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.Acquire("a", 0, 100).allowed);
}

TEST(RateLimiterTest, BucketsAreIndependent) {
  FakeClock clock;
  RateLimiter limiter(clock);
  EXPECT_TRUE(limiter.Acquire("a", 1, 2).allowed);
  EXPECT_FALSE(limiter.Acquire("a", 1, 1).allowed);
  EXPECT_TRUE(limiter.Acquire("b", 1, 1).allowed);
}

TEST(RateLimiterTest, ABatchLargerThanTheBurstPassesOnceThenWaitsOffItsDebt) {
  FakeClock clock;
  RateLimiter limiter(clock);
  EXPECT_TRUE(limiter.Acquire("a", 10, 100).allowed);  // 20 tokens - 100 = -80
  RateLimiter::Decision d = limiter.Acquire("a", 10, 1);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 9);  // 81 tokens missing at 10/s
  clock.Advance(8'100);
  EXPECT_TRUE(limiter.Acquire("a", 10, 1).allowed);
}

TEST(RateLimiterTest, RefillNeverExceedsTheBurst) {
  FakeClock clock;
  RateLimiter limiter(clock);
  EXPECT_TRUE(limiter.Acquire("a", 1, 1).allowed);
  clock.Advance(3'600'000);
  EXPECT_TRUE(limiter.Acquire("a", 1, 1).allowed);
  EXPECT_TRUE(limiter.Acquire("a", 1, 1).allowed);
  EXPECT_FALSE(limiter.Acquire("a", 1, 1).allowed);
}

}  // namespace
}  // namespace alarmgate
