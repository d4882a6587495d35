// Issue 12: a node takes what PostgreSQL's change signals carry (another node's view totals,
// vote totals, the article whose text changed) without a query of its own. The node's poll
// interval is an hour here, so only the signals can bring the changes, and every call the
// node makes to its store is counted.
#include <gtest/gtest.h>

#include "render/page_cache.h"
#include "render/slotted_page.h"
#include "site/background_tasks.h"
#include "store/open_store.h"
#include "store/rating_board.h"
#include "store/view_counter.h"
#include "support/article_edit.h"
#include "support/latch.h"
#include "support/observed_store.h"
#include "support/test_postgres.h"

namespace broadsheet::site {
namespace {

using std::chrono::steady_clock;

std::shared_ptr<render::CachedPage> PageShowing(std::int64_t article_id) {
  auto page = std::make_shared<render::CachedPage>();
  page->page = render::SlottedPage::Parse("<p>article " + std::to_string(article_id) + "</p>");
  page->shows = {render::PageShows::Article(article_id)};
  page->expires_at = steady_clock::now() + std::chrono::hours(1);
  return page;
}

std::int64_t AddPublished(store::Store& store, const std::string& title) {
  news::ArticleInput input{.title = title,
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = news::ArticleStatus::kPublished,
                           .body_markdown = "Text."};
  EXPECT_TRUE(news::NormalizeAndValidate(input).empty());
  return store.AddArticle(input, "<p>Text.</p>", 1000, 0);
}

TEST(ChangeSignals, AnotherNodesViewsVotesAndEditsReachThisNodeWithoutAQuery) {
  if (testing::PostgresAdminUrl().empty()) {
    if (testing::PostgresRequired()) FAIL() << "no PostgreSQL: BROADSHEET_TEST_POSTGRES_URL unset";
    GTEST_SKIP() << "no PostgreSQL cluster (run through scripts/test)";
  }
  testing::TestDatabase database;
  auto other_node = store::OpenStore(database.url());
  auto inner = store::OpenStore(database.url());
  const std::int64_t edited = AddPublished(*other_node, "Edited elsewhere");
  const std::int64_t untouched = AddPublished(*other_node, "Left alone");

  testing::ObservedStore store(*inner);
  store::ViewCounter views(store, [] { return std::string("2026-12-01"); });
  store::RatingBoard ratings;
  store::CommentTally comment_counts;
  render::PageCache pages(1 << 20);
  ASSERT_TRUE(pages.Put("article:edited", PageShowing(edited), pages.generation()));
  ASSERT_TRUE(pages.Put("article:untouched", PageShowing(untouched), pages.generation()));
  BackgroundTasks tasks(store, views, ratings, comment_counts, pages,
                        BackgroundSchedule{.flush_interval = std::chrono::hours(1),
                                           .poll_interval = std::chrono::hours(1)});
  std::atomic<int> polls{0};
  store.SetHook([&](std::string_view method) {
    if (method == "CountsChangedSince") ++polls;
  });
  tasks.Start();
  // Once listening, the store signals that changes may have been missed: one poll follows.
  ASSERT_TRUE(testing::Eventually([&] { return polls.load() >= 1; }));
  ASSERT_TRUE(testing::Eventually([&] {
    const std::int64_t before = store.calls();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return store.calls() == before;
  })) << "the node keeps reading its store";
  const std::int64_t calls_before = store.calls();

  other_node->AddViews({{edited, "2026-12-01", 7, 0}});
  ASSERT_TRUE(other_node->RecordVote(edited, "reader-1", 5, 2000));
  const news::ArticleInput edit =
      testing::RetitledInPlace(*other_node->FindArticle(edited), "Edited elsewhere, corrected");
  ASSERT_EQ(other_node->UpdateArticle(edited, edit, "<p>Corrected.</p>", 3000, {}, "saved"),
            store::SaveOutcome::kSaved);

  EXPECT_TRUE(testing::Eventually([&] { return views.Displayed(edited) == 7; }));
  EXPECT_TRUE(testing::Eventually([&] { return ratings.Of(edited).count == 1; }));
  EXPECT_EQ(ratings.Of(edited).sum, 5);
  EXPECT_TRUE(testing::Eventually(
      [&] { return pages.Find("article:edited", steady_clock::now()) == nullptr; }));
  EXPECT_NE(pages.Find("article:untouched", steady_clock::now()), nullptr)
      << "only the edited article's pages are dropped";
  EXPECT_EQ(store.calls(), calls_before) << "the signals were taken without a query";
  tasks.Stop();
}

}  // namespace
}  // namespace broadsheet::site
