// Structured data for search engines: a schema.org NewsArticle as JSON-LD, ready to sit inside
// <script type="application/ld+json">. Produced by Boost.JSON and then made safe for HTML
// (<, >, &, U+2028, U+2029 escaped), never by the HTML template escaper. Thread-safe.
#pragma once

#include <string>

namespace broadsheet::render {

struct NewsArticleFacts {
  std::string headline;
  std::string description;
  std::string url;
  std::string date_published;  // ISO 8601
  std::string date_modified;
  std::string author_name;
  std::string section;
  std::string publisher_name;
};

// `tail` goes in verbatim before the closing brace: a slot marker that becomes
// `,"aggregateRating":{...}` (render/live_numbers.h) when the page is served, or empty.
std::string NewsArticleJsonLd(const NewsArticleFacts& facts, const std::string& tail = "");

// Escapes serialized JSON so that it cannot end a <script> element or break a JS parser.
std::string JsonForHtml(const std::string& json);

}  // namespace broadsheet::render
