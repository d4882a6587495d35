// The pages: article content and safety, listings, categories, redirects and the 404 page.
#include <gtest/gtest.h>

#include <algorithm>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"

namespace broadsheet::testing {
namespace {

class Pages : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(site_.StoreArgs(), std::vector<std::string>{"--demo"});
    ASSERT_TRUE(server_->started());
    client_ = std::make_unique<HttpClient>(server_->port());
  }
  std::string AddArticle(const std::string& front_matter_and_body) {
    WriteTextFile(site_.File("new.md"), front_matter_and_body);
    const CliResult added = site_.Cli({"article", "add", site_.File("new.md")});
    EXPECT_EQ(added.exit_code, 0) << added.err;
    return AddedPath(added);
  }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(Pages, ArticlePageShowsTitleAuthorDateCategoryAndBody) {
  const std::string path = AddArticle(
      "---\ntitle: Bridge Reopens & Traffic Flows\nsummary: The old bridge is back.\n"
      "category: Town Hall\nauthor: Tomás Reyes\nstatus: published\n---\n"
      "## After the works\n\nCars **crossed** at dawn.\n\n| lane | open |\n|---|---|\n| north | yes |\n");
  const HttpResponse page = client_->Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<h1 class=\"article-title\">Bridge Reopens &amp; Traffic Flows</h1>"),
            std::string::npos);
  EXPECT_NE(page.body.find("Tomás Reyes"), std::string::npos);
  EXPECT_NE(page.body.find("<time datetime=\""), std::string::npos);
  EXPECT_NE(page.body.find(">Town Hall</a>"), std::string::npos);
  EXPECT_NE(page.body.find("<h2>After the works</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("<strong>crossed</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("<table>"), std::string::npos);
  EXPECT_NE(page.body.find("<html lang=\"en\" dir=\"ltr\">"), std::string::npos);
  EXPECT_NE(page.body.find("<meta name=\"description\" content=\"The old bridge is back.\">"),
            std::string::npos);
  EXPECT_NE(page.body.find("<link rel=\"canonical\" href=\"http://127.0.0.1:" +
                           std::to_string(server_->port()) + path + "\">"),
            std::string::npos);
  EXPECT_NE(page.body.find("\"@type\":\"NewsArticle\""), std::string::npos);
}

TEST_F(Pages, RawHtmlAndJavascriptLinksInMarkdownAreNotPassedThrough) {
  const std::string path = AddArticle(
      "---\ntitle: Safe Page\ncategory: Culture\nauthor: Ada Quill\nstatus: published\n---\n"
      "Hello <script>alert('x')</script> and <img src=x onerror=alert(1)>.\n\n"
      "[click](javascript:alert(1)) [again](JaVaScRiPt:alert(2)) <div onclick=\"evil()\">d</div>\n\n"
      "<script>document.cookie</script>\n");
  const HttpResponse page = client_->Get(path);
  ASSERT_EQ(page.status, 200);
  const std::string body = page.body;
  EXPECT_EQ(body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(body.find("<script>document"), std::string::npos);
  EXPECT_EQ(body.find("onerror"), std::string::npos);
  EXPECT_EQ(body.find("onclick"), std::string::npos);
  EXPECT_EQ(body.find("javascript:"), std::string::npos);
  EXPECT_EQ(body.find("JaVaScRiPt:"), std::string::npos);
}

TEST_F(Pages, FrontPageListsLatestFirstWithCategoryDateAndViews) {
  const HttpResponse front = client_->Get("/");
  ASSERT_EQ(front.status, 200);
  // The demo's newest article (the last file) leads; an older one follows it.
  const auto newest = front.body.find("Millfield");
  const auto older = front.body.find("Winter Lantern");
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(newest, older);
  EXPECT_NE(front.body.find("Read "), std::string::npos);
  EXPECT_NE(front.body.find("<time datetime="), std::string::npos);
  EXPECT_NE(front.body.find("<title>"), std::string::npos);
  EXPECT_NE(front.body.find("<link rel=\"canonical\""), std::string::npos);
  const HttpResponse page2 = client_->Get("/?page=2");
  EXPECT_EQ(page2.status, 200);
  EXPECT_NE(page2.body.find("Page 2 of 2"), std::string::npos);
  EXPECT_EQ(client_->Get("/?page=9").status, 404);
  EXPECT_EQ(client_->Get("/?page=abc").status, 400);
}

TEST_F(Pages, CategoryPagesListOnlyTheirArticles) {
  const HttpResponse sport = client_->Get("/sport/");
  ASSERT_EQ(sport.status, 200);
  EXPECT_NE(sport.body.find("Rovers"), std::string::npos);
  const auto list_start = sport.body.find("class=\"card-list\"");
  const std::string cards = sport.body.substr(list_start, sport.body.find("</div>", list_start) - list_start);
  std::size_t titles = 0, sport_titles = 0;
  for (auto at = cards.find("card-title"); at != std::string::npos; at = cards.find("card-title", at + 1)) {
    ++titles;
    if (std::string_view(cards).substr(at).starts_with("card-title\"><a href=\"/sport/")) {
      ++sport_titles;
    }
  }
  EXPECT_GE(titles, 3u);
  EXPECT_EQ(titles, sport_titles) << cards;
  const HttpResponse bare = client_->Get("/sport");
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.Header("location"), "/sport/");
  EXPECT_EQ(client_->Get("/no-such-section/").status, 404);
}

TEST_F(Pages, UnknownArticleGetsAHelpfulNotFoundPage) {
  const HttpResponse missing = client_->Get("/sport/9999-no-such-story");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Page not found"), std::string::npos);
  EXPECT_NE(missing.body.find("/sport/9999-no-such-story"), std::string::npos);
  EXPECT_NE(missing.body.find("href=\"/sport/\""), std::string::npos);
  EXPECT_EQ(client_->Get("/a/b/c").status, 404);
}

