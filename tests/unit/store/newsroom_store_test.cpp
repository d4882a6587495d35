// The store contract for the newsroom's desk (issue 11), on both stores: pictures (one row per
// content hash, where each is used, no deleting one in use), featured pictures on articles and
// in revisions, the comments' mode per article, site-wide views per day, the audit log with
// its filters and its address keys forgotten after [privacy] address_days, and all of it
// carried through export and import.
#include <gtest/gtest.h>

#include "store/site_export.h"
#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

MediaRow Picture(const std::string& hash, const std::string& name) {
  MediaRow media;
  media.hash = hash;
  media.width = 2000;
  media.height = 1000;
  media.widths = {480, 960, 1600};
  media.bytes = 123456;
  media.alt = "A harbour at dawn";
  media.original_name = name;
  media.uploaded_at = 5000;
  return media;
}

const std::string kHashA = "0123456789abcdef0123456789abcdef";
const std::string kHashB = "fedcba9876543210fedcba9876543210";

TEST_P(StoreContract, AnUploadIsOneRowPerContentHash) {
  const MediaAdded first = store_->AddMedia(Picture(kHashA, "harbour.jpg"));
  EXPECT_TRUE(first.created);
  const MediaAdded again = store_->AddMedia(Picture(kHashA, "copy-of-harbour.jpg"));
  EXPECT_FALSE(again.created) << "the same bytes uploaded again are not stored twice";
  EXPECT_EQ(again.id, first.id);
  const auto found = store_->FindMedia(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->hash, kHashA);
  EXPECT_EQ(found->widths, (std::vector<int>{480, 960, 1600}));
  EXPECT_EQ(found->original_name, "harbour.jpg");
  EXPECT_EQ(found->width, 2000);
  store_->AddMedia(Picture(kHashB, "quay.png"));
  const MediaPage page = store_->ListMedia(0, 10);
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_EQ(page.rows[0].hash, kHashB) << "newest first";
  EXPECT_FALSE(store_->FindMedia(9999));
}

TEST_P(StoreContract, AFeaturedPictureTravelsWithTheArticleAndItsRevisions) {
  const auto media = store_->AddMedia(Picture(kHashA, "harbour.jpg")).id;
  news::ArticleInput input{.title = "Dawn at the harbour",
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = kPublished,
                           .body_markdown = "Boats.",
                           .featured_media_id = media,
                           .featured_alt = "Fishing boats at dawn"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  const auto id = store_->AddArticle(input, "<p>Boats.</p>", 1000, 0);
  const auto article = store_->FindArticle(id);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->featured.media_id, media);
  EXPECT_EQ(article->featured.alt, "Fishing boats at dawn");
  EXPECT_EQ(article->featured.hash, kHashA);
  EXPECT_EQ(article->featured.width, 2000);
  EXPECT_EQ(article->featured.widths, (std::vector<int>{480, 960, 1600}));
  const auto listed = store_->ListPublished(0, std::nullopt, 10);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].featured.hash, kHashA) << "listings show the picture too";

  news::ArticleInput without = input;
  without.featured_media_id = 0;
  without.featured_alt.clear();
  ASSERT_EQ(store_->UpdateArticle(id, without, "<p>Boats.</p>", 2000, {}, "saved"),
            SaveOutcome::kSaved);
  EXPECT_EQ(store_->FindArticle(id)->featured.media_id, 0);
  const auto revisions = store_->ListRevisions(id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[1].fields.featured_media_id, media) << "the first revision had it";
  EXPECT_EQ(revisions[1].fields.featured_alt, "Fishing boats at dawn");
  EXPECT_EQ(revisions[0].fields.featured_media_id, 0);
}

TEST_P(StoreContract, APictureInUseCannotBeDeleted) {
  const auto featured = store_->AddMedia(Picture(kHashA, "harbour.jpg")).id;
  const auto in_body = store_->AddMedia(Picture(kHashB, "quay.png")).id;
  const auto unused = store_->AddMedia(Picture("00000000000000000000000000000001", "spare.gif")).id;
  news::ArticleInput input{.title = "Pictures",
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = kDraft,
                           .body_markdown = "![Quay](/media/" + kHashB + "-960.jpg)",
                           .featured_media_id = featured,
                           .featured_alt = "Harbour"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  const auto id = store_->AddArticle(input, "", 1000, 0);

  const auto uses = store_->MediaUses(*store_->FindMedia(featured));
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].article_id, id);
  EXPECT_TRUE(uses[0].featured);
  const auto body_uses = store_->MediaUses(*store_->FindMedia(in_body));
  ASSERT_EQ(body_uses.size(), 1u);
  EXPECT_FALSE(body_uses[0].featured);
  EXPECT_EQ(body_uses[0].title, "Pictures");

  EXPECT_EQ(store_->DeleteMedia(featured), MediaDeletion::kInUse);
  EXPECT_EQ(store_->DeleteMedia(in_body), MediaDeletion::kInUse);
  EXPECT_TRUE(store_->FindMedia(featured)) << "a refused deletion changes nothing";
  EXPECT_EQ(store_->DeleteMedia(unused), MediaDeletion::kDeleted);
  EXPECT_FALSE(store_->FindMedia(unused));
  EXPECT_EQ(store_->DeleteMedia(unused), MediaDeletion::kNotFound);
  // The trash still counts: a trashed article can come back with its pictures.
  ASSERT_TRUE(store_->TrashArticle(id, 2000, 0));
  EXPECT_EQ(store_->DeleteMedia(featured), MediaDeletion::kInUse);
}

