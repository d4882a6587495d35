// Issue 12: listing pages continue from the key of the row before them instead of an OFFSET.
// On both stores, paging by keys gives exactly the pages the OFFSET listing gave, also where
// several articles share a second (then newest id first) and a page ends inside such a group;
// and the key found at a position is where the page after it starts, so a reader who jumps
// to a deep page sees what one who paged there sees.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

constexpr int kPageSize = 5;

using Pages = std::vector<std::vector<std::int64_t>>;

// The listing as ListPublished read it before issue 12, by OFFSET (its front-page and category
// statements in one; only the order is compared), ids only: the reference.
const Sql kOffsetListingSqlite =
    "SELECT a.id FROM articles a WHERE a.status = 'published' AND (?1 = 0 OR a.category_id = ?1)"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3";
const Sql kOffsetListingPostgres =
    "SELECT a.id FROM articles a WHERE a.status = 'published'"
    " AND ($1::bigint = 0 OR a.category_id = $1::bigint)"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3";

Pages OffsetPages(DirectSql& direct, std::int64_t category_id) {
  Pages pages;
  for (std::int64_t offset = 0;; offset += kPageSize) {
    const auto rows =
        direct.Query(direct.postgres() ? kOffsetListingPostgres : kOffsetListingSqlite,
                     {{.number = category_id}, {.number = kPageSize}, {.number = offset}});
    if (rows.empty()) return pages;
    auto& page = pages.emplace_back();
    for (const auto& row : rows) page.push_back(std::stoll(row.at(0)));
  }
}

// Pages as a reader paging forward gets them: each continues after the last row of the one
// before.
Pages KeysetPages(Store& store, std::int64_t category_id) {
  Pages pages;
  std::optional<ListingKey> after;
  for (;;) {
    const auto rows = store.ListPublished(category_id, after, kPageSize);
    if (rows.empty()) return pages;
    auto& page = pages.emplace_back();
    for (const auto& row : rows) page.push_back(row.id);
    EXPECT_TRUE(rows[0].body_html.empty()) << "listing rows carry no body";
    if (rows.size() < kPageSize) return pages;
    after = ListingKeyOf(rows.back());
  }
}

TEST_P(StoreContract, issue_0012_KeysetPagesAreTheOffsetPagesThroughTies) {
  // Four articles a second, in two categories, with drafts among them that never show.
  for (int i = 0; i < 42; ++i) {
    Add("Story " + std::to_string(i), i % 4 == 3 ? "Culture" : "Sport",
        i % 7 == 6 ? kDraft : kPublished, 1000 + i / 4);
  }
  auto direct = Direct();
  std::vector<std::int64_t> listings = {0};  // the front page, then each category
  for (const CategoryCount& count : store_->ListCategoryCounts()) {
    listings.push_back(count.category.id);
  }
  ASSERT_EQ(listings.size(), 3u);
  for (const std::int64_t category_id : listings) {
    SCOPED_TRACE("listing of category " + std::to_string(category_id));
    const Pages by_offset = OffsetPages(*direct, category_id);
    const Pages by_key = KeysetPages(*store_, category_id);
    ASSERT_GE(by_offset.size(), 2u);
    EXPECT_EQ(by_key, by_offset);

    // The order itself: newest second first, and within a second the newest id first.
    std::vector<ListingKey> keys;
    for (const auto& page : by_offset) {
      for (const auto id : page) keys.push_back(ListingKeyOf(*store_->FindArticle(id)));
    }
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
      return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
    }));
    bool tie_across_pages = false;
    for (std::size_t page = 0; page + 1 < by_offset.size(); ++page) {
      const auto last = *store_->FindArticle(by_offset[page].back());
      const auto next = *store_->FindArticle(by_offset[page + 1].front());
      tie_across_pages |= last.published_at == next.published_at;
    }
    if (category_id == 0) {
      EXPECT_TRUE(tie_across_pages) << "a page ends inside a second";
    }

    // Jumping to page n: the key at the position before it is the last row of page n - 1,
    // and the page after that key is page n.
    for (std::size_t page = 1; page < by_offset.size(); ++page) {
      const auto key = store_->ListingKeyAt(category_id, page * kPageSize - 1);
      ASSERT_TRUE(key);
      EXPECT_EQ(key->id, by_offset[page - 1].back());
      std::vector<std::int64_t> jumped;
      for (const auto& row : store_->ListPublished(category_id, key, kPageSize)) {
        jumped.push_back(row.id);
      }
      EXPECT_EQ(jumped, by_offset[page]) << "page " << page + 1;
    }
    EXPECT_FALSE(store_->ListingKeyAt(category_id, static_cast<std::int64_t>(keys.size())));
  }
}

}  // namespace
}  // namespace broadsheet::store
