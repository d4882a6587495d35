#include "site/page_response.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "render/gzip_page.h"
#include "render/live_numbers.h"
#include "store/sqlite/sqlite_store.h"
#include "support/gunzip.h"

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

// A listing-like page: more slots than the server gathers, so it is sent whole.
class StitchedPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-stitched-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    store_ = std::make_unique<store::sqlite::SqliteStore>((dir_ / "b.db").string());
    views_ =
        std::make_unique<store::ViewCounter>(*store_, [] { return std::string("2026-11-25"); });
    std::string text = "<ul>";
    for (std::int64_t id = 1; id <= 12; ++id) {
      text += "<li>" + render::ViewsSlot(id) + render::Slot(render::SlotKind::kCardRating, id) +
              "</li>";
    }
    text += "</ul>" + render::Slot(render::SlotKind::kRatedNotice, 3);
    auto page = std::make_shared<render::CachedPage>();
    page->page = render::SlottedPage::Parse(text);
    page->gzip = std::make_shared<render::GzipPage>(page->page);
    page_ = page;
  }
  void TearDown() override {
    views_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // The page as PageResponse sends it, in one string (gunzipped when `gzip`).
  std::string Sent(const LiveValues& live, bool gzip = false) {
    http::Response response = PageResponse(page_, CacheOutcome::kHit, live, gzip);
    EXPECT_EQ(response.pieces.size(), 1u);  // one contiguous body, no copy in the server
    response.FlattenBody();
    const std::string body = response.body;
    if (!gzip) return body;
    return testing::Gunzip(body).value_or("(not gzip)");
  }
  // What SlottedPage::Fill makes of the page with the same numbers: the reference.
  std::string Expected(const LiveValues& live) {
    std::string out;
    page_->page.Fill(out, [&](std::string& o, render::SlotKind kind, std::int64_t id) {
      if (kind == render::SlotKind::kViews)
        render::AppendReadTimesText(o, live.views.Displayed(id));
      if (kind == render::SlotKind::kCardRating) {
        const store::RatingTotals totals = live.ratings.Of(id);
        render::AppendCardRating(o, totals.sum, totals.count);
      }
      if (kind == render::SlotKind::kRatedNotice && live.notice) {
        render::AppendRatingNotice(o, *live.notice);
      }
    });
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<store::ViewCounter> views_;
  store::RatingBoard ratings_;
  store::CommentTally comment_counts_;
  std::shared_ptr<const render::CachedPage> page_;
};

TEST_F(StitchedPageTest, SendsTheNumbersOfTheMomentEvenWhenItReusesTheLastBody) {
  const LiveValues live{*views_, ratings_, comment_counts_};
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    EXPECT_EQ(Sent(live, gzip), Expected(live));
    EXPECT_EQ(Sent(live, gzip), Expected(live));  // the last body again
    views_->RecordView(5);
    const std::string after_a_view = Sent(live, gzip);
    EXPECT_EQ(after_a_view, Expected(live));
    std::string shown;
    render::AppendReadTimesText(shown, views_->Displayed(5));
    EXPECT_NE(after_a_view.find(shown), std::string::npos) << after_a_view;
    ratings_.Apply({9, 4, 1, 1});
    EXPECT_EQ(Sent(live, gzip), Expected(live));
    ratings_.Apply({9, 0, 0, 2});  // reset: back to numbers an earlier body had
    EXPECT_EQ(Sent(live, gzip), Expected(live));
  }
}

TEST_F(StitchedPageTest, OneReadersNoticeIsNeverSentToTheNext) {
  const LiveValues everyone{*views_, ratings_, comment_counts_};
  const render::RatingNotice notice{.stars = 4};
  const LiveValues voter{*views_, ratings_, comment_counts_, 0, 0, &notice};
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    const std::string plain = Sent(everyone, gzip);
    const std::string with_notice = Sent(voter, gzip);
    EXPECT_EQ(with_notice, Expected(voter));
    EXPECT_NE(with_notice, plain);
    EXPECT_EQ(Sent(everyone, gzip), plain);
  }
}

}  // namespace
}  // namespace broadsheet::site
