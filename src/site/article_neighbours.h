// The article page's ways on to other articles (issue 13): related articles (most shared tags
// first, then the same category), more from the same author, and the next older and newer
// article in its category. Published articles only, never the article itself. Each list is
// read from the listing indexes (store/listing_statements.h): bounded work per page, whatever
// the size of the site. Thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "site/site_context.h"
#include "store/store.h"

namespace broadsheet::site {

struct ArticleNeighbours {
  std::vector<store::ArticleRow> in_category;  // "More in": its category's newest
  std::vector<store::ArticleRow> related;
  std::vector<store::ArticleRow> by_author;
  std::optional<store::ArticleRow> older;  // in the category
  std::optional<store::ArticleRow> newer;
};

ArticleNeighbours FindNeighbours(const SiteContext& context, const store::ArticleRow& article);

}  // namespace broadsheet::site
