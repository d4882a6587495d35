#include "site/listing_anchors.h"

namespace broadsheet::site {

std::optional<store::ListingKey> ListingAnchors::Find(std::int64_t category_id, int page) const {
  std::lock_guard lock(mutex_);
  const auto it = anchors_.find({category_id, page});
  if (it == anchors_.end()) return std::nullopt;
  return it->second;
}

void ListingAnchors::Remember(std::int64_t category_id, int page, const store::ListingKey& after) {
  std::lock_guard lock(mutex_);
  if (anchors_.size() >= kMaxAnchors) return;
  anchors_.insert_or_assign({category_id, page}, after);
}

std::size_t ListingAnchors::size() const {
  std::lock_guard lock(mutex_);
  return anchors_.size();
}

}  // namespace broadsheet::site
