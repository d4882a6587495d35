#include "store/view_counter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store {
namespace {

class ViewCounterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-views-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    store_ = std::make_unique<sqlite::SqliteStore>((dir_ / "b.db").string());
    news::ArticleInput input{.title = "A", .category = "C", .author = "X",
                             .status = news::ArticleStatus::kPublished};
    news::NormalizeAndValidate(input);
    id_ = store_->AddArticle(input, "", 1, 0);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<sqlite::SqliteStore> store_;
  std::int64_t id_ = 0;
};

TEST_F(ViewCounterTest, CountsOnlyChangesToTheTotalsItShows) {
  ViewCounter views(*store_, [] { return std::string("2026-11-25"); });
  const std::uint64_t start = views.changes();
  views.RecordView(id_);
  EXPECT_EQ(views.changes(), start + 1);
  views.RecordCrawlerHit(id_);  // never shown
  views.ApplyStored(id_, 0);    // what it held already
  EXPECT_EQ(views.changes(), start + 1);
  views.Flush();  // the view moves from pending to stored: the shown total is the same
  EXPECT_EQ(views.Displayed(id_), 1);
  EXPECT_EQ(views.changes(), start + 1);
  views.ApplyStored(id_, 5);  // another node's views
  EXPECT_EQ(views.changes(), start + 2);
}

TEST_F(ViewCounterTest, ShowsStoredPlusPendingAndNeverGoesBackAcrossAFlush) {
  ViewCounter views(*store_, [] { return std::string("2026-11-25"); });
  views.RefreshSnapshot();
  EXPECT_EQ(views.RecordView(id_), 1);
  EXPECT_EQ(views.RecordView(id_), 2);
  views.RecordCrawlerHit(id_);
  EXPECT_EQ(views.Displayed(id_), 2);
  EXPECT_EQ(views.Flush(), 2);
  EXPECT_EQ(views.Displayed(id_), 2);
  EXPECT_EQ(store_->FindArticle(id_)->views, 2);
  EXPECT_EQ(store_->FindArticle(id_)->crawler_hits, 1);
  EXPECT_EQ(store_->ViewsByDay(id_).at(0).day, "2026-11-25");
  EXPECT_EQ(views.Flush(), 0);
}

TEST_F(ViewCounterTest, ConcurrentViewsDuringFlushesAreAllCounted) {
  ViewCounter views(*store_, [] { return std::string("2026-11-25"); });
  std::atomic<bool> done{false};
  std::atomic<bool> went_back{false};
  std::thread flusher([&] {
    while (!done) views.Flush();
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      std::int64_t last = 0;
      for (int i = 0; i < 2500; ++i) {
        // What one reader is shown never goes back, however flushes interleave.
        const std::int64_t shown = views.RecordView(id_);
        if (shown <= last) went_back = true;
        last = shown;
      }
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_FALSE(went_back);
  done = true;
  flusher.join();
  views.Flush();
  EXPECT_EQ(store_->FindArticle(id_)->views, 10000);
  EXPECT_EQ(views.Displayed(id_), 10000);
}

TEST_F(ViewCounterTest, ViewsOfUnknownArticlesAreDropped) {
  ViewCounter views(*store_, [] { return std::string("2026-11-25"); });
  views.RecordView(id_ + 1000);
  EXPECT_EQ(views.Flush(), 0);
}

}  // namespace
}  // namespace broadsheet::store
