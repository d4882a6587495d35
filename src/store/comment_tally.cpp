#include "store/comment_tally.h"

#include <unordered_set>

namespace broadsheet::store {

std::int64_t CommentTally::Of(std::int64_t article_id) const {
  const Cell* cell = cells_.Find(article_id);
  return cell ? cell->approved.load(std::memory_order_relaxed) : 0;
}

void CommentTally::Set(std::int64_t article_id, std::int64_t approved) {
  Cell& cell = cells_.FindOrMake(article_id);
  const std::int64_t before = cell.approved.exchange(approved, std::memory_order_relaxed);
  if (before == approved) return;
  if (before == 0) counted_.push_back(article_id);
  changes_.fetch_add(1, std::memory_order_acq_rel);
}

void CommentTally::ReadAll(Store& store) {
  std::lock_guard lock(mutex_);
  const std::vector<CommentCount> counts = store.ReadCommentCounts();
  std::unordered_set<std::int64_t> listed;
  for (const CommentCount& count : counts) listed.insert(count.article_id);
  // Articles that had comments and are not listed now have none.
  std::vector<std::int64_t> before;
  before.swap(counted_);
  for (const std::int64_t id : before) {
    if (!listed.count(id)) Set(id, 0);
  }
  for (const CommentCount& count : counts) Set(count.article_id, count.approved);
  counted_.assign(listed.begin(), listed.end());
}

void CommentTally::Recount(Store& store, std::int64_t article_id) {
  std::lock_guard lock(mutex_);
  Set(article_id, store.CountApprovedComments(article_id));
}

}  // namespace broadsheet::store
