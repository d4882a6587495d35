// `broadsheet votes show ID [--by day]` and `votes reset ID`: an editor's view of an article's
// ratings, and the way to start them over (readers may then vote again).
#include <fmt/core.h>

#include <array>
#include <map>

#include "cli/commands.h"
#include "news/calendar.h"
#include "render/live_numbers.h"

namespace broadsheet::cli {
namespace {

store::ArticleRow ArticleOrFail(store::Store& store, std::int64_t id) {
  auto article = store.FindArticle(id);
  if (!article) throw CliError("no article with id " + std::to_string(id));
  return *article;
}

}  // namespace

int RunVotesShow(const CommonOptions& common, std::int64_t id, bool by_day) {
  const config::Config config = LoadConfig(common);
  // Days are the site's local days, as on the pages.
  if (!news::SetProcessTimeZone(config.String("site.timezone"))) {
    throw CliError("[site] timezone: unknown time zone '" + config.String("site.timezone") + "'");
  }
  auto store = OpenConfiguredStore(config);
  const store::ArticleRow article = ArticleOrFail(*store, id);
  const std::vector<store::VoteRow> votes = store->ListVotes(id);
  std::int64_t sum = 0;
  std::array<std::int64_t, 6> by_stars{};
  for (const auto& vote : votes) {
    sum += vote.stars;
    ++by_stars[vote.stars];
  }
  const auto count = static_cast<std::int64_t>(votes.size());
  fmt::print("{}: {}\n{}\n", article.id, article.title, render::RatingText(sum, count));
  if (by_day) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> days;  // day -> sum, count
    for (const auto& vote : votes) {
      auto& [day_sum, day_count] = days[news::LocalDay(vote.voted_at)];
      day_sum += vote.stars;
      ++day_count;
    }
    fmt::print("{:<10}  {:>6}  {:>7}\n", "DAY", "VOTES", "AVERAGE");
    for (const auto& [day, totals] : days) {
      fmt::print("{:<10}  {:>6}  {:>7}\n", day, totals.second,
                 render::AverageText(totals.first, totals.second));
    }
    return 0;
  }
  for (int stars = 5; stars >= 1; --stars) {
    fmt::print("{} {:<5}  {:>6}\n", stars, stars == 1 ? "star" : "stars", by_stars[stars]);
  }
  return 0;
}

int RunVotesReset(const CommonOptions& common, std::int64_t id) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  const store::ArticleRow article = ArticleOrFail(*store, id);
  const auto removed = store->ListVotes(id).size();
  if (!store->ResetVotes(id)) throw CliError("no article with id " + std::to_string(id));
  fmt::print("removed {} {} from article {} ({}); readers may vote again\n", removed,
             removed == 1 ? "vote" : "votes", id, article.title);
  return 0;
}

}  // namespace broadsheet::cli
