// Sends a cached page: fills its live-number slots and sets the headers every rendered page
// shares (X-Cache hit|miss, no-cache so browsers revalidate and every read is counted).
#pragma once

#include <cstdint>

#include "http/response.h"
#include "render/page_cache.h"
#include "store/view_counter.h"

namespace broadsheet::site {

// `counted_article`/`counted_total`: the article whose view this request just counted and the
// total RecordView returned (shown as is, so a reader sees their own view); 0 for none.
http::Response PageResponse(const render::CachedPage& page, bool cache_hit,
                            const store::ViewCounter& views, std::int64_t counted_article = 0,
                            std::int64_t counted_total = 0);

}  // namespace broadsheet::site
