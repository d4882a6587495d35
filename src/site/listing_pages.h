// Every listing of published articles, paginated with ?page=N (numbered pages, rel prev and
// next): the front page (latest articles, Most read today / this week), category pages, and
// (issue 13) tag pages, author pages and archive months. Rendered into the page cache; card
// view counts are live slots. Thread-safe.
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

// "/tag/{slug}/": 404 when no tag has this slug.
http::Response ServeTagPage(const SiteContext& context, const http::Request& request,
                            const std::string& tag_slug);

// "/author/{slug}/": the author's name, bio and published articles; 404 for no such author.
http::Response ServeAuthorPage(const SiteContext& context, const http::Request& request,
                               const std::string& author_slug);

// "/archive/{yyyy}/{mm}/": the month's published articles, oldest month 1970, newest 9999.
http::Response ServeArchiveMonth(const SiteContext& context, const http::Request& request, int year,
                                 int month);

}  // namespace broadsheet::site