TEST_F(Pages, WrongSlugOrCategoryRedirectsToTheCanonicalAddress) {
  const std::string path = ArticlePathOf(site_, 1);
  const std::string id_part = path.substr(path.find('/', 1) + 1);
  const std::string id = id_part.substr(0, id_part.find('-'));
  HttpResponse wrong = client_->Get("/sport/" + id + "-some-old-title");
  EXPECT_EQ(wrong.status, 301);
  EXPECT_EQ(wrong.Header("location"), path);
  EXPECT_EQ(client_->Get("/sport/" + id).Header("location"), path);
}

TEST_F(Pages, AnEditedSlugRedirectsFromTheOldAddressOnTheRunningServer) {
  const std::string old_path = AddArticle(
      "---\ntitle: Harbour Dredging Starts\ncategory: Business\nauthor: Ada Quill\n"
      "status: published\n---\nBody.\n");
  ASSERT_EQ(client_->Get(old_path).status, 200);  // now cached under the old slug
  const std::string tail = old_path.substr(old_path.find('/', 1) + 1);
  const std::string numeric = tail.substr(0, tail.find('-'));
  WriteTextFile(site_.File("edit.md"),
                "---\ntitle: Harbour Dredging Begins Early\nslug: harbour-dredging-begins-early\n"
                "category: Business\nauthor: Ada Quill\nstatus: published\n---\nBody.\n");
  const CliResult edited = site_.Cli({"article", "edit", numeric, site_.File("edit.md")});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  const std::string new_path = "/business/" + numeric + "-harbour-dredging-begins-early";
  HttpResponse answer;
  EXPECT_TRUE(PollUntil(
      [&] {
        answer = client_->Get(old_path);
        return answer.status == 301 && answer.Header("location") == new_path;
      },
      std::chrono::seconds(10)))
      << answer.status << " " << answer.Header("location");
  const HttpResponse page = client_->Get(new_path);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Harbour Dredging Begins Early"), std::string::npos);
}

TEST_F(Pages, UnpublishedArticlesAreNotFound) {
  const std::string path = AddArticle(
      "---\ntitle: Draft Story\ncategory: Culture\nauthor: Ada Quill\nstatus: draft\n---\nx\n");
  EXPECT_EQ(client_->Get(path).status, 404);
}

TEST_F(Pages, StaticFilesHaveLongCacheLifetimesAndHealthzAnswers) {
  const HttpResponse front = client_->Get("/");
  const auto href = front.body.find("/static/css/site.css?v=");
  ASSERT_NE(href, std::string::npos);
  const std::string css_url = front.body.substr(href, front.body.find('"', href) - href);
  const HttpResponse css = client_->Get(css_url);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(css.Header("cache-control").find("max-age=31536000"), std::string::npos);
  EXPECT_EQ(client_->Get("/static/nope.css").status, 404);
  const HttpResponse health = client_->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  EXPECT_EQ(client_->Request("POST", "/healthz").status, 405);
}

// The article paths of a listing page's cards (the lead included), in order.
std::vector<std::string> CardPaths(const std::string& body) {
  std::vector<std::string> paths;
  const std::string open = "class=\"card-title\"><a href=\"";
  for (auto at = body.find(open); at != std::string::npos; at = body.find(open, at + 1)) {
    const auto start = at + open.size();
    paths.push_back(body.substr(start, body.find('"', start) - start));
  }
  return paths;
}

// Issue 12: pages after the first continue from a key instead of an OFFSET. With three to a
// page, a deep page asked first (its start found by one walk of the index), then every page
// in order (each from the last row of the one before), and a category's pages each show
// exactly their own articles, newest first.
TEST(DeepListingPages, issue_0012_EveryPageShowsItsOwnArticlesNewestFirst) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "site.page_size=3"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  std::vector<store::ArticleRow> articles = site.OpenStore()->ListAllArticles();
  ASSERT_EQ(articles.size(), 14u);  // the demo: 5 front pages, Town Hall 2
  std::sort(articles.begin(), articles.end(), [](const auto& a, const auto& b) {
    return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
  });
  const auto expected = [&](const std::string& category_slug, int page) {
    std::vector<std::string> paths;
    for (const auto& article : articles) {
      if (!category_slug.empty() && article.category.slug != category_slug) continue;
      paths.push_back("/" + article.category.slug + "/" + std::to_string(article.id) + "-" +
                      article.slug);
    }
    const auto first = std::min<std::size_t>(paths.size(), (page - 1) * 3);
    return std::vector<std::string>(paths.begin() + first,
                                    paths.begin() + std::min(paths.size(), first + 3));
  };
  const auto cards = [&](const std::string& target) {
    const HttpResponse page = client.Get(target);
    EXPECT_EQ(page.status, 200) << target;
    return CardPaths(page.body);
  };
  EXPECT_EQ(cards("/?page=4"), expected("", 4));
  EXPECT_EQ(cards("/"), expected("", 1));
  for (int page = 2; page <= 5; ++page) {
    EXPECT_EQ(cards("/?page=" + std::to_string(page)), expected("", page)) << "page " << page;
  }
  EXPECT_EQ(cards("/town-hall/?page=2"), expected("town-hall", 2));
  EXPECT_EQ(cards("/town-hall/"), expected("town-hall", 1));
  EXPECT_EQ(client.Get("/?page=6").status, 404);
  EXPECT_EQ(client.Get("/town-hall/?page=3").status, 404);
}

}  // namespace
}  // namespace broadsheet::testing
