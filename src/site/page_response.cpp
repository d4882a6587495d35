#include "site/page_response.h"

namespace broadsheet::site {

http::Response PageResponse(const render::CachedPage& page, bool cache_hit,
                            const store::ViewCounter& views, std::int64_t counted_article,
                            std::int64_t counted_total) {
  http::Response response;
  response.headers.reserve(4);
  response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Cache", cache_hit ? "hit" : "miss");
  page.page.Fill(response.body, [&](std::int64_t article_id) {
    return article_id == counted_article ? counted_total : views.Displayed(article_id);
  });
  return response;
}

}  // namespace broadsheet::site
