// The node's picture of every article's rating: sum, count and revision, read on every page
// hit to fill the rating slots. Updated from each vote's own transaction before the vote is
// answered (so a reader never sees a page without the vote just acknowledged) and replaced
// from the store on a poll or notification (votes other nodes took). Of two totals for one
// article the higher revision wins, so answers arriving out of order never move it back.
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace broadsheet::store {

class RatingBoard {
 public:
  // The article's totals (zero when it has no votes).
  RatingTotals Of(std::int64_t article_id) const;
  // Takes `totals` unless the board already holds a newer revision.
  void Apply(const RatingTotals& totals);
  void ApplyAll(const std::vector<RatingTotals>& all);

  // Counts the changes to held totals: while it reads the same, no Of() value has changed.
  std::uint64_t changes() const { return changes_.load(std::memory_order_acquire); }

 private:
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::int64_t, RatingTotals> totals;  // guarded by mutex
  };
  static constexpr std::size_t kShards = 16;
  Shard& ShardFor(std::int64_t article_id) const {
    return shards_[static_cast<std::uint64_t>(article_id) % kShards];
  }
  mutable std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> changes_{0};  // bumped under the shard lock of what changed
};

}  // namespace broadsheet::store
