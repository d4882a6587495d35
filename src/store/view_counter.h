// Counts article views in memory and writes them to the store in one batched transaction per
// flush. Holds, per article, the stored total (a snapshot) and the views not yet flushed, so a
// page can show stored + pending. Thread-safe: request threads record while one flusher thread
// calls Flush() and RefreshSnapshot(); those two must not run concurrently with each other.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace broadsheet::store {

class ViewCounter {
 public:
  // `today` names the local day to attribute flushed views to (the site's time zone).
  ViewCounter(Store& store, std::function<std::string()> today);

  // Counts one reader view and returns the total to show, this view included.
  std::int64_t RecordView(std::int64_t article_id);
  // Counts one crawler request (shown by `broadsheet stats`, never on the page).
  void RecordCrawlerHit(std::int64_t article_id);
  // The total to show without counting anything.
  std::int64_t Displayed(std::int64_t article_id) const;

  // Writes every pending count in one store transaction, then moves it from pending to the
  // snapshot using the totals the transaction returned, so a shown number never goes back.
  // On StoreError the counts stay pending for the next call and the error is rethrown.
  // Returns the number of views written.
  std::int64_t Flush();
  // Replaces the snapshot with the store's totals (views other nodes or processes added).
  void RefreshSnapshot();
  // Replaces one article's stored total with what the store holds now.
  void ApplyStored(std::int64_t article_id, std::int64_t views);

  // Counts the changes to shown totals: while it reads the same, no Displayed() value has
  // changed (a page stitched with them can be sent again as it was).
  std::uint64_t changes() const { return changes_.load(std::memory_order_acquire); }

 private:
  struct Cell {
    std::int64_t stored = 0;
    std::int64_t pending_views = 0;
    std::int64_t pending_crawler_hits = 0;
    bool listed = false;  // in its shard's `pending` list
  };
  // Requests for different articles rarely share a shard, so they rarely wait on each other.
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::int64_t, Cell> cells;  // guarded by mutex
    // The articles with pending counts, so a flush visits those and not every article the
    // node knows (a million on a large site; issue 12). Guarded by mutex.
    std::vector<std::int64_t> pending;
  };
  // Requires: the shard's mutex held. Lists the cell for the next flush if it has counts.
  static void ListIfPending(Shard& shard, std::int64_t article_id, Cell& cell);
  // Requires: the mutex of the shard whose shown total changed held.
  void CountChange() { changes_.fetch_add(1, std::memory_order_acq_rel); }
  static constexpr std::size_t kShards = 64;

  Shard& ShardFor(std::int64_t article_id) const {
    return shards_[static_cast<std::uint64_t>(article_id) % kShards];
  }

  Store& store_;
  std::function<std::string()> today_;
  mutable std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> changes_{0};  // bumped under the shard lock of what changed
};

}  // namespace broadsheet::store
