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
