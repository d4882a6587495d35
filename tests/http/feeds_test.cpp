// Issue 13: RSS 2.0 and Atom 1.0 feeds. Every feed (the site's, a category's, a tag's, an
// author's, in both formats) parses with Debian's python3-feedparser without a complaint
// (bozo false), lists the newest published articles in order with their canonical URLs as
// ids, names itself, and answers a conditional GET with its ETag, or its Last-Modified, with
// 304. Drafts, scheduled and withdrawn articles are never in a feed. Every page's head names
// the feeds.
#include <gtest/gtest.h>

#include <sstream>

#include "http/harness/discovery_site.h"
#include "http/harness/tool_output.h"

namespace broadsheet::testing {
namespace {

struct ParsedFeed {
  bool bozo = true;
  std::string bozo_reason;
  std::string version;
  std::string title;
  std::string self;
  struct Entry {
    std::int64_t published = 0;
    std::string link;
    std::string id;
    std::string title;
  };
  std::vector<Entry> entries;
};

class Feeds : public DiscoverySiteTest {
 protected:
  ParsedFeed Parse(const std::string& body) {
    const std::string file = site_.File("feed.xml");
    WriteTextFile(file, body);
    const ToolOutput run =
        RunTool("/usr/bin/python3 " +
                ShellQuoted(std::string(BROADSHEET_SOURCE_DIR) + "/tests/tools/parse_feed.py") +
                " " + ShellQuoted(file));
    EXPECT_EQ(run.exit_code, 0) << run.out;
    ParsedFeed feed;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      const auto space = line.find(' ');
      const std::string kind = line.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
      if (kind == "bozo") {
        feed.bozo = rest[0] == '1';
        feed.bozo_reason = rest;
      } else if (kind == "version") {
        feed.version = rest;
      } else if (kind == "title") {
        feed.title = rest;
      } else if (kind == "self") {
        feed.self = rest;
      } else if (kind == "entry") {
        std::istringstream fields(rest);
        ParsedFeed::Entry entry;
        std::string published;
        std::getline(fields, published, '\t');
        std::getline(fields, entry.link, '\t');
        std::getline(fields, entry.id, '\t');
        std::getline(fields, entry.title);
        entry.published = std::stoll(published);
        feed.entries.push_back(entry);
      }
    }
    return feed;
  }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // Fetches and parses the feed at `path`, checking what every feed must be.
  ParsedFeed Fetch(const std::string& path, const std::string& version) {
    const HttpResponse response = client_->Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.Header("content-type"), version == "rss20"
                                                   ? "application/rss+xml; charset=utf-8"
                                                   : "application/atom+xml; charset=utf-8")
        << path;
    ParsedFeed feed = Parse(response.body);
    EXPECT_FALSE(feed.bozo) << path << ": " << feed.bozo_reason;
    EXPECT_EQ(feed.version, version) << path;
    EXPECT_EQ(feed.self, Origin() + path) << path;
    for (const auto& entry : feed.entries) {
      EXPECT_EQ(entry.link, entry.id) << "the canonical URL is the permanent id";
      EXPECT_TRUE(entry.link.starts_with(Origin() + "/")) << entry.link;
      for (const std::string& hidden : HiddenTitles()) EXPECT_NE(entry.title, hidden) << path;
    }
    return feed;
  }

  std::vector<std::string> Titles(const ParsedFeed& feed) {
    std::vector<std::string> titles;
    for (const auto& entry : feed.entries) titles.push_back(entry.title);
    return titles;
  }
};

