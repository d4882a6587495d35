#include "site/listing_anchors.h"

namespace broadsheet::site {

ListingAnchors::Place ListingAnchors::PlaceOf(const store::ListingScope& scope, int page) {
  return {static_cast<int>(scope.kind), scope.id, scope.from, page};
}

std::optional<store::ListingKey> ListingAnchors::Find(const store::ListingScope& scope,
                                                      int page) const {
  std::lock_guard lock(mutex_);
  const auto it = anchors_.find(PlaceOf(scope, page));
  if (it == anchors_.end()) return std::nullopt;
  return it->second;
}

void ListingAnchors::Remember(const store::ListingScope& scope, int page,
                              const store::ListingKey& after) {
  std::lock_guard lock(mutex_);
  if (anchors_.size() >= kMaxAnchors) return;
  anchors_.insert_or_assign(PlaceOf(scope, page), after);
}

std::size_t ListingAnchors::size() const {
  std::lock_guard lock(mutex_);
  return anchors_.size();
}

}  // namespace broadsheet::site
