// The front page (latest articles, Most read today / this week) and category pages, paginated
// with ?page=N. Rendered into the page cache; card view counts are live slots. Thread-safe.
#pragma once

#include <string>

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeFrontPage(const SiteContext& context, const http::Request& request);

// 404 when no category has this slug (or the page number is past the last page).
http::Response ServeCategoryPage(const SiteContext& context, const http::Request& request,
                                 const std::string& category_slug);

}  // namespace broadsheet::site
