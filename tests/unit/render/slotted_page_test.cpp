#include "render/slotted_page.h"

#include <gtest/gtest.h>

#include "render/live_numbers.h"

namespace broadsheet::render {
namespace {

TEST(SlottedPage, FillsEachSlotByItsKindAndArticle) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(7) + "</p><i>" + ViewsSlot(42) +
                                       "</i>" + Slot(SlotKind::kRating, 7));
  ASSERT_EQ(page.slots().size(), 3u);
  std::string out;
  page.Fill(out, [](std::string& into, SlotKind kind, std::int64_t id) {
    if (kind == SlotKind::kViews) AppendReadTimesText(into, id == 7 ? 1 : 1234567);
    if (kind == SlotKind::kRating) into += "r" + std::to_string(id);
  });
  EXPECT_EQ(out, "<p>Read 1 time</p><i>Read 1,234,567 times</i>r7");
}

TEST(SlottedPage, DropsMalformedMarkersInsteadOfTrustingThem) {
  // Not a number, an unknown kind, an unclosed marker.
  const auto page = SlottedPage::Parse("a\x1e" "vx\x1f" "b\x1e" "z1\x1f" "c\x1e" "d");
  EXPECT_TRUE(page.slots().empty());
  std::string out;
  page.Fill(out, [](std::string&, SlotKind, std::int64_t) {});
  EXPECT_EQ(out, "avx\x1f" "bz1\x1f" "cd");
}

}  // namespace
}  // namespace broadsheet::render
