// Issue 13: the store keeps its search index itself, on both stores, with published articles
// only. A save indexes the
// article; an author's new name is found in their articles; an article in the trash or taken
// back to draft is not found, and one purged from the trash leaves no row; an import and a
// database whose index lost rows (as one made before the index existed) are indexed when the
// store opens; and query syntax never reaches the database as syntax.
#include <gtest/gtest.h>

#include "store/listing_statements.h"
#include "store/site_export.h"
#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

std::vector<std::int64_t> Found(Store& store, const std::string& query) {
  return store.SearchPublished(news::ParseSearchQuery(query), 0, 50).ids;
}

std::int64_t AddWithBody(Store& store, const std::string& title, const std::string& body,
                         std::int64_t when) {
  news::ArticleInput input{.title = title,
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = kPublished,
                           .tags = {"Quayside"},
                           .body_markdown = body};
  EXPECT_TRUE(news::NormalizeAndValidate(input).empty());
  return store.AddArticle(input, "<p>" + body + "</p>", when, 0);
}

TEST_P(StoreContract, issue_0013_TheSearchIndexFollowsSavesNamesAndTheTrash) {
  const auto a =
      AddWithBody(*store_, "Crème brûlée contest", "Judges tasted forty desserts.", 1000);
  const auto b = AddWithBody(*store_, "Harbour repairs", "The crème of local builders.", 2000);
  EXPECT_EQ(Found(*store_, "creme"), (std::vector<std::int64_t>{a, b})) << "title first";
  EXPECT_EQ(Found(*store_, "desserts"), std::vector<std::int64_t>{a});
  EXPECT_EQ(Found(*store_, "quayside").size(), 2u) << "tags";
  const auto page = store_->SearchPublished(news::ParseSearchQuery("creme"), 1, 1);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.ids, std::vector<std::int64_t>{b}) << "offset and limit";

  // A save indexes the new text.
  news::ArticleInput edit{.title = "Harbour repairs",
                          .category = "Town Hall",
                          .author = "Ada Quill",
                          .status = kPublished,
                          .body_markdown = "Scaffolding went up on Monday."};
  ASSERT_TRUE(news::NormalizeAndValidate(edit).empty());
  ASSERT_EQ(store_->UpdateArticle(b, edit, "<p>Scaffolding</p>", 2100, {}, "saved"),
            SaveOutcome::kSaved);
  EXPECT_EQ(Found(*store_, "creme"), std::vector<std::int64_t>{a});
  EXPECT_EQ(Found(*store_, "scaffold*"), std::vector<std::int64_t>{b});

  // The author's name, renamed.
  const auto author = store_->FindAuthorBySlug("ada-quill");
  ASSERT_TRUE(store_->UpdateAuthorProfile(author->id, "Ada Quillon-Brêve", ""));
  EXPECT_EQ(Found(*store_, "quillon breve").size(), 2u);

  ASSERT_TRUE(store_->SetArticleStatus(a, kDraft, 3000, 0));
  EXPECT_TRUE(Found(*store_, "desserts").empty()) << "a draft";
  ASSERT_TRUE(store_->SetArticleStatus(a, kPublished, 3100, 0));
  EXPECT_EQ(Found(*store_, "desserts"), std::vector<std::int64_t>{a});
  ASSERT_TRUE(store_->TrashArticle(a, 3200, 0));
  EXPECT_TRUE(Found(*store_, "desserts").empty()) << "in the trash";
  EXPECT_EQ(store_->PurgeTrash(4000), 1);
  auto direct = Direct();
  EXPECT_EQ(direct->Query("SELECT count(*) FROM article_search", {}).at(0).at(0), "1")
      << "the purged article's row went with it";
}

TEST_P(StoreContract, issue_0013_MissingSearchRowsAreIndexedWhenTheStoreOpens) {
  const auto a = AddWithBody(*store_, "Lighthouse keeper retires", "After forty winters.", 1000);
  {
    // As a database made before the index existed: no rows, and the store told to look.
    auto direct = Direct();
    direct->Run("DELETE FROM article_search");
    direct->Run("UPDATE site_meta SET value = 0 WHERE key = 'search_indexed'");
  }
  EXPECT_TRUE(Found(*store_, "lighthouse").empty());
  store_ = Open();
  EXPECT_EQ(Found(*store_, "lighthouse"), std::vector<std::int64_t>{a});
  EXPECT_EQ(Found(*store_, "winters"), std::vector<std::int64_t>{a});

  // An import writes its articles' rows too (as a whole site, in place of this one).
  const SiteExport site = store_->ExportSite();
  store_->ImportSite(site, /*replace=*/true);
  EXPECT_EQ(Found(*store_, "lighthouse"), std::vector<std::int64_t>{a});
}

