// Issue 13: the tag, author and period listings on both stores. Each lists exactly the
// published articles of its scope, newest first, pages by key as the front page does, counts
// what it lists, and follows every change of status: a draft, a scheduled article, one taken
// back to draft, one in the trash, and a tag removed from an article never show.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

std::int64_t AddTagged(Store& store, const std::string& title, const std::string& author,
                       std::vector<std::string> tags, news::ArticleStatus status,
                       std::int64_t when) {
  news::ArticleInput input{.title = title,
                           .category = "Town Hall",
                           .author = author,
                           .status = status,
                           .published_at = status == news::ArticleStatus::kScheduled ? when : 0,
                           .tags = std::move(tags),
                           .body_markdown = "Body of " + title};
  EXPECT_TRUE(news::NormalizeAndValidate(input).empty());
  return store.AddArticle(input, "<p>Body of " + title + "</p>", when, 0);
}

// Every page of the scope's listing, by key, ids only.
std::vector<std::int64_t> Listed(Store& store, const ListingScope& scope, int page_size = 2) {
  std::vector<std::int64_t> ids;
  std::optional<ListingKey> after;
  for (;;) {
    const auto rows = store.ListPublished(scope, after, page_size);
    for (const auto& row : rows) ids.push_back(row.id);
    if (rows.size() < static_cast<std::size_t>(page_size)) return ids;
    after = ListingKeyOf(rows.back());
  }
}

std::int64_t TagId(Store& store, const std::string& slug) {
  const auto tag = store.FindTagBySlug(slug);
  EXPECT_TRUE(tag) << slug;
  return tag ? tag->id : 0;
}

std::int64_t AuthorId(Store& store, const std::string& slug) {
  const auto author = store.FindAuthorBySlug(slug);
  EXPECT_TRUE(author) << slug;
  return author ? author->id : 0;
}

