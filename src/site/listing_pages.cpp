#include "site/listing_pages.h"

#include <charconv>
#include <functional>
#include <optional>
#include <vector>

#include "news/calendar.h"
#include "news/slug.h"
#include "render/json_ld.h"
#include "render/slotted_page.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/page_response.h"
#include "site/pagination.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

// Deeper pages than this are refused: no reader pages that far, and it bounds the cache.
constexpr int kMaxPage = 100000;

// What one listing is, found from its address when a page of it is rendered.
struct Listing {
  store::ListingScope scope;
  std::string base_path;  // "/", "/town-hall/", "/tag/ferries/", "/archive/2026/11/"
  std::string heading;
  std::string title;        // of the page, before " — page N"; empty on the front page
  std::string description;  // the meta description; also shown under the heading when `intro`
  bool intro = false;
  std::string empty_text;  // what an empty listing says
  std::string current_category_slug;
  bool front = false;
  bool has_feeds = false;  // a category, tag or author: /feed/ and /atom/ below its path
  // Published articles, when the listing facts know it without a query (front, category).
  std::optional<std::int64_t> known_total;
};

// Finds the listing on a cache miss; nullopt: no such listing (a 404).
using FindListing = std::function<std::optional<Listing>(const ListingSnapshot&)>;

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

// The number of listing pages: at least one, even when empty.
int PageCount(const SiteContext& context, const Listing& listing) {
  const std::int64_t total =
      listing.known_total ? *listing.known_total : context.store.CountPublished(listing.scope);
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
                                              const store::ListingScope& scope, int page,
                                              int pages) {
  const int page_size = context.settings.page_size;
  std::optional<store::ListingKey> after;
  if (page > 1) {
    after = listings.anchors.Find(scope, page);
    if (!after) {
      after = context.store.ListingKeyAt(scope, std::int64_t{page - 1} * page_size - 1);
      // Fewer articles than the snapshot counted: some went since, and the invalidation that
      // follows will drop this page too. Render it empty, as a page past the end would be.
      if (!after) return {};
      listings.anchors.Remember(scope, page, *after);
    }
  }
  auto articles = context.store.ListPublished(scope, after, page_size);
  if (page < pages && articles.size() == static_cast<std::size_t>(page_size)) {
    listings.anchors.Remember(scope, page + 1, store::ListingKeyOf(articles.back()));
  }
  return articles;
}

// Renders one listing page. Requires: `page` is within PageCount.
std::shared_ptr<const render::CachedPage> RenderListing(const SiteContext& context,
                                                        const ListingSnapshot& listings,
                                                        const std::string& origin,
                                                        const Listing& listing, int page,
                                                        int pages) {
  TemplateData content;
  TemplateData cards{TemplateData::type::list};
  const auto articles = ArticlesOnPage(context, listings, listing.scope, page, pages);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (i == 0 && page == 1 && listing.front) {
      content.set("lead", ArticleCard(context, articles[i], PicturePlace::kLeadCard, false));
    } else {
      // The lead and the first row are above the fold on most screens.
      cards << ArticleCard(context, articles[i], PicturePlace::kCard, i > 2);
    }
  }
  content.set("articles", cards);
  content.set("empty", articles.empty());
  content.set("empty_text", listing.empty_text);
  content.set("heading", listing.heading);
  if (listing.intro) content.set("description", listing.description);
  content.set("pagination_html",
              pages > 1 ? context.templates.Render("pagination",
                                                   PaginationData(listing.base_path, page, pages))
                        : std::string());
  std::vector<render::PageShows> boxes;
  AddMostRead(context, content, boxes);
  if (listing.front) AddBestRated(context, content, boxes);

  PageMeta meta;
  meta.canonical_path = PageUrl(listing.base_path, page);
  meta.home = listing.front && page == 1;
  const std::string page_suffix = page > 1 ? " — page " + std::to_string(page) : "";
  meta.title = listing.title.empty() && page > 1 ? "Latest news" + page_suffix
               : listing.title.empty()           ? std::string()
                                                 : listing.title + page_suffix;
  meta.description = listing.description;
  meta.current_category_slug = listing.current_category_slug;
  if (meta.home) {
    // Search engines may offer a search box for the site under its result.
    meta.head_extra =
        "<script type=\"application/ld+json\">" +
        render::WebSiteJsonLd(IdentityOf(context.settings, listings).name, origin + "/",
                              origin + "/search?q={search_term_string}") +
        "</script>";
  }
  if (listing.has_feeds) {
    meta.feed_path = listing.base_path;
    meta.feed_name = listing.heading;
  }
  auto rendered = CachedPageOf(
      RenderPage(context, origin, meta, listing.front ? "front" : "category", content), boxes);
  rendered->canonical_path = meta.canonical_path;
  rendered->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
  return rendered;
}

