// The number of approved comments per article that listing cards show as a live slot, so a
// new approved comment changes a number here instead of dropping every listing that shows
// the article's card. Read whole at start (and after a change of everything); each change
// of an article's comments, by this node or another, re-counts that article. Re-counts run
// one at a time, each reading the store after the last, so a count never goes back to an
// older one. Of() is a load of an atomic, for the I/O threads. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include "store/article_cells.h"
#include "store/store.h"

namespace broadsheet::store {

class CommentTally {
 public:
  std::int64_t Of(std::int64_t article_id) const;
  // Reads every article's count from `store`. Throws StoreError (nothing changes then).
  void ReadAll(Store& store);
  // Counts one article's approved comments in `store` again. Throws StoreError.
  void Recount(Store& store, std::int64_t article_id);

  // Counts the changes to held counts: while it reads the same, no Of() value has changed.
  std::uint64_t changes() const { return changes_.load(std::memory_order_acquire); }

 private:
  struct Cell {
    std::atomic<std::int64_t> approved{0};
  };
  // Requires: mutex_ held.
  void Set(std::int64_t article_id, std::int64_t approved);

  ArticleCells<Cell> cells_;
  std::mutex mutex_;  // one read-and-set at a time
  // Guarded by mutex_: every article whose count is above zero (and perhaps some back at zero).
  std::vector<std::int64_t> counted_;
  std::atomic<std::uint64_t> changes_{0};
};

}  // namespace broadsheet::store
