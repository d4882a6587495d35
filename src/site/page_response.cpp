#include "site/page_response.h"

namespace broadsheet::site {

namespace {

std::string_view OutcomeText(CacheOutcome outcome) {
  switch (outcome) {
    case CacheOutcome::kHit: return "hit";
    case CacheOutcome::kMiss: return "miss";
    case CacheOutcome::kStale: return "stale";
  }
  return "miss";
}

}  // namespace

FoundPage FindOrRender(render::PageCache& pages, const std::string& key, bool cache,
                       const std::function<std::shared_ptr<const render::CachedPage>()>& render) {
  if (auto page = pages.Find(key, std::chrono::steady_clock::now())) {
    return {std::move(page), CacheOutcome::kHit};
  }
  try {
    auto page = render();
    if (page && cache) pages.Put(key, page);
    return {std::move(page), CacheOutcome::kMiss};
  } catch (const store::StoreError& error) {
    if (!error.unavailable()) throw;
    if (auto stale = pages.FindStale(key)) return {std::move(stale), CacheOutcome::kStale};
    throw;
  }
}

http::Response PageResponse(const render::CachedPage& page, CacheOutcome outcome,
                            const store::ViewCounter& views, std::int64_t counted_article,
                            std::int64_t counted_total) {
  http::Response response;
  response.headers.reserve(4);
  response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Cache", std::string(OutcomeText(outcome)));
  page.page.Fill(response.body, [&](std::int64_t article_id) {
    return article_id == counted_article ? counted_total : views.Displayed(article_id);
  });
  return response;
}

}  // namespace broadsheet::site
