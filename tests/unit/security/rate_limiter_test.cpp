#include "security/rate_limiter.h"

#include <gtest/gtest.h>

namespace broadsheet::security {
namespace {

using std::chrono::seconds;

TEST(SlidingWindowLimiter, TheWindowSlidesInsteadOfResettingOnTheMinute) {
  ManualClock clock;
  SlidingWindowLimiter limiter(30, seconds(60), clock);
  clock.Set(seconds(59));
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(limiter.Allow("addr").allowed) << i;
  EXPECT_FALSE(limiter.Allow("addr").allowed);
  clock.Set(seconds(61));  // a new calendar minute, but the 30 votes are 2 s old
  const RateDecision refused = limiter.Allow("addr");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, seconds(58));
  clock.Set(seconds(119));  // exactly one window after the 30: they have left it
  EXPECT_TRUE(limiter.Allow("addr").allowed);
}

TEST(SlidingWindowLimiter, KeysAreCountedApart) {
  ManualClock clock;
  SlidingWindowLimiter limiter(1, seconds(60), clock);
  EXPECT_TRUE(limiter.Allow("a").allowed);
  EXPECT_TRUE(limiter.Allow("b").allowed);
  EXPECT_FALSE(limiter.Allow("a").allowed);
}

TEST(SlidingWindowLimiter, RefusedAttemptsDoNotExtendTheWait) {
  ManualClock clock;
  SlidingWindowLimiter limiter(2, seconds(10), clock);
  EXPECT_TRUE(limiter.Allow("k").allowed);
  EXPECT_TRUE(limiter.Allow("k").allowed);
  for (int i = 0; i < 5; ++i) {
    clock.Advance(seconds(1));
    EXPECT_FALSE(limiter.Allow("k").allowed);
  }
  clock.Set(seconds(10));
  EXPECT_TRUE(limiter.Allow("k").allowed);
}

}  // namespace
}  // namespace broadsheet::security
