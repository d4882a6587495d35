// Issue 9, defect 7: two nodes flushing views at once must not deadlock. Each node's flush
// updates many article rows in one transaction; taken in different orders, two flushes can
// each hold a row the other wants. Two flushers, on two connections, overlapping articles in
// opposite orders, many rounds: every view lands and no flush fails.
#include <gtest/gtest.h>

#include <thread>

#include "store/store_contract.h"

namespace broadsheet::store {

TEST_P(StoreContract, issue_0009_TwoFlushersOnOverlappingArticlesNeverDeadlock) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 8; ++i) ids.push_back(Add("A" + std::to_string(i), "Sport", kPublished, i));
  std::unique_ptr<Store> other_node = Open();
  constexpr int kRounds = 60;
  const auto flush = [&](Store& node, bool reversed) {
    for (int round = 0; round < kRounds; ++round) {
      std::vector<ViewDelta> deltas;
      for (const auto id : ids)
        deltas.push_back({.article_id = id, .day = "2026-11-30", .views = 1});
      if (reversed) std::reverse(deltas.begin(), deltas.end());
      node.AddViews(deltas);  // a deadlock surfaces here as a StoreError
    }
  };
  std::exception_ptr failure;
  std::thread second([&] {
    try {
      flush(*other_node, /*reversed=*/true);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  EXPECT_NO_THROW(flush(*store_, /*reversed=*/false));
  second.join();
  EXPECT_FALSE(failure) << "the other flusher failed";
  for (const auto& totals : store_->ReadViewTotals()) EXPECT_EQ(totals.views, 2 * kRounds);
}

}  // namespace broadsheet::store
