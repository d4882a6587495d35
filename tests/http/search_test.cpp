// Issue 13: site search on both stores. It finds an article by a word only in its body, by a
// phrase, by a prefix and by an unaccented spelling of an accented word; ranks title matches
// first; marks the words in escaped snippets; never shows a draft, a scheduled or a withdrawn
// article; treats any syntax a reader might type as words (a table of hostile queries gets no
// 5xx and no reflected markup); drops its cached results when what is published changes; and
// answers 429 past [search] per_address.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <set>

#include "http/harness/discovery_site.h"

namespace broadsheet::testing {
namespace {

constexpr const char* kCafe = "Café opens on Quay Square";
constexpr const char* kBodyOnly = "Allotment society meets";
constexpr const char* kLanternTitle = "Lantern festival returns";
constexpr const char* kLanternBody = "Council meeting runs late";

class Search : public DiscoverySiteTest {
 protected:
  void SeedMore(store::Store& store) override {
    const auto add = [&](const std::string& title, const std::string& body, std::int64_t when) {
      news::ArticleInput input{.title = title,
                               .category = "Culture",
                               .author = "Zoë Kane",
                               .status = news::ArticleStatus::kPublished,
                               .tags = {"Town life"},
                               .body_markdown = body};
      ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
      ids_[title] = store.AddArticle(input, "<p>" + body + "</p>", when, 0);
    };
    add(kCafe, "The new café by the old brewery serves <b>strong</b> coffee & cake.",
        Utc(2025, 5, 1));
    add(kBodyOnly, "Members discussed zymurgy at length.", Utc(2025, 5, 2));
    add(kLanternTitle, "Crowds are expected again.", Utc(2025, 5, 3));
    add(kLanternBody, "Councillors argued until the lantern parade began outside.",
        Utc(2025, 5, 4));
  }
  std::string ExtraConfig() const override { return "[search]\nper_address = 100000\n"; }

  HttpResponse Find(const std::string& query) {
    std::string encoded;
    for (const unsigned char c : query) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded += static_cast<char>(c);
      } else {
        char escape[4];
        std::snprintf(escape, sizeof escape, "%%%02X", c);
        encoded += escape;
      }
    }
    return client_->Get("/search?q=" + encoded);
  }
  // The result titles in order (their text, marks removed).
  static std::vector<std::string> ResultTitles(const std::string& page) {
    std::vector<std::string> titles;
    const std::string start = "<h2 class=\"search-result-title\"><a href=\"";
    for (auto at = page.find(start); at != std::string::npos; at = page.find(start, at + 1)) {
      const auto text_from = page.find("\">", at + start.size()) + 2;
      std::string title = page.substr(text_from, page.find("</a></h2>", text_from) - text_from);
      for (const std::string tag : {"<mark>", "</mark>"}) {
        for (auto p = title.find(tag); p != std::string::npos; p = title.find(tag)) {
          title.erase(p, tag.size());
        }
      }
      titles.push_back(title);
    }
    return titles;
  }
};

TEST_F(Search, issue_0013_FindsByBodyWordPhrasePrefixAndUnaccentedSpelling) {
  const HttpResponse body_word = Find("zymurgy");
  ASSERT_EQ(body_word.status, 200);
  EXPECT_EQ(ResultTitles(body_word.body), std::vector<std::string>{kBodyOnly});
  EXPECT_NE(body_word.body.find("1 result for “zymurgy”"), std::string::npos);
  EXPECT_NE(body_word.body.find("<mark>zymurgy</mark>"), std::string::npos);

  EXPECT_EQ(ResultTitles(Find("\"quay square\"").body), std::vector<std::string>{kCafe});
  EXPECT_TRUE(ResultTitles(Find("\"square quay\"").body).empty()) << "a phrase keeps its order";
  EXPECT_EQ(ResultTitles(Find("brew*").body), std::vector<std::string>{kCafe});
  EXPECT_TRUE(ResultTitles(Find("brew").body).empty()) << "without * a word is whole";

  const HttpResponse unaccented = Find("cafe");
  EXPECT_EQ(ResultTitles(unaccented.body), std::vector<std::string>{kCafe});
  EXPECT_NE(unaccented.body.find("<mark>Café</mark> opens on Quay Square"), std::string::npos);
  EXPECT_NE(unaccented.body.find("serves strong coffee &amp; cake"), std::string::npos)
      << "the snippet is the body's text, escaped";
  EXPECT_EQ(unaccented.body.find("<b>strong"), std::string::npos) << "not its markup";
  EXPECT_EQ(ResultTitles(Find("CAFÉ").body), std::vector<std::string>{kCafe});
  EXPECT_EQ(ResultTitles(Find("zoe kane").body).size(), 4u) << "the author's name, folded";
  EXPECT_EQ(ResultTitles(Find("town life").body).size(), 4u) << "a tag";
  EXPECT_EQ(ResultTitles(Find("cafe coffee brewery").body), std::vector<std::string>{kCafe})
      << "several words: all must match";
  EXPECT_TRUE(ResultTitles(Find("cafe zymurgy").body).empty());
}

