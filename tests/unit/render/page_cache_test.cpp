#include "render/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "support/latch.h"

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

namespace broadsheet::render {
namespace {

std::shared_ptr<const CachedPage> Showing(std::vector<PageShows> shows) {
  auto page = std::make_shared<CachedPage>();
  page->page = SlottedPage::Parse("page");
  page->shows = std::move(shows);
  page->expires_at = Clock::now() + std::chrono::hours(1);
  return page;
}

// Issue 12: a change drops the pages that show it, and only those.
TEST(PageCache, AChangeDropsOnlyThePagesThatShowIt) {
  PageCache pages(1 << 20);
  const auto now = pages.generation();
  ASSERT_TRUE(
      pages.Put("article:1", Showing({PageShows::Article(1), PageShows::CommentsOf(1)}), now));
  ASSERT_TRUE(
      pages.Put("article:2", Showing({PageShows::Article(2), PageShows::CommentsOf(2)}), now));
  ASSERT_TRUE(pages.Put(
      "front:1", Showing({PageShows::Article(1), PageShows::Article(2), PageShows::CommentsOf(1)}),
      now));
  pages.InvalidateShowing({PageShows::CommentsOf(2)});
  EXPECT_NE(pages.Find("article:1", Clock::now()), nullptr);
  EXPECT_EQ(pages.Find("article:2", Clock::now()), nullptr);
  EXPECT_NE(pages.Find("front:1", Clock::now()), nullptr)
      << "the front page shows no comments of 2";
  pages.InvalidateShowing({PageShows::Article(1)});
  EXPECT_EQ(pages.Find("article:1", Clock::now()), nullptr);
  EXPECT_EQ(pages.Find("front:1", Clock::now()), nullptr);
}

// The issue-9 guarantee, per thing shown: a render that began before a change to something
// it shows is not stored; one showing other things is.
TEST(PageCache, APageRenderedBeforeAChangeToWhatItShowsIsNotStored) {
  PageCache pages(1 << 20);
  const std::uint64_t before_edit = pages.generation();
  pages.InvalidateShowing({PageShows::Article(7)});
  EXPECT_FALSE(pages.Put("article:7", Showing({PageShows::Article(7)}), before_edit));
  EXPECT_TRUE(pages.Put("article:8", Showing({PageShows::Article(8)}), before_edit));
  EXPECT_TRUE(pages.Put("article:7", Showing({PageShows::Article(7)}), pages.generation()));
  pages.Invalidate();
  EXPECT_FALSE(pages.Put("article:8", Showing({PageShows::Article(8)}), before_edit));
}

// Issue 12: one render per key at a time; later callers wait for it and share its page.
TEST(PageCache, ConcurrentMissesShareOneRender) {
  PageCache pages(1 << 20);
  auto first = pages.BeginRender("front:1");
  ASSERT_TRUE(first.renderer());
  std::vector<std::thread> waiters;
  std::atomic<int> shared{0};
  for (int i = 0; i < 4; ++i) {
    waiters.emplace_back([&] {
      auto ticket = pages.BeginRender("front:1");
      if (ticket.renderer()) return;
      const auto page = ticket.Wait();
      if (page && *page && (*page)->canonical_path == "/") ++shared;
    });
  }
  ASSERT_TRUE(testing::Eventually([&] { return pages.waiting_for_renders() == 4; }));
  auto page = std::make_shared<CachedPage>();
  page->canonical_path = "/";
  first.Done(page);
  for (auto& waiter : waiters) waiter.join();
  EXPECT_EQ(shared.load(), 4);
  EXPECT_EQ(pages.waiting_for_renders(), 0u);
  EXPECT_TRUE(pages.BeginRender("front:1").renderer()) << "the render is over: a new one may start";
}

// A render that fails (the ticket dropped without Done) tells its waiters to try themselves,
// and one arriving after an invalidation does not join a render that may have missed it.
TEST(PageCache, AFailedOrOutdatedRenderIsNotShared) {
  PageCache pages(1 << 20);
  std::optional<std::optional<std::shared_ptr<const CachedPage>>> seen;
  {
    auto failing = pages.BeginRender("article:3");
    std::thread waiter([&] { seen = pages.BeginRender("article:3").Wait(); });
    ASSERT_TRUE(testing::Eventually([&] { return pages.waiting_for_renders() == 1; }));
    { auto gone = std::move(failing); }  // dropped without Done, as when the render throws
    waiter.join();
  }
  ASSERT_TRUE(seen.has_value());
  EXPECT_FALSE(seen->has_value()) << "a failed render hands no page on";

  auto running = pages.BeginRender("article:4");
  pages.InvalidateShowing({PageShows::Article(4)});
  EXPECT_TRUE(pages.BeginRender("article:4").renderer())
      << "a caller after the change renders anew rather than waiting for the old render";
}

}  // namespace
}  // namespace broadsheet::render
