#include "render/slotted_page.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(SlottedPage, FillsEachSlotWithItsArticlesLiveCount) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(7) + "</p><i>" + ViewsSlot(42) + "</i>");
  ASSERT_EQ(page.slot_articles().size(), 2u);
  std::string out;
  page.Fill(out, [](std::int64_t id) { return id == 7 ? 1 : 1234567; });
  EXPECT_EQ(out, "<p>Read 1 time</p><i>Read 1,234,567 times</i>");
}

TEST(SlottedPage, DropsMalformedMarkersInsteadOfTrustingThem) {
  const auto page = SlottedPage::Parse("a\x1e" "vx\x1f" "b\x1e" "c");
  EXPECT_TRUE(page.slot_articles().empty());
  std::string out;
  page.Fill(out, [](std::int64_t) { return 0; });
  EXPECT_EQ(out, "avx\x1f" "bc");
}

TEST(SlottedPage, ReadTimesTextPluralises) {
  EXPECT_EQ(ReadTimesText(0), "Read 0 times");
  EXPECT_EQ(ReadTimesText(1), "Read 1 time");
  EXPECT_EQ(ReadTimesText(2), "Read 2 times");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(173), "173");
  EXPECT_EQ(GroupThousands(12345678), "12,345,678");
}

}  // namespace
}  // namespace broadsheet::render
