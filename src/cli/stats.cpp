// `broadsheet stats`: views (readers), crawler hits and today's / this week's reads per
// article, most read first.
#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "cli/commands.h"
#include "news/calendar.h"

namespace broadsheet::cli {

int RunStats(const CommonOptions& common) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  auto articles = store->ListAllArticles();
  std::stable_sort(articles.begin(), articles.end(),
                   [](const auto& a, const auto& b) { return a.views > b.views; });
  const auto now = news::UnixNow();
  const std::string today = news::LocalDay(now);
  std::map<std::int64_t, std::int64_t> today_views;
  std::map<std::int64_t, std::int64_t> week_views;
  for (const auto& count : store->MostRead(today, today, 1000000)) {
    today_views[count.article_id] = count.views;
  }
  for (const auto& count : store->MostRead(news::LocalDayBefore(now, 6), today, 1000000)) {
    week_views[count.article_id] = count.views;
  }
  std::int64_t total_views = 0;
  std::int64_t total_crawler = 0;
  fmt::print("{:>5}  {:>9}  {:>7}  {:>7}  {:>8}  {}\n", "ID", "VIEWS", "TODAY", "WEEK",
             "CRAWLERS", "TITLE");
  for (const auto& article : articles) {
    total_views += article.views;
    total_crawler += article.crawler_hits;
    fmt::print("{:>5}  {:>9}  {:>7}  {:>7}  {:>8}  {}\n", article.id, article.views,
               today_views[article.id], week_views[article.id], article.crawler_hits,
               article.title);
  }
  fmt::print("total: {} views by readers, {} crawler hits, {} articles\n", total_views,
             total_crawler, articles.size());
  if (!articles.empty() && articles.front().views > 0) {
    fmt::print("most read: {} ({} views)\n", articles.front().title, articles.front().views);
  }
  return 0;
}

int RunStatsByDay(const CommonOptions& common, int days) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  const auto now = news::UnixNow();
  const auto range = news::LastDays(now, days);
  std::map<std::string, std::int64_t> counted;
  for (const auto& day : store->SiteViewsByDay(range.front(), range.back())) {
    counted[day.day] = day.views;
  }
  std::int64_t total = 0;
  fmt::print("{:<10}  {:>9}\n", "DAY", "VIEWS");
  for (const std::string& day : range) {
    total += counted[day];
    fmt::print("{:<10}  {:>9}\n", day, counted[day]);
  }
  fmt::print("total: {} views in {} days\n", total, days);
  return 0;
}

}  // namespace broadsheet::cli
