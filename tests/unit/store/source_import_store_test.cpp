// Issue 14: what the importers hand the store. A batch writes articles with their terms,
// search rows and old links; a second batch with the same old ids writes nothing; comments
// find their article and parent by old id; editors' redirects are kept; an export carries the
// links and redirects into another store. Both stores.
#include <gtest/gtest.h>

#include "news/slug.h"
#include "store/site_export.h"
#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

ImportedArticle Imported(const std::string& old_id, const std::string& title,
                         news::ArticleStatus status, std::int64_t when) {
  ImportedArticle article;
  article.old_id = old_id;
  article.old_slug = "old-" + old_id;
  article.title = title;
  article.slug = news::Slugify(title);
  article.body_markdown = "Body of " + title;
  article.body_html = "<p>Body of " + title + "</p>";
  article.status = status;
  article.published_at = status == news::ArticleStatus::kDraft ? 0 : when;
  article.updated_at = when;
  article.views = 42;
  article.category = {"Harbour News", "harbour", ""};
  article.author = {"Zoë Ångström", "zoe", "Writes about ferries."};
  article.tags = {{"Café culture", "cafe-culture", ""}, {"Ferries", "ferries", ""}};
  return article;
}

ImportedComment Comment(const std::string& old_id, const std::string& article,
                        const std::string& parent, news::CommentStatus status) {
  ImportedComment comment;
  comment.old_id = old_id;
  comment.old_article_id = article;
  comment.old_parent_id = parent;
  comment.name = "Reader " + old_id;
  comment.body = "Comment " + old_id;
  comment.status = status;
  comment.created_at = 1700000000 + std::stoll(old_id);
  return comment;
}

constexpr const char* kSource = "http://gazette.example.test";

TEST_P(StoreContract, issue_0014_AnImportBatchWritesOnceWithItsOldLinks) {
  using news::ArticleStatus;
  const std::vector<ImportedArticle> batch = {
      Imported("12", "Ferry returns", ArticleStatus::kPublished, 1714730400),
      Imported("15", "Quay plans", ArticleStatus::kDraft, 1714830400)};
  const ImportTally first = store_->ImportArticles(OldSystem::kWordPress, kSource, batch);
  EXPECT_EQ(first.written, 2);
  const ImportTally again = store_->ImportArticles(OldSystem::kWordPress, kSource, batch);
  EXPECT_EQ(again.written, 0);
  EXPECT_EQ(again.skipped, 2);
  // The same old id under another source is another site's post.
  EXPECT_EQ(store_->ImportArticles(OldSystem::kWordPress, "http://other.test", {batch[0]}).written,
            1);
  EXPECT_EQ(store_->ListAllArticles().size(), 3u);

  std::int64_t ferry = 0;
  for (const OldLink& link : store_->ListOldLinks()) {
    if (link.kind == OldKind::kArticle && link.old_id == "12" && link.source == kSource) {
      ferry = link.new_id;
      EXPECT_EQ(link.old_slug, "old-12");
    }
  }
  ASSERT_NE(ferry, 0);
  const auto article = store_->FindArticle(ferry);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, ArticleStatus::kPublished);
  EXPECT_EQ(article->published_at, 1714730400);
  EXPECT_EQ(article->views, 42);
  EXPECT_EQ(article->category.slug, "harbour-news");
  EXPECT_EQ(article->author.name, "Zoë Ångström");
  ASSERT_EQ(article->tags.size(), 2u);
  EXPECT_EQ(article->tags[0].slug, "cafe-culture");
  EXPECT_EQ(store_->FindAuthorBySlug(article->author.slug)->bio, "Writes about ferries.");
  EXPECT_EQ(store_->SearchPublished(news::ParseSearchQuery("ferry"), 0, 10).ids.size(), 2u)
      << "both sources' published copies";
  EXPECT_TRUE(store_->SearchPublished(news::ParseSearchQuery("quay"), 0, 10).ids.empty())
      << "not the draft";

  // Comments: a reply keeps its parent; a comment of an unknown post is an orphan; a re-run
  // writes none again.
  const std::vector<ImportedComment> comments = {
      Comment("7", "12", "", news::CommentStatus::kApproved),
      Comment("8", "12", "7", news::CommentStatus::kPending),
      Comment("9", "99", "", news::CommentStatus::kApproved)};
  const ImportTally written = store_->ImportComments(OldSystem::kWordPress, kSource, comments);
  EXPECT_EQ(written.written, 2);
  EXPECT_EQ(written.orphans, 1);
  EXPECT_EQ(store_->ImportComments(OldSystem::kWordPress, kSource, comments).skipped, 2);
  const auto listed = store_->ListApprovedComments(ferry, 0, 10);
  ASSERT_EQ(listed.size(), 1u);
  const auto all = store_->ExportSite().comments;
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].parent_id, all[0].id);
  EXPECT_EQ(all[1].status, news::CommentStatus::kPending);
}

