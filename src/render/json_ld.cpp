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
  boost::json::object author{{"@type", "Person"}, {"name", facts.author_name}};
  if (!facts.author_url.empty()) author["url"] = facts.author_url;
  boost::json::object publisher{{"@type", "Organization"}, {"name", facts.publisher_name}};
  if (!facts.publisher_url.empty()) publisher["url"] = facts.publisher_url;
  if (!facts.publisher_logo.empty()) {
    publisher["logo"] = {{"@type", "ImageObject"}, {"url", facts.publisher_logo}};
  }
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
      {"author", std::move(author)},
      {"publisher", std::move(publisher)},
  };
  if (!facts.image.url.empty()) {
    boost::json::object image{{"@type", "ImageObject"}, {"url", facts.image.url}};
    if (facts.image.width > 0) {
      image["width"] = facts.image.width;
      image["height"] = facts.image.height;
    }
    article["image"] = std::move(image);
  }
  if (!facts.keywords.empty()) {
    boost::json::array keywords;
    for (const std::string& keyword : facts.keywords) keywords.emplace_back(keyword);
    article["keywords"] = std::move(keywords);
  }
  std::string json = JsonForHtml(boost::json::serialize(article));
  json.insert(json.size() - 1, tail);  // before the object's closing brace
  return json;
}

std::string BreadcrumbListJsonLd(const std::vector<Crumb>& crumbs) {
  boost::json::array items;
  for (std::size_t i = 0; i < crumbs.size(); ++i) {
    items.push_back(boost::json::object{{"@type", "ListItem"},
                                        {"position", static_cast<std::int64_t>(i + 1)},
                                        {"name", crumbs[i].name},
                                        {"item", crumbs[i].url}});
  }
  const boost::json::object list{{"@context", "https://schema.org"},
                                 {"@type", "BreadcrumbList"},
                                 {"itemListElement", std::move(items)}};
  return JsonForHtml(boost::json::serialize(list));
}

std::string WebSiteJsonLd(const std::string& name, const std::string& url,
                          const std::string& search_url_template) {
  const boost::json::object site{
      {"@context", "https://schema.org"},
      {"@type", "WebSite"},
      {"name", name},
      {"url", url},
      {"potentialAction",
       {{"@type", "SearchAction"},
        {"target", {{"@type", "EntryPoint"}, {"urlTemplate", search_url_template}}},
        {"query-input", "required name=search_term_string"}}},
  };
  return JsonForHtml(boost::json::serialize(site));
}

}  // namespace broadsheet::render
