// Rendered pages kept in memory, keyed by a name the site chooses ("article:42", "front:1").
// Entries expire after [cache] max_age_s; the cache holds at most [cache] max_bytes, and
// beyond that the least recently used pages go first.
//
// Invalidation by what changed (issue 12): each page lists what it shows (PageShows: an
// article's text, an article's comment count, a listing), and a change drops only the pages
// that show it. Invalidate() still drops everything (navigation, settings, a publication).
// Every invalidation moves the cache's clock and stamps what it dropped with it; a page is
// stored only if nothing it shows was invalidated since its render began, so a render that
// read the store before an edit and finished after it can never put the old page back
// (issue 9).
//
// One render per page at a time (issue 12): BeginRender makes the first caller of a missing
// key its renderer; later callers wait for that render instead of rendering it again.
//
// Thread-safe; lookups take a shared lock only.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/gzip_page.h"
#include "render/slotted_page.h"
#include "render/stitched_body.h"

namespace broadsheet::render {

// One thing a page shows, as a number: the kind in the top byte, an id below.
class PageShows {
 public:
  // The article's text, title, picture or place in a listing's card.
  static PageShows Article(std::int64_t id) { return PageShows(kArticle, id); }
  // The article's approved comments or their count.
  static PageShows CommentsOf(std::int64_t id) { return PageShows(kComments, id); }

  std::uint64_t value() const { return value_; }
  bool operator==(const PageShows& other) const { return value_ == other.value_; }

 private:
  enum Kind : std::uint64_t { kArticle = 1, kComments = 2 };
  PageShows(Kind kind, std::int64_t id)
      : value_((static_cast<std::uint64_t>(kind) << 56) |
               (static_cast<std::uint64_t>(id) & ((std::uint64_t{1} << 56) - 1))) {}
  std::uint64_t value_;
};

struct CachedPage {
  SlottedPage page;
  // The same page compressed once (render/gzip_page.h), for clients that accept gzip; null
  // when not built.
  std::shared_ptr<const GzipPage> gzip;
  // The last bodies sent of a page with many slots, plain and gzip (site/page_response).
  LastStitchedBody last_plain;
  LastStitchedBody last_gzip;
  std::string canonical_path;  // where this page lives; other paths redirect here
  std::int64_t article_id = 0;  // the article a page shows, 0 for listings
  std::vector<PageShows> shows;  // what an invalidation by what changed looks for
  std::chrono::steady_clock::time_point expires_at;
};

class PageCache {
 public:
  explicit PageCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The stamp a render takes before it reads the store, to hand to Put with its page. It
  // moves with every invalidation, so it also tells whether anything changed at all.
  std::uint64_t generation() const { return clock_.load(std::memory_order_acquire); }

  // The entry under `key` when present and not expired at `now`, else nullptr.
  std::shared_ptr<const CachedPage> Find(const std::string& key,
                                         std::chrono::steady_clock::time_point now) const;
  // The entry under `key` even when expired (served while the store is unreachable).
  std::shared_ptr<const CachedPage> FindStale(const std::string& key) const;
  // Stores `page`, rendered from what the store held at `generation`. Returns false, storing
  // nothing, when anything the page shows was invalidated since (the page may be stale), or
  // when the page alone is larger than the whole cache.
  bool Put(const std::string& key, std::shared_ptr<const CachedPage> page,
           std::uint64_t generation);
  // Drops every entry and refuses pages whose render began before this call.
  void Invalidate();
  // Drops the entries that show any of `changed` and refuses pages showing them whose render
  // began before this call. Other entries stay.
  void InvalidateShowing(const std::vector<PageShows>& changed);

  // Coalesces concurrent renders of one key. The first caller for a key gets a ticket with
  // renderer() true and must call Done (the ticket's destructor does, with nullptr, if it
  // does not, as when the render throws); a caller that arrives while that render runs gets
  // renderer() false and calls Wait. A caller arriving after an invalidation that the render
  // in progress may have missed renders anew (and later callers wait for it instead).
  class RenderTicket;
  RenderTicket BeginRender(const std::string& key);
  // How many callers wait for a render in progress (tests wait on it to line requests up).
  std::size_t waiting_for_renders() const;

  std::size_t size() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::size_t bytes = 0;
    mutable std::atomic<std::int64_t> last_used{0};  // steady-clock ticks of the last Find
  };
  struct Render {
    std::uint64_t started_at = 0;  // the clock when it began: later changes are not in it
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;                       // guarded by mutex
    bool failed = false;                     // guarded by mutex: the renderer threw
    std::shared_ptr<const CachedPage> page;  // guarded by mutex
  };
  // Requires: mutex_ held exclusively. Evicts the least recently used entries until at most
  // `target` bytes remain.
  void EvictTo(std::size_t target);
  // Requires: mutex_ held. True when something `page` shows changed after `generation`.
  bool ChangedSince(const CachedPage& page, std::uint64_t generation) const;
  void FinishRender(const std::string& key, const std::shared_ptr<Render>& render,
                    std::shared_ptr<const CachedPage> page, bool failed);

  const std::size_t max_bytes_;
  std::atomic<std::uint64_t> clock_{0};
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> pages_;  // guarded by mutex_
  std::size_t bytes_ = 0;                         // guarded by mutex_
  // When each thing last changed (by clock), and when everything did. Bounded: when it grows
  // past a limit it is emptied and everything counts as changed then (renders in flight are
  // refused once, which is safe).
  std::unordered_map<std::uint64_t, std::uint64_t> changed_at_;  // guarded by mutex_
  std::uint64_t all_changed_at_ = 0;                             // guarded by mutex_

  mutable std::mutex renders_mutex_;
  std::unordered_map<std::string, std::shared_ptr<Render>> renders_;  // guarded by renders_mutex_
  std::size_t waiters_ = 0;                                           // guarded by renders_mutex_
};

class PageCache::RenderTicket {
 public:
  RenderTicket(RenderTicket&& other) noexcept;
  RenderTicket& operator=(RenderTicket&&) = delete;
  ~RenderTicket();

  bool renderer() const { return renderer_; }
  // Requires: renderer(). Hands the render's result (nullptr: none) to the waiting callers.
  void Done(std::shared_ptr<const CachedPage> page);
  // Requires: !renderer(). Blocks until the render in progress finishes; returns its page
  // (nullptr: there is no such page), or nullopt when the render failed.
  std::optional<std::shared_ptr<const CachedPage>> Wait();

 private:
  friend class PageCache;
  RenderTicket(PageCache* cache, std::string key, std::shared_ptr<Render> render, bool renderer)
      : cache_(cache), key_(std::move(key)), render_(std::move(render)), renderer_(renderer) {}
  PageCache* cache_;
  std::string key_;
  std::shared_ptr<Render> render_;
  bool renderer_;
};

}  // namespace broadsheet::render
