// Test helpers that read facts out of served pages and the data dir.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

#include "store/sqlite/sqlite_store.h"

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

// The article's stored views, read straight from the SQLite file.
inline std::int64_t StoredViews(const std::string& data_dir, std::int64_t id) {
  store::sqlite::SqliteStore store(data_dir + "/broadsheet.db");
  const auto article = store.FindArticle(id);
  return article ? article->views : -1;
}

inline std::string ArticlePathOf(const std::string& data_dir, std::int64_t id) {
  store::sqlite::SqliteStore store(data_dir + "/broadsheet.db");
  const auto a = store.FindArticle(id);
  return "/" + a->category.slug + "/" + std::to_string(a->id) + "-" + a->slug;
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
