// site/listing_anchors: where deep listing pages start, per listing and page, bounded.
#include "site/listing_anchors.h"

#include <gtest/gtest.h>

namespace broadsheet::site {
namespace {

TEST(ListingAnchors, RemembersWherePagesStartPerListing) {
  ListingAnchors anchors;
  EXPECT_FALSE(anchors.Find(0, 2));
  anchors.Remember(0, 2, {1000, 7});
  anchors.Remember(3, 2, {900, 5});
  EXPECT_EQ(anchors.Find(0, 2), (store::ListingKey{1000, 7}));
  EXPECT_EQ(anchors.Find(3, 2), (store::ListingKey{900, 5}));
  EXPECT_FALSE(anchors.Find(0, 3));
  EXPECT_FALSE(anchors.Find(4, 2));
}

TEST(ListingAnchors, KeepsNoMoreThanItsBound) {
  ListingAnchors anchors;
  for (int page = 2; anchors.size() < ListingAnchors::kMaxAnchors; ++page) {
    anchors.Remember(1, page, {page, page});
  }
  anchors.Remember(2, 2, {1, 1});
  EXPECT_EQ(anchors.size(), ListingAnchors::kMaxAnchors);
  EXPECT_FALSE(anchors.Find(2, 2)) << "past the bound a page walks the index instead";
  EXPECT_EQ(anchors.Find(1, 2), (store::ListingKey{2, 2}));
}

}  // namespace
}  // namespace broadsheet::site
