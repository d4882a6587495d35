// Sitemaps for search engines (issue 13): /sitemap.xml is an index of the site's sitemap
// files: /sitemap-sections.xml (the front page, sections and the archive) and
// /sitemap-articles-N.xml, every published article's canonical URL in files of [sitemaps]
// urls_per_file, newest first, each URL with its lastmod; /sitemap-news.xml lists the last two
// days' articles as Google News asks; /robots.txt names them. Made once per content change
// (site/document_cache.h), with conditional GET. Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeSitemapIndex(const SiteContext& context, const http::Request& request);
http::Response ServeSectionsSitemap(const SiteContext& context, const http::Request& request);
// "/sitemap-articles-{N}.xml" (the router passes every /sitemap-articles- path): 404 past the
// last file or for anything else.
http::Response ServeArticleSitemap(const SiteContext& context, const http::Request& request);
http::Response ServeNewsSitemap(const SiteContext& context, const http::Request& request);
http::Response ServeRobotsTxt(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
