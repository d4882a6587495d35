// Counts article views in memory and writes them to the store in one batched transaction per
// flush. Holds, per article, the stored total (a snapshot) and the views not yet flushed, so a
// page can show stored + pending. Counting a view is a few atomic operations on the article's
// cell (store/article_cells.h), no lock: only the first view of an article since the last
// flush takes a lock, to list it for the next flush. Thread-safe: request threads record while
// one flusher thread calls Flush(), RefreshSnapshot() and ApplyStored(); those must not run
// concurrently with each other.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "store/article_cells.h"
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
  // The same for a total another node reported (a change signal): taken only when higher, as
  // signals can arrive after this node's own flush already brought a newer total.
  void ApplyStoredAtLeast(std::int64_t article_id, std::int64_t views);

  // Counts the changes to shown totals: while it reads the same, no Displayed() value has
  // changed (a page stitched with them can be sent again as it was).
  std::uint64_t changes() const { return changes_.load(std::memory_order_acquire); }

 private:
  struct Cell {
    // What pages show: stored + pending views, kept as one number so a reader never sees a
    // flush half done.
    std::atomic<std::int64_t> shown{0};
    std::atomic<std::int64_t> pending_views{0};
    std::atomic<std::int64_t> pending_crawler_hits{0};
    std::atomic<bool> listed{false};  // in pending_, or about to be
    std::int64_t stored = 0;          // only the flusher thread touches it
  };
  // Lists the article for the next flush unless it is listed already.
  void ListForFlush(std::int64_t article_id, Cell& cell);
  // Moves the shown total by `delta` (the flusher thread), counting the change.
  void MoveShown(Cell& cell, std::int64_t delta);
  void CountChange() { changes_.fetch_add(1, std::memory_order_acq_rel); }

  Store& store_;
  std::function<std::string()> today_;
  ArticleCells<Cell> cells_;
  std::mutex pending_mutex_;
  // The articles with pending counts, so a flush visits those and not every article the node
  // knows (a million on a large site; issue 12). Guarded by pending_mutex_.
  std::vector<std::int64_t> pending_;
  std::atomic<std::uint64_t> changes_{0};
};

}  // namespace broadsheet::store
