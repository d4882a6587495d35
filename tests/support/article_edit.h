// Test support: an edit of a published article that keeps it where it is (same category,
// same time, still published), changing its title: the change the content log calls
// "article" scope, which drops only the pages that show that article.
#pragma once

#include <string>

#include "news/article.h"
#include "store/store.h"

namespace broadsheet::testing {

inline news::ArticleInput RetitledInPlace(const store::ArticleRow& article, std::string title) {
  news::ArticleInput edit{.title = std::move(title),
                          .slug = article.slug,
                          .summary = article.summary,
                          .category = article.category.name,
                          .author = article.author.name,
                          .status = news::ArticleStatus::kPublished,
                          .published_at = article.published_at,
                          .body_markdown = article.body_markdown};
  news::NormalizeAndValidate(edit);
  return edit;
}

}  // namespace broadsheet::testing
