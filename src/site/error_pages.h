// The pages readers see when something is not there or went wrong, and the handler boundary
// that turns failures into them (STYLE.md §7): StoreError "unavailable" -> 503 with
// Retry-After, anything else -> 500; both show a reference the log line also carries. If the
// templates themselves fail, a built-in page still answers. Thread-safe.
#pragma once

#include <functional>

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response NotFoundPage(const SiteContext& context, const http::Request& request);

// A 500 or 503 page for `request`.
http::Response ErrorPage(const SiteContext& context, const http::Request& request, int status);

// Runs `handler`, turning exceptions into ErrorPage responses and logging them; a deferred
// answer's work is guarded the same way when it runs.
http::Response Guarded(const SiteContext& context, const http::Request& request,
                       const std::function<http::Response()>& handler);

}  // namespace broadsheet::site
