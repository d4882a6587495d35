#include "site/archive_page.h"

#include "news/calendar.h"
#include "render/live_numbers.h"
#include "site/error_pages.h"
#include "site/page_data.h"
#include "site/page_response.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

// A century of months: more than any site has, and a bound on the walk below.
constexpr int kMaxMonths = 1200;

struct MonthCount {
  news::LocalMonth month;
  std::int64_t published = 0;
};

// The months with published articles, newest first. Each step finds the newest article before
// the month it has counted (one index search) and counts that article's month (an index-only
// range), so the walk costs a query pair per month, never a read of every article.
std::vector<MonthCount> PublishedMonths(const SiteContext& context) {
  std::vector<MonthCount> months;
  std::optional<store::ListingKey> before;
  while (months.size() < kMaxMonths) {
    const auto newest = context.store.ListPublished(store::ListingScope(), before, 1);
    if (newest.empty()) break;
    const news::LocalMonth month = news::LocalMonthOf(newest.front().published_at);
    const auto [from, until] = news::LocalMonthRange(month);
    months.push_back(
        {month, context.store.CountPublished(store::ListingScope::Period(from, until))});
    before = store::ListingKey{from, 0};
  }
  return months;
}

std::shared_ptr<const render::CachedPage> RenderArchiveIndex(const SiteContext& context,
                                                             const std::string& origin) {
  TemplateData years{TemplateData::type::list};
  const auto months = PublishedMonths(context);
  for (std::size_t i = 0; i < months.size();) {
    const int year = months[i].month.year;
    TemplateData items{TemplateData::type::list};
    for (; i < months.size() && months[i].month.year == year; ++i) {
      TemplateData item;
      item.set("name", news::MonthName(months[i].month));
      item.set("url", ArchiveMonthPath(months[i].month));
      const std::int64_t count = months[i].published;
      item.set("count_text",
               render::GroupThousands(count) + (count == 1 ? " article" : " articles"));
      items << item;
    }
    TemplateData entry;
    entry.set("year", std::to_string(year));
    entry.set("months", items);
    years << entry;
  }
  TemplateData content;
  content.set("years", years);
  PageMeta meta{.title = "Archive",
                .description = "Every month's articles, newest first.",
                .canonical_path = "/archive/"};
  auto page = CachedPageOf(RenderPage(context, origin, meta, "archive", content), {});
  page->canonical_path = meta.canonical_path;
  page->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
  return page;
}

}  // namespace

http::Response ServeArchiveIndex(const SiteContext& context, const http::Request& request) {
  std::string key;
  AppendCacheKeyPrefix(key, context.settings, request);
  key.append("archive");
  if (auto cached = context.pages.Find(key, std::chrono::steady_clock::now())) {
    return PageResponse(cached, CacheOutcome::kHit,
                        LiveValues{.views = context.views,
                                   .ratings = context.ratings,
                                   .comment_counts = context.comment_counts},
                        AcceptsGzip(request));
  }
  return http::Response::Deferred([&context, copy = http::CopyRequest(request), key] {
    const FoundPage found = FindOrRender(
        context.pages, key, context.settings.cache_max_age.count() > 0,
        [&] { return RenderArchiveIndex(context, SiteOrigin(context.settings, *copy)); });
    return PageResponse(found.page, found.outcome,
                        LiveValues{.views = context.views,
                                   .ratings = context.ratings,
                                   .comment_counts = context.comment_counts},
                        AcceptsGzip(*copy));
  });
}

}  // namespace broadsheet::site
