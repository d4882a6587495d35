// What the search index holds for one article (issue 13): its title, summary, body, tag names
// and author name, each folded to search words by news::SearchWords, the same for both stores,
// so that neither database needs an extension to find "café" by "cafe". Pure.
#pragma once

#include <string>

#include "news/search_text.h"

namespace broadsheet::store {

struct SearchDocument {
  std::string title;
  std::string summary;
  std::string body;
  std::string tags;
  std::string author;
};

// `tags` is the article's tag names joined by spaces; `body` its Markdown (its punctuation
// separates words like any other).
inline SearchDocument MakeSearchDocument(const std::string& title, const std::string& summary,
                                         const std::string& body, const std::string& tags,
                                         const std::string& author) {
  return {news::SearchWords(title), news::SearchWords(summary), news::SearchWords(body),
          news::SearchWords(tags), news::SearchWords(author)};
}

}  // namespace broadsheet::store