TEST_P(StoreContract, AnArticlesCommentModeIsKeptAndShownToReaders) {
  const auto id = Add("Debate", "Town Hall", kPublished, 1000);
  EXPECT_EQ(store_->FindArticle(id)->comment_mode, news::CommentMode::kSite);
  const auto version = store_->ContentVersion();
  ASSERT_TRUE(store_->SetCommentMode(id, news::CommentMode::kClosed));
  EXPECT_EQ(store_->FindArticle(id)->comment_mode, news::CommentMode::kClosed);
  EXPECT_GT(store_->ContentVersion(), version) << "the page must drop its form";
  ASSERT_TRUE(store_->SetCommentMode(id, news::CommentMode::kHeld));
  EXPECT_EQ(store_->ListPublished(0, std::nullopt, 1).at(0).comment_mode, news::CommentMode::kHeld);
  EXPECT_FALSE(store_->SetCommentMode(9999, news::CommentMode::kOpen));
}

TEST_P(StoreContract, SiteViewsByDayAddEveryArticleUp) {
  const auto a = Add("A", "Town Hall", kPublished, 1000);
  const auto b = Add("B", "Sport", kPublished, 1000);
  store_->AddViews({{a, "2026-11-01", 3, 0},
                    {b, "2026-11-01", 4, 1},
                    {a, "2026-11-03", 5, 0},
                    {b, "2026-10-01", 9, 0}});
  const auto days = store_->SiteViewsByDay("2026-11-01", "2026-11-30");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, "2026-11-01");
  EXPECT_EQ(days[0].views, 7);
  EXPECT_EQ(days[1].day, "2026-11-03");
  EXPECT_EQ(days[1].views, 5);
}

TEST_P(StoreContract, TheAuditLogFiltersAndForgetsAddresses) {
  const auto editor = store_->AddUser({.email = "ed@example.org",
                                       .password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
                                       .role = news::Role::kEditor},
                                      "", "Ed Itor", 100);
  ASSERT_TRUE(editor);
  store_->AddAuditEntry({0, 1000, *editor, "ed@example.org", "article.save", "article 1",
                         "Harbour (draft)", "key-old"});
  store_->AddAuditEntry(
      {0, 5000, *editor, "ed@example.org", "comment.approve", "comment 7", "", "key-new"});
  store_->AddAuditEntry({0, 6000, 0, "who@example.org", "signin.fail", "sign-in", "", "key-x"});
  AuditPage all = store_->ListAudit({});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.rows.size(), 3u);
  EXPECT_EQ(all.rows[0].action, "signin.fail") << "newest first";
  EXPECT_EQ(all.rows[2].detail, "Harbour (draft)");
  EXPECT_EQ(store_->ListAudit({.user_id = *editor}).total, 2);
  EXPECT_EQ(store_->ListAudit({.action = "article."}).total, 1) << "a prefix ending in a dot";
  EXPECT_EQ(store_->ListAudit({.action = "article"}).total, 0) << "else exact";
  EXPECT_EQ(store_->ListAudit({.action = "comment.approve"}).total, 1);
  EXPECT_EQ(store_->ListAudit({.object_contains = "comment 7"}).total, 1);
  EXPECT_EQ(store_->ListAudit({.object_contains = "%"}).total, 0) << "LIKE's wildcards escaped";
  EXPECT_EQ(store_->ListAudit({.offset = 1, .limit = 1}).rows.at(0).action, "comment.approve");

  EXPECT_GE(store_->PurgeAddressKeys(3000), 1);
  all = store_->ListAudit({});
  EXPECT_EQ(all.rows[2].address_key, "") << "older than the retention: forgotten";
  EXPECT_EQ(all.rows[1].address_key, "key-new");
}

TEST_P(StoreContract, ExportAndImportCarryPicturesModesAndTheAuditLog) {
  const auto media = store_->AddMedia(Picture(kHashA, "harbour.jpg")).id;
  news::ArticleInput input{.title = "Dawn",
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = kPublished,
                           .body_markdown = "Boats.",
                           .featured_media_id = media,
                           .featured_alt = "Boats at dawn"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  const auto id = store_->AddArticle(input, "<p>Boats.</p>", 1000, 0);
  store_->SetCommentMode(id, news::CommentMode::kClosed);
  store_->AddAuditEntry({0, 1000, 0, "ed@example.org", "article.save", "article 1", "", "k"});
  const SiteExport site = store_->ExportSite();
  ASSERT_EQ(site.media.size(), 1u);
  ASSERT_EQ(site.audit.size(), 1u);
  store_->ImportSite(site, /*replace=*/true);
  const auto article = store_->FindArticle(id);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->featured.hash, kHashA);
  EXPECT_EQ(article->featured.alt, "Boats at dawn");
  EXPECT_EQ(article->comment_mode, news::CommentMode::kClosed);
  EXPECT_EQ(store_->ListAudit({}).rows.at(0).action, "article.save");
  // Ids go on after the imported ones.
  EXPECT_GT(store_->AddMedia(Picture(kHashB, "quay.png")).id, media);
}

}  // namespace
}  // namespace broadsheet::store
