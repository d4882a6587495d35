#include "site/article_neighbours.h"

#include <algorithm>
#include <unordered_map>

namespace broadsheet::site {
namespace {

constexpr int kRelated = 4;
constexpr int kInCategory = 5;
constexpr int kByAuthor = 5;
// Tags looked at, and the newest articles read per tag: an article shares tags with the
// newest of each tag's articles, which bounds the work on a tag with a hundred thousand.
constexpr std::size_t kTagsLooked = 8;
constexpr int kPerTag = 40;

// `category_newest`: the newest articles of its category, which fill the list when its tags
// give too few.
std::vector<store::ArticleRow> Related(const SiteContext& context, const store::ArticleRow& article,
                                       const std::vector<store::ArticleRow>& category_newest) {
  struct Candidate {
    store::ArticleRow row;
    int shared = 0;
  };
  std::unordered_map<std::int64_t, Candidate> candidates;
  for (std::size_t i = 0; i < article.tags.size() && i < kTagsLooked; ++i) {
    for (auto& row :
         context.store.ListPublished(store::ListingScope::Tag(article.tags[i].id), {}, kPerTag)) {
      if (row.id == article.id) continue;
      auto [it, added] = candidates.try_emplace(row.id, Candidate{std::move(row), 0});
      ++it->second.shared;
    }
  }
  std::vector<Candidate> ranked;
  ranked.reserve(candidates.size());
  for (auto& [id, candidate] : candidates) ranked.push_back(std::move(candidate));
  // Most shared tags first, then the newest.
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    if (a.shared != b.shared) return a.shared > b.shared;
    if (a.row.published_at != b.row.published_at) return a.row.published_at > b.row.published_at;
    return a.row.id > b.row.id;
  });
  std::vector<store::ArticleRow> related;
  for (auto& candidate : ranked) {
    if (related.size() == kRelated) break;
    related.push_back(std::move(candidate.row));
  }
  // Then the newest of its category.
  for (const auto& row : category_newest) {
    if (related.size() == kRelated) break;
    const bool chosen = std::any_of(related.begin(), related.end(),
                                    [&](const store::ArticleRow& r) { return r.id == row.id; });
    if (row.id != article.id && !chosen) related.push_back(row);
  }
  return related;
}

}  // namespace

ArticleNeighbours FindNeighbours(const SiteContext& context, const store::ArticleRow& article) {
  ArticleNeighbours neighbours;
  // One read of the category's newest serves "More in" and fills "Related articles": enough
  // rows for either, after the article itself and up to kRelated already chosen.
  const auto category_newest = context.store.ListPublished(article.category.id, std::nullopt,
                                                           std::max(kRelated * 2, kInCategory) + 1);
  neighbours.related = Related(context, article, category_newest);
  for (const auto& row : category_newest) {
    if (row.id != article.id &&
        neighbours.in_category.size() < static_cast<std::size_t>(kInCategory)) {
      neighbours.in_category.push_back(row);
    }
  }
  for (auto& row : context.store.ListPublished(store::ListingScope::Author(article.author.id), {},
                                               kByAuthor + 1)) {
    if (row.id != article.id && neighbours.by_author.size() < kByAuthor) {
      neighbours.by_author.push_back(std::move(row));
    }
  }
  const store::ListingKey key = store::ListingKeyOf(article);
  auto older = context.store.ListPublished(article.category.id, key, 1);
  if (!older.empty()) neighbours.older = std::move(older.front());
  neighbours.newer = context.store.NewerInCategory(article.category.id, key);
  return neighbours;
}

}  // namespace broadsheet::site