TEST_P(StoreContract, issue_0013_TagAuthorAndPeriodListOnlyTheirPublishedArticles) {
  const auto a =
      AddTagged(*store_, "Ferry timetable", "Ada Quill", {"Ferries", "Harbour"}, kPublished, 1000);
  const auto b = AddTagged(*store_, "Harbour wall", "Ben Ray", {"Harbour"}, kPublished, 2000);
  const auto c = AddTagged(*store_, "Ferry fares", "Ada Quill", {"Ferries"}, kPublished, 3000);
  const auto d = AddTagged(*store_, "Ferry strike", "Ada Quill", {"Ferries"}, kPublished, 3000);
  AddTagged(*store_, "Ferry draft", "Ada Quill", {"Ferries"}, kDraft, 4000);
  AddTagged(*store_, "Ferry future", "Ada Quill", {"Ferries"}, news::ArticleStatus::kScheduled,
            4'000'000'000);
  const auto taken_back =
      AddTagged(*store_, "Ferry recalled", "Ada Quill", {"Ferries"}, kPublished, 5000);
  ASSERT_TRUE(store_->SetArticleStatus(taken_back, kDraft, 5001, 0));
  const auto trashed =
      AddTagged(*store_, "Ferry binned", "Ada Quill", {"Ferries"}, kPublished, 6000);
  ASSERT_TRUE(store_->TrashArticle(trashed, 6001, 0));

  const auto ferries = ListingScope::Tag(TagId(*store_, "ferries"));
  // Newest first; the two of one second, newest id first.
  EXPECT_EQ(Listed(*store_, ferries), (std::vector<std::int64_t>{d, c, a}));
  EXPECT_EQ(store_->CountPublished(ferries), 3);
  EXPECT_EQ(Listed(*store_, ListingScope::Tag(TagId(*store_, "harbour"))),
            (std::vector<std::int64_t>{b, a}));
  const auto ada = ListingScope::Author(AuthorId(*store_, "ada-quill"));
  EXPECT_EQ(Listed(*store_, ada), (std::vector<std::int64_t>{d, c, a}));
  EXPECT_EQ(store_->CountPublished(ada), 3);
  // A period is [from, until).
  const auto period = ListingScope::Period(2000, 3000);
  EXPECT_EQ(Listed(*store_, period), (std::vector<std::int64_t>{b}));
  EXPECT_EQ(store_->CountPublished(period), 1);
  EXPECT_EQ(Listed(*store_, ListingScope::Period(0, 10'000), 3),
            (std::vector<std::int64_t>{d, c, b, a}));
  EXPECT_EQ(store_->CountPublished(ListingScope()), 4);

  // The key at a position is where the page after it starts.
  const auto key = store_->ListingKeyAt(ferries, 1);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->id, c);
  const auto after = store_->ListPublished(ferries, key, 5);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, a);
  EXPECT_FALSE(store_->ListingKeyAt(ferries, 3));
  EXPECT_EQ(store_->ListingKeyAt(period, 0)->id, b);
  EXPECT_EQ(store_->ListingKeyAt(ada, 2)->id, a);

  // Neighbours in the category: c's newer is d (same second, higher id), its older is b.
  const auto c_row = store_->FindArticle(c);
  const auto newer = store_->NewerInCategory(c_row->category.id, ListingKeyOf(*c_row));
  ASSERT_TRUE(newer);
  EXPECT_EQ(newer->id, d);
  EXPECT_FALSE(store_->NewerInCategory(c_row->category.id, ListingKeyOf(*store_->FindArticle(d))));
  EXPECT_FALSE(store_->FindTagBySlug("nothing"));
}

TEST_P(StoreContract, issue_0013_TagListingsFollowPublicationRetaggingAndTheTrash) {
  const auto a = AddTagged(*store_, "Quay square", "Ada Quill", {"Quay"}, kDraft, 1000);
  const auto quay = ListingScope::Tag(TagId(*store_, "quay"));
  EXPECT_TRUE(Listed(*store_, quay).empty()) << "a draft";
  ASSERT_TRUE(store_->SetArticleStatus(a, kPublished, 1500, 0));
  EXPECT_EQ(Listed(*store_, quay), std::vector<std::int64_t>{a}) << "published";
  EXPECT_EQ(store_->ListPublished(quay, {}, 1).at(0).published_at, 1500);

  // Retagged: off the old tag, onto the new.
  auto input = news::ArticleInput{.title = "Quay square",
                                  .category = "Town Hall",
                                  .author = "Ada Quill",
                                  .status = kPublished,
                                  .tags = {"Markets"},
                                  .body_markdown = "Body"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  ASSERT_EQ(store_->UpdateArticle(a, input, "<p>Body</p>", 1600, {}, "saved"), SaveOutcome::kSaved);
  EXPECT_TRUE(Listed(*store_, quay).empty());
  const auto markets = ListingScope::Tag(TagId(*store_, "markets"));
  EXPECT_EQ(Listed(*store_, markets), std::vector<std::int64_t>{a});
  EXPECT_EQ(store_->CountPublished(markets), 1);

  ASSERT_TRUE(store_->SetArticleStatus(a, kDraft, 1700, 0));
  EXPECT_TRUE(Listed(*store_, markets).empty()) << "taken back to draft";
  EXPECT_EQ(store_->CountPublished(markets), 0);
  ASSERT_TRUE(store_->SetArticleStatus(a, kPublished, 1800, 0));
  EXPECT_EQ(Listed(*store_, markets), std::vector<std::int64_t>{a});
  ASSERT_TRUE(store_->TrashArticle(a, 1900, 0));
  EXPECT_TRUE(Listed(*store_, markets).empty()) << "in the trash";
  ASSERT_TRUE(store_->RestoreArticle(a, 2000, 0, /*may_publish=*/true));
  EXPECT_EQ(Listed(*store_, markets), std::vector<std::int64_t>{a}) << "restored, published";
}

}  // namespace
}  // namespace broadsheet::store
