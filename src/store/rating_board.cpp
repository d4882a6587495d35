#include "store/rating_board.h"

namespace broadsheet::store {

RatingTotals RatingBoard::Of(std::int64_t article_id) const {
  Shard& shard = ShardFor(article_id);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.totals.find(article_id);
  if (found == shard.totals.end()) return RatingTotals{article_id, 0, 0, 0};
  return found->second;
}

void RatingBoard::Apply(const RatingTotals& totals) {
  Shard& shard = ShardFor(totals.article_id);
  std::lock_guard lock(shard.mutex);
  RatingTotals& held = shard.totals[totals.article_id];
  if (held.article_id != 0 && totals.revision < held.revision) return;
  if (held.sum != totals.sum || held.count != totals.count) {
    changes_.fetch_add(1, std::memory_order_acq_rel);
  }
  held = totals;
}

void RatingBoard::ApplyAll(const std::vector<RatingTotals>& all) {
  for (const RatingTotals& totals : all) Apply(totals);
}

}  // namespace broadsheet::store
