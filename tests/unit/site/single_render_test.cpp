// Issue 12: 32 readers arriving at once at a page the cache does not hold cause one render,
// not 32. The first render is held in the store hook until the 31 others are waiting for it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "site/site_fixture.h"
#include "support/latch.h"

namespace broadsheet::site {
namespace {

constexpr int kReaders = 32;

TEST(SingleRender, ThirtyTwoConcurrentMissesRenderThePageOnce) {
  SiteFixture site;
  const std::string path = site.ArticlePath(5);
  std::atomic<int> renders{0};
  std::atomic<bool> all_waiting{false};
  // RenderArticle reads the article first: count those reads, and hold the first one until
  // every other reader waits for the render in progress.
  site.observed().SetHook([&](std::string_view method) {
    if (method != "FindArticle") return;
    if (renders.fetch_add(1) == 0) {
      all_waiting = testing::Eventually(
          [&] { return site.context().pages.waiting_for_renders() == kReaders - 1; });
    }
  });
  std::vector<http::Response> answers(kReaders);
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back([&, i] { answers[i] = site.Get(path); });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_TRUE(all_waiting) << "the other readers never lined up behind the first render";
  EXPECT_EQ(renders.load(), 1) << "the page was rendered more than once";
  for (const auto& answer : answers) {
    EXPECT_EQ(answer.status, 200);
    EXPECT_NE(answer.body.find("Read "), std::string::npos);
  }
  EXPECT_EQ(site.Get(path).Header("X-Cache"), "hit");
}

}  // namespace
}  // namespace broadsheet::site
