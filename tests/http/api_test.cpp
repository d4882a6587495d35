// Issue 13: the JSON read API (docs/API.md) on both stores. Published content only; filters;
// an opaque cursor that stays right while articles are published; ETags and 304; CORS; errors
// as {"error": "..."} with their status; the per-address limit; and every curl example of
// docs/API.md, run as written against a live server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "http/harness/discovery_site.h"
#include "http/harness/tool_output.h"

namespace broadsheet::testing {
namespace {

namespace json = boost::json;

class Api : public DiscoverySiteTest {
 protected:
  std::string ExtraConfig() const override { return "[api]\nper_address = 100000\n"; }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  json::value GetJson(const std::string& target, int status = 200) {
    const HttpResponse response = client_->Get(target);
    EXPECT_EQ(response.status, status) << target << ": " << response.body;
    EXPECT_EQ(response.Header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(response.Header("access-control-allow-origin"), "*") << target;
    boost::system::error_code error;
    json::value value = json::parse(response.body, error);
    EXPECT_FALSE(error) << target << ": " << response.body;
    return value;
  }
  static std::vector<std::string> Titles(const json::value& page) {
    std::vector<std::string> titles;
    for (const auto& article : page.at("articles").as_array()) {
      titles.emplace_back(article.at("title").as_string());
    }
    return titles;
  }
  static std::string ErrorOf(const json::value& value) {
    return value.is_object() && value.as_object().contains("error")
               ? std::string(value.at("error").as_string())
               : "(no error field)";
  }
};

TEST_F(Api, issue_0013_ArticlesArePublishedOnlyNewestFirstAndFilterable) {
  const json::value all = GetJson("/api/v1/articles");
  EXPECT_EQ(Titles(all), (std::vector<std::string>{kStrike, kFares, kWall, kTimetable}));
  EXPECT_TRUE(all.at("next").is_null());
  const json::value& strike = all.at("articles").at(0);
  EXPECT_EQ(strike.at("id"), IdOf(kStrike));
  EXPECT_EQ(strike.at("url"), (Origin() + PathOf(kStrike)).c_str());
  EXPECT_EQ(strike.at("author").at("url"), (Origin() + "/author/ada-quill/").c_str());
  EXPECT_EQ(strike.at("category").at("slug"), "town-hall");
  EXPECT_EQ(strike.at("tags").at(0).at("slug"), "ferries");
  EXPECT_TRUE(
      std::string(strike.at("published_at").as_string()).starts_with("2025-04-06T12:00:00"));
  EXPECT_TRUE(strike.at("image").is_null());
  EXPECT_FALSE(strike.as_object().contains("body_html")) << "lists carry no bodies";

  EXPECT_EQ(Titles(GetJson("/api/v1/articles?category=town-hall")),
            (std::vector<std::string>{kStrike, kWall, kTimetable}));
  EXPECT_EQ(Titles(GetJson("/api/v1/articles?tag=ferries")),
            (std::vector<std::string>{kStrike, kFares, kTimetable}));
  EXPECT_EQ(Titles(GetJson("/api/v1/articles?author=ben-ray")), std::vector<std::string>{kWall});
  EXPECT_EQ(Titles(GetJson("/api/v1/articles?since=2025-04-01T00:00:00Z")),
            (std::vector<std::string>{kStrike, kFares}));
  EXPECT_EQ(Titles(GetJson("/api/v1/articles?since=2025-04-06T13:00:00%2B01:00")),
            (std::vector<std::string>{kStrike}))
      << "12:00 UTC is 13:00 at +01:00";
  EXPECT_EQ(Titles(GetJson("/api/v1/articles?tag=harbour&since=2025-03-15T00:00:00Z")),
            std::vector<std::string>{kWall});

  const json::value one = GetJson("/api/v1/articles/" + std::to_string(IdOf(kWall)));
  EXPECT_EQ(one.at("article").at("title"), kWall);
  EXPECT_EQ(one.at("article").at("body_html"), "<p>The body of Harbour wall repairs.</p>");
  for (const char* hidden : {kDraft, kScheduled, kWithdrawn}) {
    EXPECT_EQ(ErrorOf(GetJson("/api/v1/articles/" + std::to_string(IdOf(hidden)), 404)),
              "no such article")
        << hidden;
  }
}

TEST_F(Api, issue_0013_TheCursorStaysRightWhileArticlesArePublished) {
  const json::value first = GetJson("/api/v1/articles?limit=2");
  EXPECT_EQ(Titles(first), (std::vector<std::string>{kStrike, kFares}));
  ASSERT_TRUE(first.at("next").is_string());
  const std::string next(first.at("next").as_string());
  ASSERT_EQ(site_.Cli({"article", "publish", std::to_string(IdOf(kDraft))}).exit_code, 0);
  ASSERT_TRUE(
      PollUntil([&] { return Titles(GetJson("/api/v1/articles?limit=1")).front() == kDraft; },
                std::chrono::seconds(20)));
  const json::value second = GetJson("/api/v1/articles?limit=2&next=" + next);
  EXPECT_EQ(Titles(second), (std::vector<std::string>{kWall, kTimetable}))
      << "no article twice, none skipped, though one was published in between";
  EXPECT_TRUE(second.at("next").is_null());
}

TEST_F(Api, issue_0013_BadRequestsGetAJsonErrorWithTheirStatus) {
  for (const char* target :
       {"/api/v1/articles?limit=0", "/api/v1/articles?limit=101", "/api/v1/articles?limit=ten",
        "/api/v1/articles?since=yesterday", "/api/v1/articles?since=2025-13-01T00:00:00Z",
        "/api/v1/articles?since=2025-04-01", "/api/v1/articles?next=bm90IGEgY3Vyc29y",
        "/api/v1/articles?next=%3Cscript%3E", "/api/v1/articles?tag=ferries&author=ada-quill"}) {
    EXPECT_FALSE(ErrorOf(GetJson(target, 400)).empty()) << target;
  }
  for (const char* target : {"/api/v1/articles?tag=nope", "/api/v1/articles?category=nope",
                             "/api/v1/articles?author=nope", "/api/v1/articles/abc",
                             "/api/v1/articles/0", "/api/v1/articles/999999", "/api/v1/nothing"}) {
    EXPECT_NE(ErrorOf(GetJson(target, 404)), "(no error field)") << target;
  }
  EXPECT_EQ(ErrorOf(GetJson("/api/v1/articles?tag=%3Cb%3E", 404)), "no tag has the slug '<b>'")
      << "JSON, not HTML: the serializer escapes what needs escaping";
  const HttpResponse post =
      client_->Request("POST", "/api/v1/articles", {{"Content-Type", "application/json"}}, "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(post.body, "{\"error\":\"the read API answers GET, HEAD and OPTIONS only\"}\n");
}

TEST_F(Api, issue_0013_CategoriesTagsAndAuthorsNameOnlyPublishedContent) {
  const json::value categories = GetJson("/api/v1/categories");
  ASSERT_EQ(categories.at("categories").as_array().size(), 2u);
  EXPECT_EQ(categories.at("categories").at(0).at("slug"), "business");
  EXPECT_EQ(categories.at("categories").at(1).at("published"), 3);
  const json::value tags = GetJson("/api/v1/tags");
  ASSERT_EQ(tags.at("tags").as_array().size(), 2u);
  EXPECT_EQ(tags.at("tags").at(0).at("slug"), "ferries");
  EXPECT_EQ(tags.at("tags").at(0).at("published"), 3);
  EXPECT_EQ(tags.at("tags").at(0).at("url"), (Origin() + "/tag/ferries/").c_str());
  const json::value authors = GetJson("/api/v1/authors");
  ASSERT_EQ(authors.at("authors").as_array().size(), 2u);
  EXPECT_EQ(authors.at("authors").at(0).at("bio"), "Covers the harbour & <ferries>.");
}

TEST_F(Api, issue_0013_ETagsRevalidateAndBrowsersMayReadItFromAnyOrigin) {
  const HttpResponse first = client_->Get("/api/v1/articles?limit=3");
  const std::string etag(first.Header("etag"));
  ASSERT_FALSE(etag.empty());
  const HttpResponse again = client_->Get("/api/v1/articles?limit=3", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("access-control-allow-origin"), "*");
  EXPECT_EQ(client_->Get("/api/v1/articles?limit=3", {{"If-None-Match", "\"stale\""}}).status, 200);
  const HttpResponse preflight =
      client_->Request("OPTIONS", "/api/v1/articles",
                       {{"Origin", "https://elsewhere.example"},
                        {"Access-Control-Request-Method", "GET"},
                        {"Access-Control-Request-Headers", "if-none-match"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("access-control-allow-origin"), "*");
  EXPECT_NE(preflight.Header("access-control-allow-headers").find("If-None-Match"),
            std::string::npos);
}

TEST_F(Api, issue_0013_EveryCurlExampleInTheDocsRuns) {
  std::ifstream file(std::string(BROADSHEET_SOURCE_DIR) + "/docs/API.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string docs = text.str();
  int examples = 0;
  for (auto at = docs.find("```sh\n"); at != std::string::npos; at = docs.find("```sh\n", at + 1)) {
    const auto from = at + 6;
    std::string script = docs.substr(from, docs.find("```", from) - from);
    for (auto p = script.find("http://localhost:8080"); p != std::string::npos;
         p = script.find("http://localhost:8080", p)) {
      script.replace(p, std::size("http://localhost:8080") - 1, Origin());
    }
    const ToolOutput run = RunTool("bash -eo pipefail -c " + ShellQuoted(script));
    SCOPED_TRACE(script);
    EXPECT_EQ(run.exit_code, 0) << run.out;
    if (run.out == "304\n") {
      ++examples;
      continue;
    }
    boost::system::error_code error;
    json::parse(run.out, error);
    EXPECT_FALSE(error) << "not JSON: " << run.out;
    ++examples;
  }
  EXPECT_GE(examples, 8);
}

class ApiLimit : public DiscoverySiteTest {
 protected:
  std::string ExtraConfig() const override { return "[api]\nper_address = 3\nwindow_s = 3600\n"; }
};

TEST_F(ApiLimit, issue_0013_RequestsPastTheLimitGet429AsJson) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client_->Get("/api/v1/tags").status, 200);
  const HttpResponse refused = client_->Get("/api/v1/tags");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("\"error\":\"too many requests"), std::string::npos) << refused.body;
  EXPECT_FALSE(refused.Header("retry-after").empty());
}

}  // namespace
}  // namespace broadsheet::testing