TEST_F(Feeds, issue_0013_EveryFeedParsesAndListsItsNewestPublishedArticlesInOrder) {
  const std::vector<std::string> all = {kStrike, kFares, kWall, kTimetable};
  for (const char* format : {"feed", "atom"}) {
    const std::string version = std::string(format) == "feed" ? "rss20" : "atom10";
    SCOPED_TRACE(format);
    const ParsedFeed site = Fetch(std::string("/") + format + "/", version);
    EXPECT_EQ(Titles(site), all);
    ASSERT_EQ(site.entries.size(), 4u);
    EXPECT_EQ(site.entries[0].link, Origin() + PathOf(kStrike));
    EXPECT_EQ(site.entries[0].published, Utc(2025, 4, 6)) << "the publication time";
    EXPECT_EQ(Titles(Fetch(std::string("/town-hall/") + format + "/", version)),
              (std::vector<std::string>{kStrike, kWall, kTimetable}));
    EXPECT_EQ(Titles(Fetch(std::string("/tag/ferries/") + format + "/", version)),
              (std::vector<std::string>{kStrike, kFares, kTimetable}));
    const ParsedFeed author = Fetch(std::string("/author/ben-ray/") + format + "/", version);
    EXPECT_EQ(Titles(author), (std::vector<std::string>{kWall}));
    EXPECT_NE(author.title.find("Ben Ray"), std::string::npos);
    EXPECT_EQ(client_->Get(std::string("/tag/no-such-tag/") + format + "/").status, 404);
    EXPECT_EQ(client_->Get(std::string("/no-such-section/") + format + "/").status, 404);
  }
}

TEST_F(Feeds, issue_0013_AConditionalGetWithTheFeedsValidatorsAnswers304) {
  // Each feed's Last-Modified is its newest article's time.
  for (const auto& [path, newest] : std::vector<std::pair<std::string, std::string>>{
           {"/feed/", "Sun, 06 Apr 2025 12:00:00 GMT"},
           {"/atom/", "Sun, 06 Apr 2025 12:00:00 GMT"},
           {"/tag/harbour/feed/", "Thu, 20 Mar 2025 12:00:00 GMT"}}) {
    const HttpResponse first = client_->Get(path);
    ASSERT_EQ(first.status, 200);
    const std::string etag(first.Header("etag"));
    const std::string last_modified(first.Header("last-modified"));
    ASSERT_FALSE(etag.empty()) << path;
    EXPECT_EQ(last_modified, newest) << path;
    const HttpResponse by_tag = client_->Get(path, {{"If-None-Match", etag}});
    EXPECT_EQ(by_tag.status, 304) << path;
    EXPECT_TRUE(by_tag.body.empty());
    EXPECT_EQ(by_tag.Header("etag"), etag);
    EXPECT_EQ(client_->Get(path, {{"If-None-Match", "W/" + etag + ", \"other\""}}).status, 304);
    EXPECT_EQ(client_->Get(path, {{"If-None-Match", "\"other\""}}).status, 200);
    EXPECT_EQ(client_->Get(path, {{"If-Modified-Since", last_modified}}).status, 304);
    EXPECT_EQ(client_->Get(path, {{"If-Modified-Since", "Wed, 19 Mar 2025 12:00:00 GMT"}}).status,
              200);
    EXPECT_EQ(client_->Get(path, {{"If-Modified-Since", "not a date"}}).status, 200);
  }
}

TEST_F(Feeds, issue_0013_APublicationChangesTheFeedAndItsEtag) {
  const HttpResponse before = client_->Get("/feed/");
  const std::string etag(before.Header("etag"));
  ASSERT_EQ(site_.Cli({"article", "publish", std::to_string(IdOf(kDraft))}).exit_code, 0);
  EXPECT_TRUE(
      PollUntil([&] { return Titles(Parse(client_->Get("/feed/").body)).front() == kDraft; },
                std::chrono::seconds(30)));
  EXPECT_EQ(client_->Get("/feed/", {{"If-None-Match", etag}}).status, 200) << "a new ETag";
}

TEST_F(Feeds, issue_0013_EveryPageNamesTheSiteFeedsAndAListingItsOwn) {
  const HttpResponse front = client_->Get("/");
  EXPECT_NE(front.body.find("<link rel=\"alternate\" type=\"application/rss+xml\""
                            " title=\"Broadsheet (RSS)\" href=\"/feed/\">"),
            std::string::npos);
  EXPECT_NE(front.body.find("type=\"application/atom+xml\" title=\"Broadsheet (Atom)\""
                            " href=\"/atom/\">"),
            std::string::npos);
  const HttpResponse tag = client_->Get("/tag/ferries/");
  EXPECT_NE(tag.body.find("title=\"Broadsheet: Ferries (RSS)\" href=\"/tag/ferries/feed/\">"),
            std::string::npos);
  EXPECT_NE(client_->Get(PathOf(kStrike)).body.find("href=\"/feed/\">"), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::testing
