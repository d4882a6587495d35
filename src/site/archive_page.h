// "/archive/": every month with published articles, newest first, grouped by year, each
// linking to its month's listing (site/listing_pages.h). Cached like any listing and dropped
// with every change to what is published. Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeArchiveIndex(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
