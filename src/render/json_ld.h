// Structured data for search engines: a schema.org NewsArticle as JSON-LD, ready to sit inside
// <script type="application/ld+json">. Produced by Boost.JSON and then made safe for HTML
// (<, >, &, U+2028, U+2029 escaped), never by the HTML template escaper. Thread-safe.
#pragma once

#include <string>
#include <vector>

namespace broadsheet::render {

// A picture by absolute URL, with its size in pixels (0 when unknown).
struct ImageFacts {
  std::string url;
  int width = 0;
  int height = 0;
};

struct NewsArticleFacts {
  std::string headline;
  std::string description;
  std::string url;
  std::string date_published;  // ISO 8601
  std::string date_modified;
  std::string author_name;
  std::string author_url;  // the author's page
  std::string section;
  std::string publisher_name;
  std::string publisher_url;
  std::string publisher_logo;         // absolute URL; empty: none
  ImageFacts image;                   // url empty: none
  std::vector<std::string> keywords;  // the article's tags
};

// One step of a breadcrumb trail: its name and absolute URL.
struct Crumb {
  std::string name;
  std::string url;
};

// `tail` goes in verbatim before the closing brace: a slot marker that becomes
// `,"aggregateRating":{...}` (render/live_numbers.h) when the page is served, or empty.
std::string NewsArticleJsonLd(const NewsArticleFacts& facts, const std::string& tail = "");

// A schema.org BreadcrumbList of `crumbs`, in order, ready for <script type="application/ld+json">.
std::string BreadcrumbListJsonLd(const std::vector<Crumb>& crumbs);

// The front page's WebSite, with a SearchAction whose target is `search_url_template`
// ("https://example.org/search?q={search_term_string}").
std::string WebSiteJsonLd(const std::string& name, const std::string& url,
                          const std::string& search_url_template);

// Escapes serialized JSON so that it cannot end a <script> element or break a JS parser.
std::string JsonForHtml(const std::string& json);

}  // namespace broadsheet::render