TEST_P(StoreContract, issue_0013_QuerySyntaxIsNeverDatabaseSyntax) {
  const auto a = AddWithBody(*store_, "Ferry fares", "NEAR the quay, AND OR NOT words.", 1000);
  for (const char* query : {"\"", "NEAR(", "*", "AND OR NOT", "-ferry", "ferry'", "'; --",
                            "\"unclosed", "ferry:*", "ferry <-> fares", "!ferry", "(ferry"}) {
    SCOPED_TRACE(query);
    EXPECT_NO_THROW(Found(*store_, query));
  }
  EXPECT_EQ(Found(*store_, "AND OR NOT"), std::vector<std::int64_t>{a}) << "plain words";
  EXPECT_EQ(Found(*store_, "near("), std::vector<std::int64_t>{a});
  EXPECT_EQ(Found(*store_, "-ferry"), std::vector<std::int64_t>{a}) << "not a negation";
}

TEST(SearchSlices, issue_0013_RankedMatchesComeFirstThenTheRestNewestFirst) {
  // Within the ranked newest matches.
  auto slices = SliceSearchPage(20, 10);
  EXPECT_EQ(slices.ranked_limit, 10);
  EXPECT_EQ(slices.newest_limit, 0);
  // Across the boundary: the last ranked ones, then the first of the rest.
  slices = SliceSearchPage(kRankedMatches - 4, 10);
  EXPECT_EQ(slices.ranked_limit, 4);
  EXPECT_EQ(slices.newest_limit, 6);
  EXPECT_EQ(slices.newest_offset, kRankedMatches);
  // Past it: newest first only, at the same position.
  slices = SliceSearchPage(kRankedMatches + 30, 10);
  EXPECT_EQ(slices.ranked_limit, 0);
  EXPECT_EQ(slices.newest_limit, 10);
  EXPECT_EQ(slices.newest_offset, kRankedMatches + 30);
}

// A word in more articles than are counted: "more than" the cap, the newest kRankedMatches
// ranked with a title match first, later pages newest first. The articles and their index
// rows are written straight, ids 1 to kCountedMatches + 200.
TEST_P(StoreContract, issue_0013_ACommonWordIsCountedUpToTheCap) {
  constexpr int kRows = kCountedMatches + 200;
  const int title_match = kRows - 50;
  const std::vector<ExampleValue> numbers = {{.number = kRows}, {.number = title_match}};
  // Article 1 (by the store) gives the others their author and category; every row is then
  // replaced by the test's text.
  Add("Seed", "Town Hall", kPublished, 1);
  auto direct = Direct();
  if (direct->postgres()) {
    direct->Query(
        "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
        " category_id, status, published_at, updated_at) SELECT 'story-' || g, 'Story', '', '',"
        " '', a.author_id, a.category_id, 'published', g, g FROM generate_series(2, $1::int) g,"
        " (SELECT author_id, category_id FROM articles WHERE id = 1) a",
        {numbers[0]});
    direct->Run("DELETE FROM article_search");
    direct->Query(
        "INSERT INTO article_search(article_id, document) SELECT g, to_tsvector('simple',"
        " CASE WHEN g = $2::int THEN 'ferry lighthouse' ELSE 'story' END || ' harbour ferry')"
        " FROM generate_series(1, $1::int) g",
        numbers);
  } else {
    direct->Query(
        "WITH RECURSIVE n(g) AS (SELECT 2 UNION ALL SELECT g + 1 FROM n WHERE g < ?1)"
        " INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
        " category_id, status, published_at, updated_at) SELECT 'story-' || g, 'Story', '', '',"
        " '', a.author_id, a.category_id, 'published', g, g FROM n,"
        " (SELECT author_id, category_id FROM articles WHERE id = 1) a",
        {numbers[0]});
    direct->Run("DELETE FROM article_search");
    direct->Query(
        "WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < ?1)"
        " INSERT INTO article_search(rowid, title, summary, body, tags, author)"
        " SELECT g, CASE WHEN g = ?2 THEN 'ferry' ELSE 'story' END,"
        " CASE WHEN g = ?2 THEN 'lighthouse' ELSE '' END, 'harbour ferry', '', '' FROM n",
        numbers);
  }
  const auto first = store_->SearchPublished(news::ParseSearchQuery("ferry"), 0, 3);
  EXPECT_EQ(first.total, kCountedMatches);
  EXPECT_TRUE(first.more_than_total);
  EXPECT_EQ(first.ids, (std::vector<std::int64_t>{title_match, kRows, kRows - 1}))
      << "the title match first, then the newest";
  const auto past_ranked =
      store_->SearchPublished(news::ParseSearchQuery("ferry"), kRankedMatches, 2);
  EXPECT_EQ(past_ranked.ids,
            (std::vector<std::int64_t>{kRows - kRankedMatches, kRows - kRankedMatches - 1}))
      << "past the ranked matches, newest first";
  const auto rare = store_->SearchPublished(news::ParseSearchQuery("lighthouse"), 0, 5);
  EXPECT_EQ(rare.total, 1);
  EXPECT_FALSE(rare.more_than_total);
  EXPECT_EQ(rare.ids, std::vector<std::int64_t>{title_match});
}

}  // namespace
}  // namespace broadsheet::store
