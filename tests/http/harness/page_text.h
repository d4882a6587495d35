// Test helpers that read facts out of served pages and the data dir.
#pragma once

#include <cstdint>
#include <algorithm>
#include <fstream>
#include <string>

#include "http/harness/http_client.h"
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

// The text of the article page's <span class="rating-text">, e.g. "Rated 4.2 out of 5 (17 votes)".
inline std::string RatingShown(const std::string& page) {
  const std::string open = "<span class=\"rating-text\">";
  const auto start = page.find(open);
  if (start == std::string::npos) return {};
  const auto end = page.find('<', start + open.size());
  return page.substr(start + open.size(), end - start - open.size());
}

// The "bs_reader=..." pair of a response's Set-Cookie, or empty.
inline std::string ReaderCookieFrom(const HttpResponse& response) {
  const std::string set_cookie = response.Header("set-cookie");
  if (!set_cookie.starts_with("bs_reader=")) return {};
  return set_cookie.substr(0, set_cookie.find(';'));
}

// The reader id inside a "bs_reader=<id>.<mac>" pair.
inline std::string ReaderIdOf(const std::string& cookie) {
  const auto equals = cookie.find('=');
  return cookie.substr(equals + 1, cookie.find('.') - equals - 1);
}

// POSTs stars=`stars` (or the raw `body` when given) to the article's rating form.
inline HttpResponse Vote(HttpClient& client, const std::string& article_path,
                         const std::string& stars, const Headers& extra = {},
                         bool json = true) {
  Headers headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (json) headers.emplace_back("Accept", "application/json");
  headers.insert(headers.end(), extra.begin(), extra.end());
  return client.Request("POST", article_path + "/rating", headers, "stars=" + stars);
}

// "votes": N from a rating answer's JSON, or -1.
inline std::int64_t VotesInJson(const std::string& json) {
  const auto at = json.find("\"votes\": ");
  return at == std::string::npos ? -1 : std::stoll(json.substr(at + 9));
}

}  // namespace broadsheet::testing
