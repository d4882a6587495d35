// The demo site: the articles in ASSETS/demo/articles (written for Broadsheet, about the
// fictional town of Alderbrook), published over the past days with a week of plausible
// reads and a few ratings, so a newcomer's first page looks like a living newspaper.
#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "news/calendar.h"
#include "news/front_matter.h"
#include "render/markdown.h"

namespace broadsheet::cli {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

}  // namespace

int SeedDemoSite(store::Store& store, const std::string& assets_dir) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::path(assets_dir) / "demo" / "articles";
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  }
  if (error || files.empty()) throw CliError("no demo articles in " + folder.string());
  std::sort(files.begin(), files.end());

  const auto now = news::UnixNow();
  const auto count = static_cast<std::int64_t>(files.size());
  std::vector<store::ViewDelta> reads;
  for (std::int64_t i = 0; i < count; ++i) {
    news::ParsedArticleFile parsed = news::ParseArticleFile(ReadFile(files[i].string()));
    if (!parsed.errors.empty()) {
      throw CliError(files[i].string() + ": " + parsed.errors.front().message);
    }
    // The oldest file first, about 19 hours apart, the newest an hour ago.
    const std::int64_t published_at = now - kHour - (count - 1 - i) * 19 * kHour;
    const auto id =
        store.AddArticle(parsed.input, render::RenderMarkdown(parsed.input.body_markdown),
                         published_at, /*user_id=*/0);
    // A deterministic spread of past reads: newer and every third article read more.
    for (int day = 0; day < 7; ++day) {
      const std::int64_t day_start = now - day * kDay;
      if (day_start < published_at - kDay) break;
      const std::int64_t views = (i * 37 + day * 11) % 60 + (i % 3 == 0 ? 40 : 5) + (6 - day) * 3;
      reads.push_back({id, news::LocalDay(day_start), views, views / 7});
    }
    // A deterministic handful of votes, 0 to 8 per article, from readers of their own.
    const std::int64_t voters = (i * 7) % 9;
    for (std::int64_t v = 0; v < voters; ++v) {
      const int stars = static_cast<int>(2 + (i + v * 3) % 4);
      store.RecordVote(id, "demo-reader-" + std::to_string(v), stars, published_at + v * kHour);
    }
  }
  store.AddViews(reads);
  return static_cast<int>(count);
}

}  // namespace broadsheet::cli