TEST_P(StoreContract, issue_0014_RedirectsAndOldLinksMoveTheirVersionAndTravelInAnExport) {
  const std::int64_t before = store_->OldLinksVersion();
  const std::int64_t content_before = store_->ContentVersion();
  store_->SetRedirect({"/old/", "/new/", 1700000000});
  store_->SetRedirect({"/old/", "https://example.test/", 1700000001});  // replaced
  store_->SetRedirect({"/contact?x=1", "/about/", 1700000002});
  EXPECT_GT(store_->OldLinksVersion(), before);
  EXPECT_GT(store_->ContentVersion(), content_before) << "no node keeps a cached 404";
  auto redirects = store_->ListRedirects();
  ASSERT_EQ(redirects.size(), 2u);
  EXPECT_EQ(redirects[1].old_path, "/old/");
  EXPECT_EQ(redirects[1].target, "https://example.test/");
  EXPECT_TRUE(store_->DeleteRedirect("/contact?x=1"));
  EXPECT_FALSE(store_->DeleteRedirect("/contact?x=1"));
  store_->ImportArticles(
      OldSystem::kK2, "gazette_joomla",
      {Imported("3", "Market day", news::ArticleStatus::kPublished, 1700000000)});
  const SiteExport site = store_->ExportSite();
  EXPECT_EQ(site.redirects.size(), 1u);
  // The article, its category, author and two tags.
  EXPECT_EQ(site.old_links.size(), 5u);

  // Into the same kind of store, replacing what is there: links and redirects come along.
  store_->ImportSite(site, /*replace=*/true);
  EXPECT_EQ(store_->ListRedirects().size(), 1u);
  const auto links = store_->ListOldLinks();
  ASSERT_EQ(links.size(), 5u);
  EXPECT_EQ(store_
                ->ImportArticles(
                    OldSystem::kK2, "gazette_joomla",
                    {Imported("3", "Market day", news::ArticleStatus::kPublished, 1700000000)})
                .skipped,
            1)
      << "a re-run after the move still skips what was imported";
}

// K2's rating totals become a base of the article's rating: counted in its totals, kept by a
// reset of the readers' votes and by a move to another store.
TEST_P(StoreContract, issue_0014_AnImportedRatingBaseCountsWithReadersVotes) {
  ImportedArticle article = Imported("3", "Market day", news::ArticleStatus::kPublished, 1000);
  article.rating_sum = 9;
  article.rating_count = 2;
  ASSERT_EQ(store_->ImportArticles(OldSystem::kK2, "gazette_joomla", {article}).written, 1);
  const std::int64_t id = store_->ListOldLinks().front().new_id;
  const auto totals_of = [&](Store& store) {
    for (const RatingTotals& totals : store.ReadRatingTotals()) {
      if (totals.article_id == id) return std::pair{totals.sum, totals.count};
    }
    return std::pair<std::int64_t, std::int64_t>{-1, -1};
  };
  EXPECT_EQ(totals_of(*store_), (std::pair<std::int64_t, std::int64_t>{9, 2}));
  const auto vote = store_->RecordVote(id, "reader-1", 5, 2000);
  ASSERT_TRUE(vote);
  EXPECT_EQ(totals_of(*store_), (std::pair<std::int64_t, std::int64_t>{14, 3}));
  const SiteExport site = store_->ExportSite();
  ASSERT_EQ(site.rating_bases.size(), 1u);
  EXPECT_EQ(site.rating_bases[0].sum, 9);
  store_->ImportSite(site, /*replace=*/true);
  EXPECT_EQ(totals_of(*store_), (std::pair<std::int64_t, std::int64_t>{14, 3}))
      << "recounted from the votes, with the base";
  ASSERT_TRUE(store_->ResetVotes(id));
  EXPECT_EQ(totals_of(*store_), (std::pair<std::int64_t, std::int64_t>{9, 2}))
      << "a reset removes readers' votes, not the old site's";
}

}  // namespace
}  // namespace broadsheet::store
