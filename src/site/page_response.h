// Sends a cached page: fills its live-number slots and sets the headers every rendered page
// shares (X-Cache hit|miss|stale, no-cache so browsers revalidate and every read is counted).
// Also finds or renders the page, falling back to an expired copy while the store is down.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "render/live_numbers.h"
#include "render/page_cache.h"
#include "store/comment_tally.h"
#include "store/rating_board.h"
#include "store/view_counter.h"

namespace broadsheet::site {

enum class CacheOutcome { kHit, kMiss, kStale };

// The numbers and notices one response fills its page's slots with.
struct LiveValues {
  const store::ViewCounter& views;
  const store::RatingBoard& ratings;
  const store::CommentTally& comment_counts;
  // The article whose view this request just counted and the total RecordView returned (shown
  // as is, so a reader sees their own view); 0 for none.
  std::int64_t counted_article = 0;
  std::int64_t counted_total = 0;
  // What the rating widget says to this reader only (after a vote, or why it was refused).
  const render::RatingNotice* notice = nullptr;
  // What the comment section says to this reader only (HTML we wrote), or nullptr.
  const std::string* comment_notice = nullptr;
};

// The page as a response whose body refers to the cached text (a gather write) and carries
// only the live numbers itself; the header lines are prepared constants. With `gzip` (and a
// compressed copy of the page) the body is gzip, stitched around the live numbers.
http::Response PageResponse(const std::shared_ptr<const render::CachedPage>& page,
                            CacheOutcome outcome, const LiveValues& live, bool gzip = false);

// True when the request's Accept-Encoding prefers gzip to the plain page.
bool AcceptsGzip(const http::Request& request);

// The page under `key`: from the cache, else from `render` (nullptr: no such page), cached
// for next time when `cache` is true. When rendering fails because the store is unreachable
// and an expired copy exists, that copy is returned as kStale instead of the error.
struct FoundPage {
  std::shared_ptr<const render::CachedPage> page;
  CacheOutcome outcome = CacheOutcome::kMiss;
};
// Concurrent misses for one key render it once: the others get the expired copy while the
// render runs, or wait for it (render::PageCache::BeginRender). A template so the hot path (a
// hit) costs no std::function allocation.
template <typename Render>
FoundPage FindOrRender(render::PageCache& pages, const std::string& key, bool cache,
                       Render&& render) {
  if (auto page = pages.Find(key, std::chrono::steady_clock::now())) {
    return {std::move(page), CacheOutcome::kHit};
  }
  render::PageCache::RenderTicket ticket = pages.BeginRender(key);
  if (!ticket.renderer()) {
    if (auto stale = pages.FindStale(key)) return {std::move(stale), CacheOutcome::kStale};
    if (auto shared = ticket.Wait()) return {std::move(*shared), CacheOutcome::kMiss};
    // The render failed (the store, most likely): try ours, which reports its own error.
  }
  try {
    // Taken before the render reads the store: an invalidation meanwhile refuses the Put.
    const std::uint64_t generation = pages.generation();
    std::shared_ptr<const render::CachedPage> page = render();
    if (page && cache) pages.Put(key, page, generation);
    if (ticket.renderer()) ticket.Done(page);
    return {std::move(page), CacheOutcome::kMiss};
  } catch (const store::StoreError& error) {
    if (!error.unavailable()) throw;
    if (auto stale = pages.FindStale(key)) return {std::move(stale), CacheOutcome::kStale};
    throw;
  }
}

}  // namespace broadsheet::site
