// Issue 13: finding the news. Tag, author and archive pages list exactly the published
// articles of their scope, newest first, with numbered pages; the article page links its
// tags, its author, related articles, more from the author, the older and newer article of
// its category, and its breadcrumbs. A draft, a scheduled article and one taken back to draft
// appear nowhere. On both stores (the test's TestSite), against a real server.
#include <gtest/gtest.h>

#include "http/harness/discovery_site.h"

namespace broadsheet::testing {
namespace {

class Discovery : public DiscoverySiteTest {};

// The articles' titles as they appear, in page order, among `titles`.
std::vector<std::string> TitlesIn(const std::string& page, const std::vector<std::string>& titles) {
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const std::string& title : titles) {
    const auto at = page.find(">" + title + "</a>");
    if (at != std::string::npos) found.emplace_back(at, title);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> ordered;
  for (auto& [at, title] : found) ordered.push_back(title);
  return ordered;
}

TEST_F(Discovery, issue_0013_ATagPageListsItsPublishedArticlesNewestFirstWithNumberedPages) {
  const HttpResponse first = client_->Get("/tag/ferries/");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("<h1 class=\"section-heading\">Ferries</h1>"), std::string::npos);
  EXPECT_EQ(TitlesIn(first.body, AllTitles()), (std::vector<std::string>{kStrike, kFares}));
  EXPECT_NE(first.body.find("Page 1 of 2"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/tag/ferries/?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_NE(first.body.find("<a href=\"/tag/ferries/?page=2\" aria-label=\"Page 2\">2</a>"),
            std::string::npos);
  EXPECT_NE(first.body.find("aria-current=\"page\" aria-label=\"Page 1, this page\">1</a>"),
            std::string::npos);

  const HttpResponse second = client_->Get("/tag/ferries/?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(TitlesIn(second.body, AllTitles()), (std::vector<std::string>{kTimetable}));
  EXPECT_NE(second.body.find("href=\"/tag/ferries/\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(client_->Get("/tag/ferries/?page=3").status, 404);
  EXPECT_EQ(client_->Get("/tag/no-such-tag/").status, 404);
  EXPECT_EQ(client_->Get("/tag/Not%20A%20Slug/").status, 404);
  EXPECT_EQ(client_->Get("/tag/ferries/extra/").status, 404);
  const HttpResponse bare = client_->Get("/tag/ferries");
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.Header("location"), "/tag/ferries/");
  EXPECT_EQ(TitlesIn(client_->Get("/tag/harbour/").body, AllTitles()),
            (std::vector<std::string>{kWall, kTimetable}));
}

TEST_F(Discovery, issue_0013_AnAuthorPageShowsTheirNameBioAndPublishedArticles) {
  const HttpResponse page = client_->Get("/author/ada-quill/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1 class=\"section-heading\">Ada Quill</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("Covers the harbour &amp; &lt;ferries&gt;."), std::string::npos)
      << "the bio, escaped";
  EXPECT_EQ(TitlesIn(page.body, AllTitles()), (std::vector<std::string>{kStrike, kFares}));
  EXPECT_EQ(TitlesIn(client_->Get("/author/ada-quill/?page=2").body, AllTitles()),
            (std::vector<std::string>{kTimetable}));
  EXPECT_EQ(TitlesIn(client_->Get("/author/ben-ray/").body, AllTitles()),
            (std::vector<std::string>{kWall}));
  EXPECT_EQ(client_->Get("/author/nobody/").status, 404);
  EXPECT_EQ(client_->Get("/author/ada-quill").Header("location"), "/author/ada-quill/");
}

TEST_F(Discovery, issue_0013_TheArchiveListsMonthsAndEachMonthItsArticles) {
  const HttpResponse index = client_->Get("/archive/");
  ASSERT_EQ(index.status, 200);
  const auto april = index.body.find("<a href=\"/archive/2025/04/\">April 2025</a>");
  const auto march = index.body.find("<a href=\"/archive/2025/03/\">March 2025</a>");
  ASSERT_NE(april, std::string::npos);
  ASSERT_NE(march, std::string::npos);
  EXPECT_LT(april, march) << "newest month first";
  EXPECT_NE(index.body.find("March 2025</a> <span class=\"archive-count\">2 articles</span>"),
            std::string::npos)
      << "the withdrawn article of March is not counted";
  EXPECT_EQ(index.body.find("/archive/2099/"), std::string::npos) << "nor the scheduled one";

  EXPECT_EQ(TitlesIn(client_->Get("/archive/2025/03/").body, AllTitles()),
            (std::vector<std::string>{kWall, kTimetable}));
  EXPECT_EQ(TitlesIn(client_->Get("/archive/2025/04/").body, AllTitles()),
            (std::vector<std::string>{kStrike, kFares}));
  const HttpResponse empty = client_->Get("/archive/2024/01/");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Nothing was published in January 2024."), std::string::npos);
  for (const char* bad : {"/archive/2025/13/", "/archive/2025/3/", "/archive/25/03/",
                          "/archive/2025/00/", "/archive/abcd/03/", "/archive/2025/03/x/"}) {
    EXPECT_EQ(client_->Get(bad).status, 404) << bad;
  }
  EXPECT_EQ(client_->Get("/archive/2025/03").Header("location"), "/archive/2025/03/");
  EXPECT_EQ(client_->Get("/archive").Header("location"), "/archive/");
}

TEST_F(Discovery, issue_0013_TheArticlePageLeadsOnToTagsAuthorRelatedAndNeighbours) {
  const HttpResponse page = client_->Get(PathOf(kStrike));
  ASSERT_EQ(page.status, 200);
  const std::string& body = page.body;
  EXPECT_NE(body.find("<a class=\"tag\" href=\"/tag/ferries/\" rel=\"tag\">Ferries</a>"),
            std::string::npos);
  EXPECT_NE(
      body.find("<a class=\"author\" href=\"/author/ada-quill/\" rel=\"author\">Ada Quill</a>"),
      std::string::npos);
  EXPECT_NE(body.find("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">"), std::string::npos);
  EXPECT_NE(body.find("<li><a href=\"/town-hall/\">Town Hall</a></li>"), std::string::npos);

  const std::string related = Section(body, "<h2 class=\"section-heading\">Related articles</h2>");
  EXPECT_EQ(TitlesIn(related, AllTitles()), (std::vector<std::string>{kFares, kTimetable, kWall}))
      << "shared tags first (Ferries), then the same category";
  const std::string by_author =
      Section(body, "<h2 class=\"section-heading\">More from Ada Quill</h2>");
  EXPECT_EQ(TitlesIn(by_author, AllTitles()), (std::vector<std::string>{kFares, kTimetable}));
  // Town Hall, oldest to newest: timetable, wall, strike.
  EXPECT_NE(body.find("<a class=\"article-older\" href=\"" + PathOf(kWall) + "\">"),
            std::string::npos);
  EXPECT_EQ(body.find("class=\"article-newer\""), std::string::npos) << "the newest has none";
  const HttpResponse wall = client_->Get(PathOf(kWall));
  EXPECT_NE(wall.body.find("<a class=\"article-older\" href=\"" + PathOf(kTimetable) + "\">"),
            std::string::npos);
  EXPECT_NE(wall.body.find("<a class=\"article-newer\" href=\"" + PathOf(kStrike) + "\">"),
            std::string::npos);
}

TEST_F(Discovery, issue_0013_PublishingADraftBringsItOntoItsTagAuthorAndArchivePages) {
  EXPECT_EQ(TitlesIn(client_->Get("/tag/ferries/").body, AllTitles()),
            (std::vector<std::string>{kStrike, kFares}));
  const CliResult published = site_.Cli({"article", "publish", std::to_string(IdOf(kDraft))});
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_TRUE(PollUntil(
      [&] {
        return TitlesIn(client_->Get("/tag/ferries/").body, AllTitles()) ==
               std::vector<std::string>{kDraft, kStrike};
      },
      std::chrono::seconds(30)))
      << "the tag page shows the newly published article first";
  EXPECT_EQ(TitlesIn(client_->Get("/author/ada-quill/").body, AllTitles()),
            (std::vector<std::string>{kDraft, kStrike}));
}

}  // namespace
}  // namespace broadsheet::testing
