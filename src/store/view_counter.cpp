#include "store/view_counter.h"

#include <vector>

namespace broadsheet::store {

ViewCounter::ViewCounter(Store& store, std::function<std::string()> today)
    : store_(store), today_(std::move(today)) {}

void ViewCounter::ListIfPending(Shard& shard, std::int64_t article_id, Cell& cell) {
  if (cell.listed || (cell.pending_views == 0 && cell.pending_crawler_hits == 0)) return;
  cell.listed = true;
  shard.pending.push_back(article_id);
}

std::int64_t ViewCounter::RecordView(std::int64_t article_id) {
  Shard& shard = ShardFor(article_id);
  std::lock_guard lock(shard.mutex);
  Cell& cell = shard.cells[article_id];
  ++cell.pending_views;
  ListIfPending(shard, article_id, cell);
  CountChange();
  return cell.stored + cell.pending_views;
}

void ViewCounter::RecordCrawlerHit(std::int64_t article_id) {
  Shard& shard = ShardFor(article_id);
  std::lock_guard lock(shard.mutex);
  Cell& cell = shard.cells[article_id];
  ++cell.pending_crawler_hits;
  ListIfPending(shard, article_id, cell);
}

std::int64_t ViewCounter::Displayed(std::int64_t article_id) const {
  Shard& shard = ShardFor(article_id);
  std::lock_guard lock(shard.mutex);
  const auto it = shard.cells.find(article_id);
  return it == shard.cells.end() ? 0 : it->second.stored + it->second.pending_views;
}

std::int64_t ViewCounter::Flush() {
  // Views flushed together are attributed to the day of the flush: at most one flush interval
  // (a second by default) of views near midnight can land on the next day.
  const std::string day = today_();
  std::vector<ViewDelta> deltas;
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const std::int64_t id : shard.pending) {
      Cell& cell = shard.cells[id];
      cell.listed = false;
      if (cell.pending_views || cell.pending_crawler_hits) {
        deltas.push_back({id, day, cell.pending_views, cell.pending_crawler_hits});
      }
    }
    shard.pending.clear();
  }
  if (deltas.empty()) return 0;

  std::vector<ViewTotals> totals;
  try {
    totals = store_.AddViews(deltas);
  } catch (...) {
    // The counts stay pending: list them again for the next flush.
    for (const ViewDelta& delta : deltas) {
      Shard& shard = ShardFor(delta.article_id);
      std::lock_guard lock(shard.mutex);
      ListIfPending(shard, delta.article_id, shard.cells[delta.article_id]);
    }
    throw;
  }

  std::unordered_map<std::int64_t, std::int64_t> new_totals;
  for (const ViewTotals& total : totals) new_totals[total.article_id] = total.views;
  std::int64_t written = 0;
  for (const ViewDelta& delta : deltas) {
    Shard& shard = ShardFor(delta.article_id);
    std::lock_guard lock(shard.mutex);
    Cell& cell = shard.cells[delta.article_id];
    // Subtract what was written, not zero: views recorded during the write stay pending (and
    // listed for the next flush).
    cell.pending_views -= delta.views;
    cell.pending_crawler_hits -= delta.crawler_hits;
    ListIfPending(shard, delta.article_id, cell);
    const auto it = new_totals.find(delta.article_id);
    if (it != new_totals.end()) {
      // The shown total moves only when other nodes or processes added views meanwhile.
      if (cell.stored + delta.views != it->second) CountChange();
      cell.stored = it->second;
      written += delta.views;
    }
  }
  return written;
}

void ViewCounter::RefreshSnapshot() {
  for (const ViewTotals& total : store_.ReadViewTotals())
    ApplyStored(total.article_id, total.views);
}

void ViewCounter::ApplyStored(std::int64_t article_id, std::int64_t views) {
  Shard& shard = ShardFor(article_id);
  std::lock_guard lock(shard.mutex);
  Cell& cell = shard.cells[article_id];
  if (cell.stored == views) return;
  cell.stored = views;
  CountChange();
}

}  // namespace broadsheet::store
