#include "news/calendar.h"

#include <gtest/gtest.h>

namespace broadsheet::news {
namespace {

// 2026-03-01 12:00:00 UTC
constexpr std::int64_t kMarchFirst = 1772366400;

TEST(Calendar, DaysAndDatesInUtc) {
  ASSERT_TRUE(SetProcessTimeZone("UTC"));
  EXPECT_EQ(LocalDay(kMarchFirst), "2026-03-01");
  EXPECT_EQ(LocalDayBefore(kMarchFirst, 1), "2026-02-28");
  EXPECT_EQ(LocalDayBefore(kMarchFirst, 6), "2026-02-23");
  EXPECT_EQ(HumanDate(kMarchFirst), "1 March 2026");
  EXPECT_EQ(IsoTimestamp(kMarchFirst), "2026-03-01T12:00:00+00:00");
}

TEST(Calendar, FollowsTheSiteTimeZone) {
  ASSERT_TRUE(SetProcessTimeZone("Pacific/Auckland"));  // UTC+13 in March
  EXPECT_EQ(LocalDay(kMarchFirst), "2026-03-02");
  EXPECT_EQ(IsoTimestamp(kMarchFirst), "2026-03-02T01:00:00+13:00");
  ASSERT_TRUE(SetProcessTimeZone("UTC"));
}

TEST(Calendar, RefusesUnknownZones) {
  EXPECT_FALSE(SetProcessTimeZone("Mars/Olympus"));
  EXPECT_FALSE(SetProcessTimeZone("../../etc/passwd"));
  EXPECT_FALSE(SetProcessTimeZone(""));
}

}  // namespace
}  // namespace broadsheet::news