TEST_F(Search, issue_0013_RanksTitleMatchesFirstAndNeverShowsUnpublishedArticles) {
  EXPECT_EQ(ResultTitles(Find("lantern").body),
            (std::vector<std::string>{kLanternTitle, kLanternBody}));
  const HttpResponse ferry = Find("ferry");
  const auto titles = ResultTitles(ferry.body);
  EXPECT_EQ(std::set<std::string>(titles.begin(), titles.end()),
            (std::set<std::string>{kTimetable, kFares, kStrike}));
  EXPECT_NE(ferry.body.find("3 results for “ferry”"), std::string::npos);
  for (const std::string& hidden : HiddenTitles()) {
    EXPECT_EQ(ferry.body.find(hidden), std::string::npos) << hidden;
  }
  const HttpResponse none = Find("nonexistentword");
  EXPECT_EQ(none.status, 200);
  EXPECT_NE(none.body.find("0 results for “nonexistentword”"), std::string::npos);
  EXPECT_NE(none.body.find("class=\"search-hint\""), std::string::npos);
}

TEST_F(Search, issue_0013_AnEmptyQueryShowsTheFormAndAPublicationRefreshesResults) {
  for (const std::string target : {"/search", "/search?q=", "/search?q=%20%20"}) {
    const HttpResponse form = client_->Get(target);
    EXPECT_EQ(form.status, 200) << target;
    EXPECT_NE(form.body.find("<form class=\"search-form\" role=\"search\""), std::string::npos);
    EXPECT_EQ(form.body.find("class=\"search-count\""), std::string::npos) << target;
  }
  EXPECT_EQ(ResultTitles(Find("ferry").body).size(), 3u);
  ASSERT_EQ(site_.Cli({"article", "publish", std::to_string(IdOf(kDraft))}).exit_code, 0);
  EXPECT_TRUE(PollUntil([&] { return ResultTitles(Find("ferry").body).size() == 4u; },
                        std::chrono::seconds(20)))
      << "the cached results went with the publication, long before [search] cache_s";
}

TEST_F(Search, issue_0013_HostileQueriesAreWordsNeverErrorsNorReflectedMarkup) {
  const std::vector<std::string> hostile = {
      "\"",
      "\"\"",
      "\"unclosed phrase",
      "NEAR(",
      "NEAR(ferry fares, 2)",
      "*",
      "**",
      "ferry*",
      "*ferry",
      "AND OR NOT",
      "ferry AND",
      "OR ferry",
      "NOT ferry",
      "-ferry",
      "ferry -fares",
      "+ferry",
      "ferry^2",
      "title:ferry",
      "{title body}: ferry",
      "(ferry",
      "ferry)",
      "'",
      "''; DROP TABLE articles; --",
      "1' OR '1'='1",
      "\" OR 1=1 --",
      "ferry' UNION SELECT password_hash FROM users --",
      "%",
      "%%",
      "_",
      "\\",
      "\\\"",
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "<b>ferry</b>",
      "javascript:alert(1)",
      "&lt;script&gt;",
      "ferry & fares",
      "ferry | fares",
      "ferry <-> fares",
      "'ferry':*",
      "ferry:A",
      "!ferry",
      "@@ ferry",
      "$1",
      "?1",
      "ferry\ttimetable",
      "ferry\r\nSet-Cookie: x=y",
      std::string(500, 'a'),
      std::string(300, '"'),
      std::string(100, '*') + "ferry",
      "日本語 ニュース",
      "caf\xC3",
      "\xFF\xFE",
      "ferry\x01\x02",
      "     ",
  };
  ASSERT_GE(hostile.size(), 40u);
  for (const std::string& query : hostile) {
    SCOPED_TRACE("query: " + query);
    const HttpResponse page = Find(query);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(page.body.find("<img src=x"), std::string::npos);
    EXPECT_EQ(page.body.find("<b>ferry"), std::string::npos);
    EXPECT_EQ(page.body.find("Set-Cookie: x"), std::string::npos);
    EXPECT_TRUE(page.Header("set-cookie").find("x=y") == std::string::npos);
    if (query.find('<') != std::string::npos) {
      EXPECT_EQ(page.body.find(query), std::string::npos) << "the query came back as markup";
    }
  }
  EXPECT_EQ(client_->Get("/healthz").status, 200) << "the server is still well";
  EXPECT_EQ(ResultTitles(Find("ferry").body).size(), 3u) << "and the articles are all there";
}

class SearchLimit : public DiscoverySiteTest {
 protected:
  std::string ExtraConfig() const override {
    return "[search]\nper_address = 3\nwindow_s = 3600\n";
  }
};

TEST_F(SearchLimit, issue_0013_SearchesPastTheLimitGet429WithAReadablePage) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client_->Get("/search?q=ferry" + std::to_string(i)).status, 200);
  }
  const HttpResponse refused = client_->Get("/search?q=ferry");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("Too many searches"), std::string::npos);
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_EQ(client_->Get("/tag/ferries/").status, 200) << "only search is limited";
}

}  // namespace
}  // namespace broadsheet::testing
