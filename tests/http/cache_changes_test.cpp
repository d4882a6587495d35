// Issue 12: invalidation by what changed. Another process (as another node would) approves a
// comment on one article, then corrects another article's headline: each time the server
// drops only the pages that show what changed, learning it from the store's change log.
#include <gtest/gtest.h>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "news/calendar.h"

namespace broadsheet::testing {
namespace {

// Two published articles of the demo site in different categories (neither page lists the
// other in "More in this category").
std::pair<std::int64_t, std::int64_t> TwoArticlesInTwoCategories(const TestSite& site) {
  const auto articles = site.OpenStore()->ListAllArticles();
  for (const auto& a : articles) {
    for (const auto& b : articles) {
      if (a.status == news::ArticleStatus::kPublished &&
          b.status == news::ArticleStatus::kPublished && a.category.id != b.category.id) {
        return {a.id, b.id};
      }
    }
  }
  return {0, 0};
}

TEST(CacheByWhatChanged, ACommentOnOneArticleLeavesAnotherArticlesPageCached) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "cache.max_age_s=3600", "--set",
                                          "store.poll_interval_ms=100"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const auto [commented, other] = TwoArticlesInTwoCategories(site);
  ASSERT_NE(commented, 0);
  const std::string commented_path = ArticlePathOf(site, commented);
  const std::string other_path = ArticlePathOf(site, other);
  for (const std::string& path : {commented_path, other_path}) {
    ASSERT_EQ(client.Get(path).status, 200);
    ASSERT_EQ(client.Get(path).Header("x-cache"), "hit") << path;
  }

  // An approved comment written by another process: the server hears of it only through the
  // store (its poll), as a node hears of another node's comments.
  store::CommentRow comment;
  comment.article_id = commented;
  comment.reader_id = "another-node-reader";
  comment.name = "Wren";
  comment.body = "Written through another node entirely";
  comment.status = news::CommentStatus::kApproved;
  comment.created_at = news::UnixNow();
  ASSERT_TRUE(site.OpenStore()->AddComment(comment));
  ASSERT_TRUE(PollUntil(
      [&] {
        return client.Get(commented_path).body.find("Written through another node entirely") !=
               std::string::npos;
      },
      std::chrono::seconds(20)))
      << "the commented article's page never showed the comment";
  EXPECT_EQ(client.Get(other_path).Header("x-cache"), "hit")
      << "a comment on article " << commented << " dropped article " << other << "'s page";

  // A corrected headline (published, same category, same time) drops the pages that show
  // that article, not the other article's page.
  const auto article = site.OpenStore()->FindArticle(commented);
  WriteTextFile(site.File("edit.md"), "---\ntitle: A Corrected Headline\nslug: " + article->slug +
                                          "\ncategory: " + article->category.name +
                                          "\nauthor: " + article->author.name +
                                          "\nstatus: published\n---\n" + article->body_markdown);
  const CliResult edited =
      site.Cli({"article", "edit", std::to_string(commented), site.File("edit.md")});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  ASSERT_EQ(site.OpenStore()->FindArticle(commented)->published_at, article->published_at)
      << "the edit was meant to keep the article's time";
  ASSERT_TRUE(PollUntil(
      [&] {
        return client.Get(commented_path).body.find("A Corrected Headline") != std::string::npos;
      },
      std::chrono::seconds(20)));
  EXPECT_EQ(client.Get(other_path).Header("x-cache"), "hit")
      << "a correction to article " << commented << " dropped article " << other << "'s page";
  EXPECT_EQ(server.Stop(), 0) << server.Log();
}

}  // namespace
}  // namespace broadsheet::testing
