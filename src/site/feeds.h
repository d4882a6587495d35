// RSS 2.0 and Atom 1.0 feeds (issue 13) of the newest [feeds] items published articles: the
// site's at /feed/ and /atom/, a category's at /{category}/feed/, a tag's at
// /tag/{slug}/feed/, an author's at /author/{slug}/feed/ (each also .../atom/). Full text or
// summary ([feeds] full_text), the canonical URL as each item's permanent id, self links,
// and conditional GET (ETag, Last-Modified, 304). Made once per content change and cached
// with the listing facts (site/document_cache.h). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

enum class FeedFormat { kRss, kAtom };

// Which listing a feed follows: kAll (the site), or a category, tag or author by slug.
enum class FeedSource { kSite, kCategory, kTag, kAuthor };

// The feed, or the 404 page when no such category, tag or author exists.
http::Response ServeFeed(const SiteContext& context, const http::Request& request,
                         FeedFormat format, FeedSource source, const std::string& slug = "");

// "/feed/" or "/atom/" after a listing's path, else nullopt-like empty.
bool FeedFormatOf(std::string_view segment, FeedFormat& format);

// The <link rel="alternate"> tags a page's head carries: the site's two feeds, and those of
// the listing at `listing_path` ("/tag/ferries/"; empty for none) named `listing_name`.
std::string FeedLinks(const std::string& site_name, const std::string& listing_path,
                      const std::string& listing_name);

}  // namespace broadsheet::site
