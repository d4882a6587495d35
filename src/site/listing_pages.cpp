#include "site/listing_pages.h"

#include <charconv>
#include <optional>
#include <vector>

#include "render/slotted_page.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/page_response.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

// Deeper pages than this are refused: no reader pages that far, and it bounds the cache.
constexpr int kMaxPage = 100000;

// The ?page= number: 1 when absent, nullopt when not a number in range.
std::optional<int> PageNumber(const http::Request& request) {
  const auto text = request.QueryParam("page");
  if (!text) return 1;
  int page = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), page);
  if (error != std::errc() || end != text->data() + text->size() || page < 1 ||
      page > kMaxPage) {
    return std::nullopt;
  }
  return page;
}

std::string PageUrl(const std::string& base_path, int page) {
  return page == 1 ? base_path : base_path + "?page=" + std::to_string(page);
}

// The number of listing pages: at least one, even when empty.
int PageCount(const SiteContext& context, const ListingSnapshot& listings,
              const std::optional<store::Category>& category) {
  const std::int64_t total = listings.CountPublished(category ? category->id : 0);
  const int page_size = context.settings.page_size;
  return static_cast<int>(std::max<std::int64_t>(1, (total + page_size - 1) / page_size));
}

// The articles on page `page` of a listing (issue 12: no page costs more than the first). Page
// 1 is the first rows; a deeper page continues after its anchor: the last row of the page
// before, remembered when that page was rendered (so a reader paging forward never walks), or
// else the key an index-only walk finds, remembered in turn. The anchors belong to the
// snapshot, so they go when the content changes. Requires: `page` is within `pages`.
std::vector<store::ArticleRow> ArticlesOnPage(const SiteContext& context,
                                              const ListingSnapshot& listings,
                                              std::int64_t category_id, int page, int pages) {
  const int page_size = context.settings.page_size;
  std::optional<store::ListingKey> after;
  if (page > 1) {
    after = listings.anchors.Find(category_id, page);
    if (!after) {
      after = context.store.ListingKeyAt(category_id, std::int64_t{page - 1} * page_size - 1);
      // Fewer articles than the snapshot counted: some went since, and the invalidation that
      // follows will drop this page too. Render it empty, as a page past the end would be.
      if (!after) return {};
      listings.anchors.Remember(category_id, page, *after);
    }
  }
  auto articles = context.store.ListPublished(category_id, after, page_size);
  if (page < pages && articles.size() == static_cast<std::size_t>(page_size)) {
    listings.anchors.Remember(category_id, page + 1, store::ListingKeyOf(articles.back()));
  }
  return articles;
}

// Renders one listing page. Requires: `page` is within PageCount.
std::shared_ptr<const render::CachedPage> RenderListing(
    const SiteContext& context, const ListingSnapshot& listings, const std::string& origin,
    const std::optional<store::Category>& category, int page, int pages) {
  const std::int64_t category_id = category ? category->id : 0;
  const std::string base_path = category ? CategoryPath(*category) : "/";

  TemplateData content;
  TemplateData cards{TemplateData::type::list};
  const auto articles = ArticlesOnPage(context, listings, category_id, page, pages);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (i == 0 && page == 1 && !category) {
      content.set("lead", ArticleCard(context, articles[i], PicturePlace::kLeadCard, false));
    } else {
      // The lead and the first row are above the fold on most screens.
      cards << ArticleCard(context, articles[i], PicturePlace::kCard, i > 2);
    }
  }
  content.set("articles", cards);
  content.set("empty", articles.empty());
  content.set("heading", category ? category->name : "Latest news");
  if (pages > 1) {
    TemplateData pagination;
    pagination.set("page", std::to_string(page));
    pagination.set("pages", std::to_string(pages));
    pagination.set("has_prev", page > 1);
    pagination.set("prev_url", PageUrl(base_path, page - 1));
    pagination.set("has_next", page < pages);
    pagination.set("next_url", PageUrl(base_path, page + 1));
    content.set("pagination", pagination);
  }
  std::vector<render::PageShows> boxes;
  AddMostRead(context, content, boxes);
  if (!category) AddBestRated(context, content, boxes);

  PageMeta meta;
  meta.canonical_path = PageUrl(base_path, page);
  meta.home = !category && page == 1;
  if (category) {
    meta.title = category->name + (page > 1 ? " — page " + std::to_string(page) : "");
    meta.description = "The latest " + category->name + " news from " +
                       IdentityOf(context.settings, listings).name + ".";
    meta.current_category_slug = category->slug;
  } else if (page > 1) {
    meta.title = "Latest news — page " + std::to_string(page);
  }
  auto rendered = CachedPageOf(
      RenderPage(context, origin, meta, category ? "category" : "front", content), boxes);
  rendered->canonical_path = meta.canonical_path;
  rendered->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
  return rendered;
}

// The listing page under `key` from the cache, else rendered. Unknown categories and pages
// past the end are answered from the listing facts, with no store call (issue 9).
FoundPage FindListingPage(const SiteContext& context, const http::Request& request,
                          const std::string& key, const std::string& category_slug, int page) {
  return FindOrRender(context.pages, key, context.settings.cache_max_age.count() > 0,
                      [&]() -> std::shared_ptr<const render::CachedPage> {
                        const auto listings = context.listings.Current();
                        std::optional<store::Category> category;
                        if (!category_slug.empty()) {
                          category = listings->FindCategory(category_slug);
                          if (!category) return nullptr;
                        }
                        const int pages = PageCount(context, *listings, category);
                        if (page > pages) return nullptr;
                        return RenderListing(context, *listings,
                                             SiteOrigin(context.settings, request), category, page,
                                             pages);
                      });
}

http::Response ServeFoundListing(const SiteContext& context, const http::Request& request,
                                 const FoundPage& found) {
  if (!found.page) return NotFoundPage(context, request);
  return PageResponse(found.page, found.outcome,
                      LiveValues{.views = context.views,
                                 .ratings = context.ratings,
                                 .comment_counts = context.comment_counts},
                      AcceptsGzip(request));
}

// `category_slug` empty: the front page. The cache is consulted before the store, so cached
// listings cost no query (and keep answering while the store is down); a miss renders on the
// worker pool, never on an I/O thread.
http::Response ServeListing(const SiteContext& context, const http::Request& request,
                            const std::string& category_slug) {
  const auto page = PageNumber(request);
  if (!page) return http::Response::Text(400, "The page number must be a whole number from 1.\n");
  // The key is written into this thread's buffer: a hit allocates nothing for it.
  thread_local std::string key;
  key.clear();
  AppendCacheKeyPrefix(key, context.settings, request);
  if (category_slug.empty()) {
    key.append("front");
  } else {
    key.append("category:").append(category_slug);
  }
  key.push_back(':');
  char digits[24];
  key.append(digits, std::to_chars(digits, digits + sizeof digits, *page).ptr);
  if (auto cached = context.pages.Find(key, std::chrono::steady_clock::now())) {
    return ServeFoundListing(context, request, FoundPage{std::move(cached), CacheOutcome::kHit});
  }
  return http::Response::Deferred([&context, copy = http::CopyRequest(request),
                                   key = std::string(key), category_slug, page = *page] {
    return ServeFoundListing(context, *copy,
                             FindListingPage(context, *copy, key, category_slug, page));
  });
}

}  // namespace

http::Response ServeFrontPage(const SiteContext& context, const http::Request& request) {
  return ServeListing(context, request, "");
}

http::Response ServeCategoryPage(const SiteContext& context, const http::Request& request,
                                 const std::string& category_slug) {
  return ServeListing(context, request, category_slug);
}

}  // namespace broadsheet::site
