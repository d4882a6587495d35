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

// Two published articles of the demo site whose pages do not name each other.
std::pair<std::int64_t, std::int64_t> TwoUnrelatedArticles(const TestSite& site) {
  // Neither page may name the other (issue 13): different categories ("More in"), authors
  // ("More from") and tags ("Related articles").
  const auto store = site.OpenStore();
  const auto shares_a_tag = [&](std::int64_t a, std::int64_t b) {
    const auto first = store->FindArticle(a);
    const auto second = store->FindArticle(b);
    for (const auto& x : first->tags) {
      for (const auto& y : second->tags) {
        if (x.id == y.id) return true;
      }
    }
    return false;
  };
  const auto articles = store->ListAllArticles();
  for (const auto& a : articles) {
    for (const auto& b : articles) {
      if (a.status == news::ArticleStatus::kPublished &&
          b.status == news::ArticleStatus::kPublished && a.category.id != b.category.id &&
          a.author.id != b.author.id && !shares_a_tag(a.id, b.id)) {
        return {a.id, b.id};
      }
    }
  }
  return {0, 0};
}

// The article's tags as front matter lists them (an edit that left them out would remove them).
std::string TagNames(const store::ArticleRow& article) {
  std::string names;
  for (const auto& tag : article.tags) names += (names.empty() ? "" : ", ") + tag.name;
  return names;
}

// An approved comment as another node's reader would leave it.
store::CommentRow ApprovedComment(std::int64_t article_id, std::string body) {
  store::CommentRow comment;
  comment.article_id = article_id;
  comment.reader_id = "another-node-reader";
  comment.name = "Wren";
  comment.body = std::move(body);
  comment.status = news::CommentStatus::kApproved;
  comment.created_at = news::UnixNow();
  return comment;
}

TEST(CacheByWhatChanged, ACommentOnOneArticleLeavesAnotherArticlesPageCached) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "cache.max_age_s=3600", "--set",
                                          "store.poll_interval_ms=100"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const auto [commented, other] = TwoUnrelatedArticles(site);
  ASSERT_NE(commented, 0);
  const std::string commented_path = ArticlePathOf(site, commented);
  const std::string other_path = ArticlePathOf(site, other);
  for (const std::string& path : {commented_path, other_path}) {
    ASSERT_EQ(client.Get(path).status, 200);
    ASSERT_EQ(client.Get(path).Header("x-cache"), "hit") << path;
  }

  // An approved comment written by another process: the server hears of it only through the
  // store (its poll), as a node hears of another node's comments.
  ASSERT_TRUE(site.OpenStore()->AddComment(
      ApprovedComment(commented, "Written through another node entirely")));
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
                                          "\ncategory: " + article->category.name + "\nauthor: " +
                                          article->author.name + "\ntags: " + TagNames(*article) +
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

// The count a listing card shows for `article_path`'s comments ("No comments", "3 comments").
std::string CardCommentCount(const std::string& listing, const std::string& article_path) {
  const std::string link = "href=\"" + article_path + "#comments\">";
  const auto at = listing.find(link);
  if (at == std::string::npos) return "";
  const auto from = at + link.size();
  return listing.substr(from, listing.find("</a>", from) - from);
}

// A listing card's comment count is a live number, like its views: another node's approved
// comment changes it on the cached front page without dropping the page.
TEST(CacheByWhatChanged, ACommentChangesTheCountOnACachedListingWithoutDroppingIt) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "cache.max_age_s=3600", "--set",
                                          "store.poll_interval_ms=100"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  ASSERT_EQ(client.Get("/").status, 200);
  const HttpResponse before = client.Get("/");
  ASSERT_EQ(before.Header("x-cache"), "hit");
  // The first card's article: "/category/ID-slug".
  const std::string marker = "class=\"card-comments\" href=\"";
  const auto card = before.body.find(marker);
  ASSERT_NE(card, std::string::npos) << "the front page shows no card";
  const std::string path = before.body.substr(
      card + marker.size(), before.body.find('#', card + marker.size()) - card - marker.size());
  const std::int64_t commented = std::stoll(path.substr(path.find('/', 1) + 1));
  const std::int64_t approved = site.OpenStore()->CountApprovedComments(commented);
  const std::string count_before = CardCommentCount(before.body, path);
  ASSERT_EQ(count_before, approved == 0 ? "No comments" : std::to_string(approved) + " comments")
      << "the front page has no card for " << path;

  ASSERT_TRUE(site.OpenStore()->AddComment(ApprovedComment(commented, "Counted on the card")));
  const std::string expected =
      std::to_string(approved + 1) + (approved + 1 == 1 ? " comment" : " comments");
  HttpResponse after;
  ASSERT_TRUE(PollUntil(
      [&] {
        after = client.Get("/");
        return CardCommentCount(after.body, path) == expected;
      },
      std::chrono::seconds(20)))
      << "the card still says " << CardCommentCount(after.body, path);
  EXPECT_EQ(after.Header("x-cache"), "hit") << "the comment dropped the cached front page";
  EXPECT_EQ(server.Stop(), 0) << server.Log();
}

}  // namespace
}  // namespace broadsheet::testing
