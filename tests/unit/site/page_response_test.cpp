#include "site/page_response.h"

#include <gtest/gtest.h>

namespace broadsheet::site {
namespace {

std::shared_ptr<const render::CachedPage> Page(const std::string& text,
                                               std::chrono::seconds lifetime) {
  auto page = std::make_shared<render::CachedPage>();
  page->page = render::SlottedPage::Parse(text);
  page->expires_at = std::chrono::steady_clock::now() + lifetime;
  return page;
}

TEST(FindOrRender, RendersOnceThenHits) {
  render::PageCache pages(1 << 20);
  int renders = 0;
  auto render = [&] {
    ++renders;
    return Page("p", std::chrono::seconds(60));
  };
  EXPECT_EQ(FindOrRender(pages, "k", true, render).outcome, CacheOutcome::kMiss);
  EXPECT_EQ(FindOrRender(pages, "k", true, render).outcome, CacheOutcome::kHit);
  EXPECT_EQ(renders, 1);
}

TEST(FindOrRender, ServesAnExpiredCopyOnlyWhileTheStoreIsUnreachable) {
  render::PageCache pages(1 << 20);
  pages.Put("k", Page("old", std::chrono::seconds(-1)), pages.generation());
  const auto down = []() -> std::shared_ptr<const render::CachedPage> {
    throw store::StoreError("gone", /*unavailable=*/true);
  };
  const FoundPage stale = FindOrRender(pages, "k", true, down);
  EXPECT_EQ(stale.outcome, CacheOutcome::kStale);
  EXPECT_EQ(stale.page->page.text_size(), 3u);
  EXPECT_THROW(FindOrRender(pages, "other", true, down), store::StoreError);
  const auto broken = []() -> std::shared_ptr<const render::CachedPage> {
    throw store::StoreError("constraint", /*unavailable=*/false);
  };
  EXPECT_THROW(FindOrRender(pages, "k", true, broken), store::StoreError);
}

}  // namespace
}  // namespace broadsheet::site
