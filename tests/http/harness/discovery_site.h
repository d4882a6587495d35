// A small site for the discovery tests (issue 13), written through the store before the
// server starts: four published articles in two months of 2025, in two categories, by two
// authors, with tags; and three that must never be seen by readers: a draft, an article
// scheduled for 2099 and one published and then taken back to draft. Listings show two
// articles a page. Titles are unique, so tests find articles by title.
#pragma once

#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {

inline constexpr const char* kTimetable = "Ferry timetable changes";  // 10 March 2025
inline constexpr const char* kWall = "Harbour wall repairs";          // 20 March 2025
inline constexpr const char* kFares = "Ferry fares rise";             // 5 April 2025
inline constexpr const char* kStrike = "Ferry crews strike";          // 6 April 2025
inline constexpr const char* kDraft = "Ferry draft plans";
inline constexpr const char* kScheduled = "Ferry future timetable";
inline constexpr const char* kWithdrawn = "Ferry withdrawn notice";  // was 15 March 2025

class DiscoverySiteTest : public ::testing::Test {
 protected:
  static std::int64_t Utc(int year, int month, int day) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = 12;
    return static_cast<std::int64_t>(timegm(&tm));
  }

  void SetUp() override {
    {
      auto store = site_.OpenStore();
      Add(*store, kTimetable, "Town Hall", "Ada Quill", {"Ferries", "Harbour"},
          news::ArticleStatus::kPublished, Utc(2025, 3, 10));
      Add(*store, kWall, "Town Hall", "Ben Ray", {"Harbour"}, news::ArticleStatus::kPublished,
          Utc(2025, 3, 20));
      Add(*store, kFares, "Business", "Ada Quill", {"Ferries"}, news::ArticleStatus::kPublished,
          Utc(2025, 4, 5));
      Add(*store, kStrike, "Town Hall", "Ada Quill", {"Ferries"}, news::ArticleStatus::kPublished,
          Utc(2025, 4, 6));
      Add(*store, kDraft, "Town Hall", "Ada Quill", {"Ferries", "Harbour"},
          news::ArticleStatus::kDraft, Utc(2025, 4, 7));
      Add(*store, kScheduled, "Town Hall", "Ada Quill", {"Ferries", "Harbour"},
          news::ArticleStatus::kScheduled, Utc(2099, 1, 1));
      const auto withdrawn =
          Add(*store, kWithdrawn, "Town Hall", "Ada Quill", {"Ferries", "Harbour"},
              news::ArticleStatus::kPublished, Utc(2025, 3, 15));
      EXPECT_TRUE(
          store->SetArticleStatus(withdrawn, news::ArticleStatus::kDraft, Utc(2025, 3, 16), 0));
      const auto ada = store->FindAuthorBySlug("ada-quill");
      EXPECT_TRUE(ada);
      EXPECT_TRUE(
          store->UpdateAuthorProfile(ada->id, "Ada Quill", "Covers the harbour & <ferries>."));
      SeedMore(*store);
    }
    WriteTextFile(site_.File("site.toml"), "[site]\npage_size = 2\n" + ExtraConfig());
    server_ = std::make_unique<ServerProcess>(
        site_.StoreArgs(), std::vector<std::string>{"--config", site_.File("site.toml")});
    ASSERT_TRUE(server_->started());
    client_ = std::make_unique<HttpClient>(server_->port());
  }

  // More articles for a test's site, written before the server starts.
  virtual void SeedMore(store::Store&) {}
  // More configuration for a test's server (TOML, after [site] page_size).
  virtual std::string ExtraConfig() const { return ""; }

  std::int64_t Add(store::Store& store, const std::string& title, const std::string& category,
                   const std::string& author, std::vector<std::string> tags,
                   news::ArticleStatus status, std::int64_t when) {
    news::ArticleInput input{.title = title,
                             .summary = "Summary of " + title + ".",
                             .category = category,
                             .author = author,
                             .status = status,
                             .published_at = status == news::ArticleStatus::kScheduled ? when : 0,
                             .tags = std::move(tags),
                             .body_markdown = "The body of " + title + "."};
    EXPECT_TRUE(news::NormalizeAndValidate(input).empty()) << title;
    const auto id = store.AddArticle(input, "<p>The body of " + title + ".</p>", when, 0);
    ids_[title] = id;
    return id;
  }

  std::int64_t IdOf(const std::string& title) const { return ids_.at(title); }
  std::string PathOf(const std::string& title) const { return ArticlePathOf(site_, IdOf(title)); }

  // Every title, public or not: a listing that shows one of the last three is wrong.
  static std::vector<std::string> AllTitles() {
    return {kTimetable, kWall, kFares, kStrike, kDraft, kScheduled, kWithdrawn};
  }
  static std::vector<std::string> HiddenTitles() { return {kDraft, kScheduled, kWithdrawn}; }

  // The page from `heading` to the end of its section.
  static std::string Section(const std::string& page, const std::string& heading) {
    const auto start = page.find(heading);
    if (start == std::string::npos) return {};
    return page.substr(start, page.find("</section>", start) - start);
  }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::map<std::string, std::int64_t> ids_;
};

}  // namespace broadsheet::testing
