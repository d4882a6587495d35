// Answers a request with a generated document (a feed, a sitemap: site/document_cache.h) made
// once per content change: on the worker pool, kept in the listing snapshot under the
// request's path for [cache] max_age_s, validated by the request's If-None-Match or
// If-Modified-Since. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "site/document_cache.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/site_context.h"

namespace broadsheet::site {

// `make(listings, request)` returns the document, or nullptr for the 404 page.
template <typename Make>
http::Response ServeDocument(const SiteContext& context, const http::Request& request, Make make) {
  return http::Response::Deferred([&context, copy = http::CopyRequest(request), make] {
    const auto listings = context.listings.Current();
    std::string key;
    AppendCacheKeyPrefix(key, context.settings, *copy);
    key += copy->path;
    const auto document = listings->documents.FindOrMake(key, [&]() -> std::shared_ptr<Document> {
      std::shared_ptr<Document> made = make(*listings, *copy);
      if (made)
        made->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
      return made;
    });
    if (!document) return NotFoundPage(context, *copy);
    return DocumentResponse(*document, *copy, context.settings.cache_max_age.count());
  });
}

}  // namespace broadsheet::site
