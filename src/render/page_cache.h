// Rendered pages kept in memory, keyed by a name the site chooses ("article:42", "front:1").
// Entries expire after [cache] max_age_s and are all dropped when content changes (the
// store's content version moves). Thread-safe; lookups take a shared lock only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "render/slotted_page.h"

namespace broadsheet::render {

struct CachedPage {
  SlottedPage page;
  std::string canonical_path;  // where this page lives; other paths redirect here
  std::int64_t article_id = 0;  // the article a page shows, 0 for listings
  std::chrono::steady_clock::time_point expires_at;
};

class PageCache {
 public:
  // `max_entries` bounds memory: when full, the cache starts over empty.
  explicit PageCache(std::size_t max_entries) : max_entries_(max_entries) {}

  // The entry under `key` when present and not expired at `now`, else nullptr.
  std::shared_ptr<const CachedPage> Find(const std::string& key,
                                         std::chrono::steady_clock::time_point now) const;
  // The entry under `key` even when expired (served while the store is unreachable).
  std::shared_ptr<const CachedPage> FindStale(const std::string& key) const;
  void Put(const std::string& key, std::shared_ptr<const CachedPage> page);
  // Drops every entry.
  void Clear();
  std::size_t size() const;

 private:
  const std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;  // guarded by mutex_
};

}  // namespace broadsheet::render
