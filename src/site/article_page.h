// The article page at /{category}/{id}-{slug}: rendered once into the page cache, served with
// the live "Read N times" and rating spliced in, and the place where a read is counted (a GET answered
// 200 that is not a prefetch and not a crawler). Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "render/live_numbers.h"
#include "site/site_context.h"

namespace broadsheet::site {

// Answers a request for article `id` (404 when missing or unpublished; 301 when the path is
// not the article's canonical one).
http::Response ServeArticlePage(const SiteContext& context, const http::Request& request,
                                std::int64_t id);

// The article page with a notice in its rating widget (the outcome of a vote posted without
// JavaScript, or why it was refused), answered with `status` and never cached.
http::Response ArticlePageWithNotice(const SiteContext& context, const http::Request& request,
                                     std::int64_t id, int status,
                                     const render::RatingNotice& notice,
                                     const std::string* comment_notice = nullptr);

// True for a speculative load the reader did not ask for (Sec-Purpose / Purpose: prefetch).
bool IsPrefetch(const http::Request& request);

}  // namespace broadsheet::site