// The listing page under `key` from the cache, else rendered. Unknown listings and pages past
// the end are answered without rendering (front and category pages from the listing facts,
// with no store call: issue 9).
FoundPage FindListingPage(const SiteContext& context, const http::Request& request,
                          const std::string& key, const FindListing& find, int page) {
  return FindOrRender(context.pages, key, context.settings.cache_max_age.count() > 0,
                      [&]() -> std::shared_ptr<const render::CachedPage> {
                        const auto listings = context.listings.Current();
                        const std::optional<Listing> listing = find(*listings);
                        if (!listing) return nullptr;
                        const int pages = PageCount(context, *listing);
                        if (page > pages) return nullptr;
                        return RenderListing(context, *listings,
                                             SiteOrigin(context.settings, request), *listing, page,
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

// `name` is the listing's part of the cache key ("front", "category:town-hall"). The cache is
// consulted before the store, so cached listings cost no query (and keep answering while the
// store is down); a miss renders on the worker pool, never on an I/O thread.
http::Response ServeListing(const SiteContext& context, const http::Request& request,
                            std::string_view name, FindListing find) {
  const auto page = PageNumber(request);
  if (!page) return http::Response::Text(400, "The page number must be a whole number from 1.\n");
  // The key is written into this thread's buffer: a hit allocates nothing for it.
  thread_local std::string key;
  key.clear();
  AppendCacheKeyPrefix(key, context.settings, request);
  key.append(name);
  key.push_back(':');
  char digits[24];
  key.append(digits, std::to_chars(digits, digits + sizeof digits, *page).ptr);
  if (auto cached = context.pages.Find(key, std::chrono::steady_clock::now())) {
    return ServeFoundListing(context, request, FoundPage{std::move(cached), CacheOutcome::kHit});
  }
  return http::Response::Deferred([&context, copy = http::CopyRequest(request),
                                   key = std::string(key), find = std::move(find), page = *page] {
    return ServeFoundListing(context, *copy, FindListingPage(context, *copy, key, find, page));
  });
}

}  // namespace

http::Response ServeFrontPage(const SiteContext& context, const http::Request& request) {
  return ServeListing(context, request, "front", [](const ListingSnapshot& listings) {
    return Listing{.base_path = "/",
                   .heading = "Latest news",
                   .empty_text = "Nothing published yet. Please check back soon.",
                   .front = true,
                   .known_total = listings.CountPublished(0)};
  });
}

http::Response ServeCategoryPage(const SiteContext& context, const http::Request& request,
                                 const std::string& category_slug) {
  return ServeListing(
      context, request, "category:" + category_slug,
      [&context, category_slug](const ListingSnapshot& listings) -> std::optional<Listing> {
        const auto category = listings.FindCategory(category_slug);
        if (!category) return std::nullopt;
        return Listing{
            .scope = store::ListingScope(category->id),
            .base_path = CategoryPath(*category),
            .heading = category->name,
            .title = category->name,
            .description = "The latest " + category->name + " news from " +
                           IdentityOf(context.settings, listings).name + ".",
            .empty_text = "Nothing published yet in this section. Please check back soon.",
            .current_category_slug = category->slug,
            .has_feeds = true,
            .known_total = listings.CountPublished(category->id)};
      });
}

http::Response ServeTagPage(const SiteContext& context, const http::Request& request,
                            const std::string& tag_slug) {
  if (!news::IsValidSlug(tag_slug)) return NotFoundPage(context, request);
  return ServeListing(
      context, request, "tag:" + tag_slug,
      [&context, tag_slug](const ListingSnapshot& listings) -> std::optional<Listing> {
        const auto tag = context.store.FindTagBySlug(tag_slug);
        if (!tag) return std::nullopt;
        return Listing{.scope = store::ListingScope::Tag(tag->id),
                       .base_path = TagPath(*tag),
                       .heading = tag->name,
                       .title = tag->name,
                       .description = "Articles tagged “" + tag->name + "” on " +
                                      IdentityOf(context.settings, listings).name + ".",
                       .empty_text = "No published articles carry this tag yet.",
                       .has_feeds = true};
      });
}

http::Response ServeAuthorPage(const SiteContext& context, const http::Request& request,
                               const std::string& author_slug) {
  if (!news::IsValidSlug(author_slug)) return NotFoundPage(context, request);
  return ServeListing(
      context, request, "author:" + author_slug,
      [&context, author_slug](const ListingSnapshot& listings) -> std::optional<Listing> {
        const auto author = context.store.FindAuthorBySlug(author_slug);
        if (!author) return std::nullopt;
        const std::string site_name = IdentityOf(context.settings, listings).name;
        return Listing{.scope = store::ListingScope::Author(author->id),
                       .base_path = AuthorPath(*author),
                       .heading = author->name,
                       .title = author->name,
                       .description = author->bio.empty()
                                          ? author->name + " writes for " + site_name + "."
                                          : author->bio,
                       .intro = true,
                       .empty_text = author->name + " has no published articles yet.",
                       .has_feeds = true};
      });
}

http::Response ServeArchiveMonth(const SiteContext& context, const http::Request& request, int year,
                                 int month) {
  if (year < 1970 || year > 9999 || month < 1 || month > 12) {
    return NotFoundPage(context, request);
  }
  const news::LocalMonth local{year, month};
  char name[24];
  std::snprintf(name, sizeof name, "archive:%04d-%02d", year, month);
  return ServeListing(
      context, request, name,
      [&context, local](const ListingSnapshot& listings) -> std::optional<Listing> {
        const auto [from, until] = news::LocalMonthRange(local);
        const std::string month_name = news::MonthName(local);
        return Listing{.scope = store::ListingScope::Period(from, until),
                       .base_path = ArchiveMonthPath(local),
                       .heading = month_name,
                       .title = month_name,
                       .description = "Everything " + IdentityOf(context.settings, listings).name +
                                      " published in " + month_name + ".",
                       .empty_text = "Nothing was published in " + month_name + "."};
      });
}

}  // namespace broadsheet::site
