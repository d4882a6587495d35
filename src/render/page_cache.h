// Rendered pages kept in memory, keyed by a name the site chooses ("article:42", "front:1").
// Entries expire after [cache] max_age_s and are all dropped when content changes. The cache
// holds at most [cache] max_bytes; beyond that the least recently used pages go first.
// Every invalidation moves the cache's generation, and a page is stored only if no
// invalidation happened since its render began: a render that read the store before an edit
// and finished after it can never put the old page back (issue 9). Thread-safe; lookups take a
// shared lock only.
#pragma once

#include <atomic>
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
  explicit PageCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The stamp a render takes before it reads the store, to hand to Put with its page.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // The entry under `key` when present and not expired at `now`, else nullptr.
  std::shared_ptr<const CachedPage> Find(const std::string& key,
                                         std::chrono::steady_clock::time_point now) const;
  // The entry under `key` even when expired (served while the store is unreachable).
  std::shared_ptr<const CachedPage> FindStale(const std::string& key) const;
  // Stores `page`, rendered from what the store held at `generation`. Returns false, storing
  // nothing, when the cache was invalidated since (the page may be stale), or when the page
  // alone is larger than the whole cache.
  bool Put(const std::string& key, std::shared_ptr<const CachedPage> page,
           std::uint64_t generation);
  // Drops every entry and refuses pages whose render began before this call.
  void Invalidate();

  std::size_t size() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::size_t bytes = 0;
    mutable std::atomic<std::int64_t> last_used{0};  // steady-clock ticks of the last Find
  };
  // Requires: mutex_ held exclusively. Evicts the least recently used entries until at most
  // `target` bytes remain.
  void EvictTo(std::size_t target);

  const std::size_t max_bytes_;
  std::atomic<std::uint64_t> generation_{0};
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> pages_;  // guarded by mutex_
  std::size_t bytes_ = 0;                         // guarded by mutex_
};

}  // namespace broadsheet::render
