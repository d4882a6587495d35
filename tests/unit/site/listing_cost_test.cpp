// Issue 9, defect 5: past-the-end listing pages and 404s read categories, counts and the
// latest articles from the store on every request (counting the whole articles table), so a
// client could make cheap requests cost the server dearly. Now they cost no store call once
// the listing facts are read for the current content.
#include <gtest/gtest.h>

#include "site/site_fixture.h"

namespace broadsheet::site {
namespace {

TEST(ListingCost, issue_0009_ASecondPastTheEndListingMakesNoStoreCall) {
  SiteFixture site;
  for (const std::string target :
       {"/town-hall/?page=99999", "/?page=99999", "/no-such-section/", "/no-such-page"}) {
    EXPECT_EQ(site.Get(target).status, 404) << target;
    const std::int64_t before = site.observed().calls();
    EXPECT_EQ(site.Get(target).status, 404) << target;
    EXPECT_EQ(site.observed().calls(), before) << target << " read the store again";
  }
}

TEST(ListingCost, TheFactsAreReadAgainAfterContentChanges) {
  SiteFixture site;
  EXPECT_EQ(site.Get("/sport/?page=2").status, 404);  // 6 sport stories: one page
  const std::int64_t before = site.observed().calls();
  site.context().pages.Invalidate();
  EXPECT_EQ(site.Get("/sport/?page=2").status, 404);
  EXPECT_GT(site.observed().calls(), before);
  const http::Response listing = site.Get("/sport/");
  EXPECT_EQ(listing.status, 200);
  EXPECT_NE(listing.body.find("Story number 6"), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::site
