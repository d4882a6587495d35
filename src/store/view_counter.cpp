#include "store/view_counter.h"

#include <unordered_map>

namespace broadsheet::store {

ViewCounter::ViewCounter(Store& store, std::function<std::string()> today)
    : store_(store), today_(std::move(today)) {}

void ViewCounter::ListForFlush(std::int64_t article_id, Cell& cell) {
  // Read before the exchange: the usual case, already listed, writes nothing shared.
  if (cell.listed.load(std::memory_order_relaxed) ||
      cell.listed.exchange(true, std::memory_order_acq_rel)) {
    return;
  }
  std::lock_guard lock(pending_mutex_);
  pending_.push_back(article_id);
}

std::int64_t ViewCounter::RecordView(std::int64_t article_id) {
  Cell& cell = cells_.FindOrMake(article_id);
  cell.pending_views.fetch_add(1, std::memory_order_relaxed);
  const std::int64_t shown = cell.shown.fetch_add(1, std::memory_order_relaxed) + 1;
  ListForFlush(article_id, cell);
  CountChange();
  return shown;
}

void ViewCounter::RecordCrawlerHit(std::int64_t article_id) {
  Cell& cell = cells_.FindOrMake(article_id);
  cell.pending_crawler_hits.fetch_add(1, std::memory_order_relaxed);
  ListForFlush(article_id, cell);
}

std::int64_t ViewCounter::Displayed(std::int64_t article_id) const {
  const Cell* cell = cells_.Find(article_id);
  return cell ? cell->shown.load(std::memory_order_relaxed) : 0;
}

void ViewCounter::MoveShown(Cell& cell, std::int64_t delta) {
  if (delta == 0) return;
  cell.shown.fetch_add(delta, std::memory_order_relaxed);
  CountChange();
}

std::int64_t ViewCounter::Flush() {
  // Views flushed together are attributed to the day of the flush: at most one flush interval
  // (a second by default) of views near midnight can land on the next day.
  const std::string day = today_();
  std::vector<std::int64_t> listed;
  {
    std::lock_guard lock(pending_mutex_);
    listed.swap(pending_);
  }
  std::vector<ViewDelta> deltas;
  for (const std::int64_t id : listed) {
    Cell& cell = *cells_.Find(id);
    // Unlisted before taking the counts: a view counted after this lists the article again.
    cell.listed.store(false, std::memory_order_release);
    const std::int64_t views = cell.pending_views.exchange(0, std::memory_order_acq_rel);
    const std::int64_t crawler_hits =
        cell.pending_crawler_hits.exchange(0, std::memory_order_acq_rel);
    if (views || crawler_hits) deltas.push_back({id, day, views, crawler_hits});
  }
  if (deltas.empty()) return 0;

  std::vector<ViewTotals> totals;
  try {
    totals = store_.AddViews(deltas);
  } catch (...) {
    // The counts go back to pending (the shown totals never left them) for the next flush.
    for (const ViewDelta& delta : deltas) {
      Cell& cell = *cells_.Find(delta.article_id);
      cell.pending_views.fetch_add(delta.views, std::memory_order_relaxed);
      cell.pending_crawler_hits.fetch_add(delta.crawler_hits, std::memory_order_relaxed);
      ListForFlush(delta.article_id, cell);
    }
    throw;
  }

  std::unordered_map<std::int64_t, std::int64_t> new_totals;
  for (const ViewTotals& total : totals) new_totals[total.article_id] = total.views;
  std::int64_t written = 0;
  for (const ViewDelta& delta : deltas) {
    Cell& cell = *cells_.Find(delta.article_id);
    const auto it = new_totals.find(delta.article_id);
    if (it == new_totals.end()) {
      MoveShown(cell, -delta.views);  // the article is gone: its counts are dropped
      continue;
    }
    // The shown total moves only when other nodes or processes added views meanwhile.
    MoveShown(cell, it->second - (cell.stored + delta.views));
    cell.stored = it->second;
    written += delta.views;
  }
  return written;
}

void ViewCounter::RefreshSnapshot() {
  for (const ViewTotals& total : store_.ReadViewTotals())
    ApplyStored(total.article_id, total.views);
}

void ViewCounter::ApplyStoredAtLeast(std::int64_t article_id, std::int64_t views) {
  Cell& cell = cells_.FindOrMake(article_id);
  if (views > cell.stored) {
    MoveShown(cell, views - cell.stored);
    cell.stored = views;
  }
}

void ViewCounter::ApplyStored(std::int64_t article_id, std::int64_t views) {
  Cell& cell = cells_.FindOrMake(article_id);
  MoveShown(cell, views - cell.stored);
  cell.stored = views;
}

}  // namespace broadsheet::store
