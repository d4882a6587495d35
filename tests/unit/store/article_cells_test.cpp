#include "store/article_cells.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace broadsheet::store {
namespace {

struct Counter {
  std::atomic<int> n{0};
};

TEST(ArticleCellsTest, EachIdHasOneCellThatStaysPut) {
  ArticleCells<Counter> cells;
  using Cells = ArticleCells<Counter>;
  const std::int64_t beyond = Cells::kMaxBlocks * Cells::kBlockSize;  // the first id not reached
  const std::vector<std::int64_t> ids = {1,
                                         2,
                                         Cells::kBlockSize - 1,
                                         Cells::kBlockSize,
                                         Cells::kBlockSize + 1,
                                         beyond - 1,
                                         beyond,
                                         beyond + 12345,
                                         0,
                                         -7};
  for (const std::int64_t id : ids) EXPECT_EQ(cells.Find(id), nullptr) << id;
  std::vector<Counter*> made;
  for (const std::int64_t id : ids) {
    Counter& cell = cells.FindOrMake(id);
    cell.n = static_cast<int>(made.size()) + 1;
    made.push_back(&cell);
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(cells.Find(ids[i]), made[i]) << ids[i];
    EXPECT_EQ(&cells.FindOrMake(ids[i]), made[i]) << ids[i];
    EXPECT_EQ(made[i]->n.load(), static_cast<int>(i) + 1) << ids[i];
  }
  // A neighbour in a block already made starts at zero, and is not any other id's cell.
  EXPECT_EQ(cells.FindOrMake(3).n.load(), 0);
}

TEST(ArticleCellsTest, ThreadsMakingTheSameCellsAtOnceShareThem) {
  ArticleCells<Counter> cells;
  constexpr int kThreads = 4;
  constexpr std::int64_t kIds = 3 * ArticleCells<Counter>::kBlockSize;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (std::int64_t id = 1; id <= kIds; ++id) cells.FindOrMake(id).n.fetch_add(1);
      cells.FindOrMake(-1).n.fetch_add(1);  // the overflow map too
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::int64_t id = 1; id <= kIds; ++id) ASSERT_EQ(cells.Find(id)->n.load(), kThreads) << id;
  EXPECT_EQ(cells.Find(-1)->n.load(), kThreads);
}

}  // namespace
}  // namespace broadsheet::store
