// Issue 9, defect 5: past-the-end listing pages and 404s read categories, counts and the
// latest articles from the store on every request (counting the whole articles table), so a
// client could make cheap requests cost the server dearly. Now they cost no store call once
// the listing facts are read for the current content.
// Issue 12: a deep listing page read every earlier row (OFFSET). Now it continues from a key:
// the last row of the page before when a reader pages forward, or one index walk, remembered
// until the content changes.
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "news/article.h"
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

// The titles of a listing page's cards (the lead included), in order.
std::vector<std::string> CardTitles(const std::string& body) {
  std::vector<std::string> titles;
  const std::string open = "class=\"card-title\"><a href=\"";
  for (auto at = body.find(open); at != std::string::npos; at = body.find(open, at + 1)) {
    const auto start = body.find("\">", at + open.size()) + 2;
    titles.push_back(body.substr(start, body.find("</a>", start) - start));
  }
  return titles;
}

// "Story number N" for N from `newest` down to `oldest`, every `step`.
std::vector<std::string> Stories(int newest, int oldest, int step = 1) {
  std::vector<std::string> titles;
  for (int n = newest; n >= oldest; n -= step)
    titles.push_back("Story number " + std::to_string(n));
  return titles;
}

// Counts the store's key lookups (the index walks that find where a deep page starts) while
// it lives.
class KeyLookups {
 public:
  explicit KeyLookups(SiteFixture& site) : site_(site) {
    site_.observed().SetHook([this](std::string_view method) {
      if (method == "ListingKeyAt") ++count_;
    });
  }
  ~KeyLookups() { site_.observed().SetHook({}); }
  int count() const { return count_; }

 private:
  SiteFixture& site_;
  int count_ = 0;  // requests run on the test's thread
};

TEST(ListingCost, issue_0012_AReaderPagingForwardNeverWalksTheIndex) {
  SiteFixture site(35);  // 4 front pages of 10; Town Hall (odd numbers) 18, Sport 17
  const KeyLookups lookups(site);
  EXPECT_EQ(CardTitles(site.Get("/").body), Stories(35, 26));
  EXPECT_EQ(CardTitles(site.Get("/?page=2").body), Stories(25, 16));
  EXPECT_EQ(CardTitles(site.Get("/?page=3").body), Stories(15, 6));
  EXPECT_EQ(CardTitles(site.Get("/?page=4").body), Stories(5, 1));
  EXPECT_EQ(CardTitles(site.Get("/town-hall/").body), Stories(35, 17, 2));
  EXPECT_EQ(CardTitles(site.Get("/town-hall/?page=2").body), Stories(15, 1, 2));
  EXPECT_EQ(lookups.count(), 0) << "each page started after the last row of the page before";
}

TEST(ListingCost, issue_0012_ADeepPageFindsItsStartOnceAndTheNextFromIt) {
  SiteFixture site(35);
  const KeyLookups lookups(site);
  const http::Response deep = site.Get("/?page=3");
  ASSERT_EQ(deep.status, 200);
  EXPECT_EQ(CardTitles(deep.body), Stories(15, 6));
  EXPECT_NE(deep.body.find("Page 3 of 4"), std::string::npos);
  EXPECT_EQ(lookups.count(), 1) << "its start was unknown: one walk of the index";
  EXPECT_EQ(CardTitles(site.Get("/?page=4").body), Stories(5, 1));
  EXPECT_EQ(CardTitles(site.Get("/sport/?page=2").body), Stories(14, 2, 2));
  EXPECT_EQ(lookups.count(), 2) << "page 4 followed page 3's last row; the sport page walked once";
  site.context().pages.Invalidate();  // the content is unchanged, but nothing says so
  EXPECT_EQ(CardTitles(site.Get("/sport/?page=2").body), Stories(14, 2, 2));
  EXPECT_EQ(lookups.count(), 3) << "anchors go with the generation they were learnt in";
  EXPECT_EQ(site.Get("/?page=5").status, 404);
  EXPECT_EQ(site.Get("/sport/?page=3").status, 404);
}

TEST(ListingCost, issue_0012_AnchorsGoWhenTheContentChanges) {
  SiteFixture site(35);
  const KeyLookups lookups(site);
  EXPECT_EQ(CardTitles(site.Get("/").body), Stories(35, 26));
  EXPECT_EQ(CardTitles(site.Get("/?page=2").body), Stories(25, 16));
  // A newer article moves every row one place down: page 2's old anchor (after story 26)
  // would now leave story 26 out.
  news::ArticleInput input{.title = "Story number 36",
                           .category = "Sport",
                           .author = "Margaret Ellison",
                           .status = news::ArticleStatus::kPublished,
                           .body_markdown = "Later."};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  site.real().AddArticle(input, "<p>Later.</p>", 1'700'000'036, 0);
  site.context().pages.Invalidate();  // as the background thread does when the version moves
  EXPECT_EQ(CardTitles(site.Get("/?page=2").body), Stories(26, 17));
  EXPECT_EQ(lookups.count(), 1);
  EXPECT_EQ(CardTitles(site.Get("/?page=4").body), Stories(6, 1));
}

}  // namespace
}  // namespace broadsheet::site
