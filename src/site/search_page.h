// Site search at /search?q= (issue 13): an empty query shows the search form; any other
// answers 200 with "N results" (title matches first, each with a snippet where the words are
// marked, everything from the article escaped first) and numbered pages, or "No results" and
// a hint. Query syntax is never an error (news::ParseSearchQuery). A result page is kept per
// normalised query for [search] cache_s and dropped with any change to what is published (it
// lives in the listing facts' document cache); /search is limited per address ([search]
// per_address per window_s: a 429 page beyond). Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeSearchPage(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
