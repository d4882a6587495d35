// Test helpers that read facts out of served pages and the data dir.
#pragma once

#include <cstdint>
#include <algorithm>
#include <fstream>
#include <string>

#include "http/harness/test_site.h"

namespace broadsheet::testing {

// The number in the article page's <span class="views">Read N time(s)</span>, or -1.
inline std::int64_t ViewsShown(const std::string& page) {
  const std::string open = "<span class=\"views\">Read ";
  const auto start = page.find(open);
  if (start == std::string::npos) return -1;
  std::string digits;
  for (auto i = start + open.size(); i < page.size() && page[i] != ' '; ++i) {
    if (page[i] >= '0' && page[i] <= '9') digits.push_back(page[i]);
    else if (page[i] != ',') return -1;
  }
  return digits.empty() ? -1 : std::stoll(digits);
}

// The article's stored views, read straight from the site's store.
inline std::int64_t StoredViews(const TestSite& site, std::int64_t id) {
  const auto article = site.OpenStore()->FindArticle(id);
  return article ? article->views : -1;
}

inline std::string ArticlePathOf(const TestSite& site, std::int64_t id) {
  const auto a = site.OpenStore()->FindArticle(id);
  return "/" + a->category.slug + "/" + std::to_string(a->id) + "-" + a->slug;
}

// The path `broadsheet article add` printed ("ID /category/ID-slug").
inline std::string AddedPath(const CliResult& added) {
  const auto space = added.out.find(' ');
  return added.out.substr(space + 1, added.out.find('\n') - space - 1);
}

inline void WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
}

// The inner HTML of the element with id="ID" up to its closing </ol>.
inline std::string OrderedListById(const std::string& page, const std::string& id) {
  const auto start = page.find("id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  const auto end = page.find("</ol>", start);
  return page.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace broadsheet::testing
