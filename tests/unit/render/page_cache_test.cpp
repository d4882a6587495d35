#include "render/page_cache.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

using Clock = std::chrono::steady_clock;

std::shared_ptr<const CachedPage> Page(std::size_t bytes) {
  auto page = std::make_shared<CachedPage>();
  page->page = SlottedPage::Parse(std::string(bytes, 'x'));
  page->expires_at = Clock::now() + std::chrono::hours(1);
  return page;
}

TEST(PageCache, APageRenderedBeforeAnInvalidationIsNotStored) {
  PageCache pages(1 << 20);
  const std::uint64_t before_edit = pages.generation();  // a render starts, reads the store
  pages.Invalidate();                                    // an edit lands meanwhile
  EXPECT_FALSE(pages.Put("article:1", Page(100), before_edit));
  EXPECT_EQ(pages.Find("article:1", Clock::now()), nullptr);
  EXPECT_TRUE(pages.Put("article:1", Page(100), pages.generation()));
  EXPECT_NE(pages.Find("article:1", Clock::now()), nullptr);
}

TEST(PageCache, StaysWithinItsBytesEvictingTheLeastRecentlyUsedFirst) {
  // Room for about ten pages of 10 KB.
  PageCache pages(100 * 1024);
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(pages.Put("page:" + std::to_string(i), Page(10 * 1024), pages.generation()));
  }
  // page:0 is read now, so page:1 is the least recently used.
  ASSERT_NE(pages.Find("page:0", Clock::now() + std::chrono::seconds(1)), nullptr);
  for (int i = 8; i < 40; ++i) {
    pages.Put("page:" + std::to_string(i), Page(10 * 1024), pages.generation());
    pages.Find("page:0", Clock::now() + std::chrono::seconds(10 * i));
    EXPECT_LE(pages.bytes(), 100u * 1024u);
  }
  EXPECT_NE(pages.Find("page:0", Clock::now()), nullptr);
  EXPECT_EQ(pages.Find("page:1", Clock::now()), nullptr);
  EXPECT_NE(pages.Find("page:39", Clock::now()), nullptr);
  EXPECT_GE(pages.size(), 5u);
}

TEST(PageCache, APageLargerThanTheWholeCacheIsNotStored) {
  PageCache pages(64 * 1024);
  EXPECT_FALSE(pages.Put("big", Page(100 * 1024), pages.generation()));
  EXPECT_EQ(pages.size(), 0u);
}

}  // namespace
}  // namespace broadsheet::render
