// Where deep listing pages start (issue 12): for a listing (store::ListingScope: the front
// page, a category, a tag, an author, a month) and a page number, the key of the last article
// before that page, learnt as pages are rendered. Each ListingSnapshot owns one set, so the anchors
// are dropped with it whenever the content changes (the snapshot's generation moves); nothing else
// ties them to the page cache. Bounded in size. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

#include "store/store.h"

namespace broadsheet::site {

class ListingAnchors {
 public:
  // Anchors kept per snapshot at most: page 400 of every category of a large site fits many
  // times over (a few MiB at most); past it a page finds its start with an index walk each
  // time it is rendered, which is correct, only slower.
  static constexpr std::size_t kMaxAnchors = 1 << 16;

  // The key page `page` of the listing starts after, when it is known.
  std::optional<store::ListingKey> Find(const store::ListingScope& scope, int page) const;
  // Remembers that page `page` starts after `after` (ignored once kMaxAnchors are known).
  void Remember(const store::ListingScope& scope, int page, const store::ListingKey& after);
  // How many anchors are known.
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  // (kind, id, from, page): a period is told apart by where it starts.
  using Place = std::tuple<int, std::int64_t, std::int64_t, int>;
  static Place PlaceOf(const store::ListingScope& scope, int page);
  // Guarded by mutex_: the listing's page -> the key the page starts after.
  std::map<Place, store::ListingKey> anchors_;
};

}  // namespace broadsheet::site
