// POST /{category}/{id}-{slug}/rating: one reader's 1..5 stars for an article (DESIGN.md §4).
// Keyed by the id, so a stale slug still counts (a redirected POST would lose the vote). The
// vote is committed before the answer: 303 back to the article with ?rated=N for a form post,
// {"average", "votes", "yours"} for fetch. Refusals change nothing and get STYLE.md's status:
// 400 unreadable, 403 cross-site, 404 no such article, 405 not a POST, 422 stars not a whole
// number from 1 to 5, 429 too many votes from one address. Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeRatingPost(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
