// Issue 9, defect 3: a page whose render began before an invalidation was stored after it, so
// an edit (or a new comment) stayed hidden behind the cache for up to [cache] max_age_s. The
// interleaving is forced with a store hook that holds the render in its middle.
#include <gtest/gtest.h>

#include <thread>

#include "news/article.h"
#include "render/markdown.h"
#include "site/site_fixture.h"
#include "support/latch.h"

namespace broadsheet::site {
namespace {

TEST(PageCacheRace, issue_0009_AnEditDuringARenderIsNotHiddenByTheCache) {
  SiteFixture site;
  const std::string path = site.ArticlePath(3);
  testing::Latch gate;
  std::atomic<bool> armed{true};
  // The render reads the article first, then its comments: hold it there, with the old
  // article already read.
  site.observed().SetHook([&](std::string_view method) {
    if (method == "ListApprovedComments" && armed.exchange(false)) gate.Wait();
  });
  http::Response in_flight;
  std::thread reader([&] { in_flight = site.Get(path); });
  gate.AwaitArrival();

  // An editor saves a new headline, and the node invalidates its cache as the background
  // task does when the content version moves.
  auto article = site.real().FindArticle(3);
  news::ArticleInput edit{.title = "Corrected headline",
                          .slug = article->slug,
                          .summary = article->summary,
                          .category = article->category.name,
                          .author = article->author.name,
                          .status = news::ArticleStatus::kPublished,
                          .body_markdown = article->body_markdown};
  ASSERT_EQ(site.real().UpdateArticle(3, edit, render::RenderMarkdown(edit.body_markdown),
                                      article->updated_at + 1, {}, "saved"),
            store::SaveOutcome::kSaved);
  site.context().pages.Invalidate();
  gate.Release();
  reader.join();
  EXPECT_EQ(in_flight.status, 200);  // the reader who asked before the edit got the old page

  const http::Response after = site.Get(path);
  EXPECT_NE(after.body.find("Corrected headline"), std::string::npos)
      << "the cache kept the page rendered before the edit (X-Cache: " << after.Header("X-Cache")
      << ")";
}

}  // namespace
}  // namespace broadsheet::site
