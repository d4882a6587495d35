#include "render/json_ld.h"

#include <boost/json.hpp>

namespace broadsheet::render {

std::string JsonForHtml(const std::string& json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string NewsArticleJsonLd(const NewsArticleFacts& facts, const std::string& tail) {
  boost::json::object article{
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"headline", facts.headline},
      {"description", facts.description},
      {"url", facts.url},
      {"mainEntityOfPage", facts.url},
      {"datePublished", facts.date_published},
      {"dateModified", facts.date_modified},
      {"articleSection", facts.section},
      {"author", {{"@type", "Person"}, {"name", facts.author_name}}},
      {"publisher", {{"@type", "Organization"}, {"name", facts.publisher_name}}},
  };
  std::string json = JsonForHtml(boost::json::serialize(article));
  json.insert(json.size() - 1, tail);  // before the object's closing brace
  return json;
}

}  // namespace broadsheet::render
