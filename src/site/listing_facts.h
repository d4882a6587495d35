// What listings, navigation and the 404 page need on nearly every request but what changes
// only with content: every category by slug, the number of published articles in each and in
// all, and the latest headlines. Read from the store once per page-cache generation (issue 9:
// a flood of past-the-end listing pages or 404s used to read all of it, counting the whole
// articles table, for each request), and read again after the next invalidation. Each
// snapshot also carries the anchors of deep listing pages (site/listing_anchors.h), so they
// live exactly as long as the content they were read from. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/page_cache.h"
#include "site/document_cache.h"
#include "site/listing_anchors.h"
#include "site/old_links.h"
#include "site/side_boxes.h"
#include "store/store.h"

namespace broadsheet::site {

struct ListingSnapshot {
  std::uint64_t generation = 0;             // the page cache's, when the store was read
  std::vector<store::Category> navigation;  // categories with a published article, by name
  std::unordered_map<std::string, store::CategoryCount> by_slug;  // every category
  std::int64_t published_total = 0;
  std::vector<store::ArticleRow> latest;  // the newest published articles, without bodies
  // The store settings (news/site_setting.h) that have a stored value; writing one moves the
  // content version, so a snapshot never outlives a change.
  std::unordered_map<std::string, std::string> settings;
  // Where deep listing pages start, learnt while this snapshot is current and dropped with it
  // (issue 12). Mutable: a cache of what the store said for this generation, thread-safe.
  mutable ListingAnchors anchors;
  // Feeds and sitemaps made from this snapshot's content (site/document_cache.h).
  mutable DocumentCache documents;
  // The side boxes of listing pages, computed once per [cache] max_age_s for this snapshot.
  SideBoxes side_boxes;

  std::optional<store::Category> FindCategory(const std::string& slug) const;
  // Published articles in the category (0: all categories).
  std::int64_t CountPublished(std::int64_t category_id) const;
  // The stored value of a setting, else its default.
  std::string Setting(std::string_view key) const;
};

class ListingFacts {
 public:
  // How many of the latest headlines to keep (the 404 page shows them).
  static constexpr int kLatestCount = 5;

  ListingFacts(store::Store& store, const render::PageCache& pages);

  // The facts as of the cache's current generation, read from the store when it moved (one
  // reader at a time; the others wait for its result). Throws StoreError.
  std::shared_ptr<const ListingSnapshot> Current();

  // The old addresses of imported sites and editors' redirects (issue 14), as of the current
  // generation. Throws StoreError.
  std::shared_ptr<const OldLinkMap> OldLinksNow() {
    return old_links_.Current(pages_.generation());
  }

 private:
  store::Store& store_;
  const render::PageCache& pages_;
  OldLinks old_links_{store_};
  std::mutex mutex_;
  std::shared_ptr<const ListingSnapshot> snapshot_;  // guarded by mutex_
};

}  // namespace broadsheet::site
