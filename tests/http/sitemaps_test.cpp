// Issue 13: sitemaps. /sitemap.xml indexes the sitemap files; the article files, paged by
// [sitemaps] urls_per_file (5 here, over 12 published articles), list exactly the published
// articles' canonical URLs, each once, with lastmod; /sitemap-news.xml lists the last two
// days' articles with the Google News fields; robots.txt names both. All parse as XML.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "http/harness/discovery_site.h"
#include "http/harness/tool_output.h"

namespace broadsheet::testing {
namespace {

struct ParsedSitemap {
  std::string root;
  std::vector<std::string> locations;
  std::vector<std::string> lastmods;
  std::vector<std::string> news_titles;
};

class Sitemaps : public DiscoverySiteTest {
 protected:
  void SeedMore(store::Store& store) override {
    const std::int64_t now = std::time(nullptr);
    for (int i = 1; i <= 8; ++i) {
      recent_.push_back("Recent story " + std::to_string(i));
      Add(store, recent_.back(), i % 2 ? "Town Hall" : "Sport", "Ben Ray", {},
          news::ArticleStatus::kPublished, now - 3600 * i);
    }
  }
  std::string ExtraConfig() const override { return "[sitemaps]\nurls_per_file = 5\n"; }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  ParsedSitemap Fetch(const std::string& path) {
    const HttpResponse response = client_->Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.Header("content-type"), "application/xml; charset=utf-8") << path;
    const std::string file = site_.File("sitemap.xml");
    WriteTextFile(file, response.body);
    const ToolOutput run =
        RunTool("/usr/bin/python3 " +
                ShellQuoted(std::string(BROADSHEET_SOURCE_DIR) + "/tests/tools/parse_sitemap.py") +
                " " + ShellQuoted(file));
    EXPECT_EQ(run.exit_code, 0) << path << " is not well-formed XML: " << run.out;
    ParsedSitemap sitemap;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      const auto space = line.find(' ');
      const std::string kind = line.substr(0, space);
      const std::string rest = line.substr(space + 1);
      if (kind == "root") sitemap.root = rest;
      if (kind == "loc") {
        sitemap.locations.push_back(rest.substr(0, rest.find('\t')));
        sitemap.lastmods.push_back(rest.substr(rest.find('\t') + 1));
      }
      if (kind == "news") {
        std::istringstream fields(rest);
        std::string loc, title;
        std::getline(fields, loc, '\t');
        std::getline(fields, title, '\t');
        sitemap.news_titles.push_back(title);
      }
    }
    return sitemap;
  }

  std::vector<std::string> recent_;
};

TEST_F(Sitemaps, issue_0013_TheArticleSitemapsListExactlyThePublishedArticlesInPagedFiles) {
  const ParsedSitemap index = Fetch("/sitemap.xml");
  EXPECT_EQ(index.root, "sitemapindex");
  EXPECT_EQ(index.locations,
            (std::vector<std::string>{
                Origin() + "/sitemap-sections.xml", Origin() + "/sitemap-articles-1.xml",
                Origin() + "/sitemap-articles-2.xml", Origin() + "/sitemap-articles-3.xml"}))
      << "12 articles in files of 5";
  for (const std::string& lastmod : index.lastmods) EXPECT_FALSE(lastmod.empty());

  std::multiset<std::string> listed;
  for (int file = 1; file <= 3; ++file) {
    const ParsedSitemap sitemap = Fetch("/sitemap-articles-" + std::to_string(file) + ".xml");
    EXPECT_EQ(sitemap.root, "urlset");
    EXPECT_EQ(sitemap.locations.size(), file < 3 ? 5u : 2u);
    for (std::size_t i = 0; i < sitemap.locations.size(); ++i) {
      listed.insert(sitemap.locations[i]);
      EXPECT_EQ(sitemap.lastmods[i].size(), 25u) << "an RFC 3339 lastmod: " << sitemap.lastmods[i];
    }
  }
  std::multiset<std::string> published;
  for (const std::string& title : recent_) published.insert(Origin() + PathOf(title));
  for (const char* title : {kTimetable, kWall, kFares, kStrike}) {
    published.insert(Origin() + PathOf(title));
  }
  EXPECT_EQ(listed, published) << "each published article exactly once, and nothing else";
  for (const char* bad :
       {"/sitemap-articles-4.xml", "/sitemap-articles-0.xml", "/sitemap-articles-01.xml",
        "/sitemap-articles-1.xmlx", "/sitemap-articles-.xml", "/sitemap-articles-1"}) {
    EXPECT_EQ(client_->Get(bad).status, 404) << bad;
  }
  const ParsedSitemap sections = Fetch("/sitemap-sections.xml");
  EXPECT_EQ(sections.locations.front(), Origin() + "/");

  const HttpResponse again = client_->Get("/sitemap.xml");
  EXPECT_EQ(
      client_->Get("/sitemap.xml", {{"If-None-Match", std::string(again.Header("etag"))}}).status,
      304);
}

TEST_F(Sitemaps, issue_0013_TheNewsSitemapListsTheLastTwoDaysAndRobotsNamesTheSitemaps) {
  const ParsedSitemap news = Fetch("/sitemap-news.xml");
  EXPECT_EQ(news.root, "urlset");
  EXPECT_EQ(news.news_titles, recent_) << "newest first, only the last two days'";
  const HttpResponse robots = client_->Get("/robots.txt");
  ASSERT_EQ(robots.status, 200);
  EXPECT_NE(robots.body.find("Sitemap: " + Origin() + "/sitemap.xml\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Sitemap: " + Origin() + "/sitemap-news.xml\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Disallow: /admin/\n"), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::testing
