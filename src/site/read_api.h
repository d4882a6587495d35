// The JSON read API (issue 13; docs/API.md): /api/v1/articles (filters category, tag or
// author, since; limit up to 100; an opaque `next` cursor, a ListingKey, so a page stays right
// while articles are published), /api/v1/articles/{id}, /api/v1/categories, /api/v1/tags and
// /api/v1/authors. Published content only; ETags and 304; CORS for GET from any origin; limited
// per address ([api] per_address per window_s); errors as {"error": "..."}. Answers are made
// once per content change (the listing facts' document cache). Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

// GET (and HEAD) under /api/v1/.
http::Response ServeReadApi(const SiteContext& context, const http::Request& request);
// OPTIONS under /api/v1/: the CORS preflight a browser sends before a GET with If-None-Match.
http::Response ServeReadApiPreflight(const http::Request& request);
// Any other method under /api/v1/: 405 as JSON.
http::Response ServeReadApiWrongMethod(const http::Request& request);

}  // namespace broadsheet::site
