// "Rate this item": one vote per reader, every acknowledged vote kept, refusals that change
// nothing, the rate limit, the no-JavaScript flow, "Best rated" and the structured data.
// Runs on both stores (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"

namespace broadsheet::testing {
namespace {

// Many votes come from 127.0.0.1 here; the limit test below keeps the default.
const std::vector<std::string> kDemoWithoutLimit = {"--demo", "--set",
                                                    "ratings.votes_per_address=1000000"};

store::RatingTotals StoredRating(const TestSite& site, std::int64_t id) {
  for (const auto& totals : site.OpenStore()->ReadRatingTotals()) {
    if (totals.article_id == id) return totals;
  }
  return store::RatingTotals{id, 0, 0, 0};
}

TEST(Ratings, FiveHundredReadersVotingAtOnceAreAllCountedWithTheExactSum) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 5);
  const auto before = StoredRating(site, 5);

  constexpr int kReaders = 500;
  std::atomic<int> next{0};
  std::atomic<int> ok{0};
  std::atomic<std::int64_t> most_votes_seen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      HttpClient client(server.port());
      for (int i = next.fetch_add(1); i < kReaders; i = next.fetch_add(1)) {
        const HttpResponse answer = Vote(client, path, std::to_string(1 + i % 5));
        if (answer.status != 200 || ReaderCookieFrom(answer).empty()) continue;
        ++ok;
        const auto votes = VotesInJson(answer.body);
        auto seen = most_votes_seen.load();
        while (votes > seen && !most_votes_seen.compare_exchange_weak(seen, votes)) {
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(ok.load(), kReaders);

  const auto after = StoredRating(site, 5);
  EXPECT_EQ(after.count, before.count + kReaders);
  EXPECT_EQ(after.sum, before.sum + 100 * (1 + 2 + 3 + 4 + 5));
  EXPECT_EQ(site.OpenStore()->ListVotes(5).size(), static_cast<std::size_t>(after.count));
  // The last answer, the page and a fresh reader's JSON all say the same.
  EXPECT_EQ(most_votes_seen.load(), after.count);
  HttpClient client(server.port());
  const std::string shown = RatingShown(client.Get(path).body);
  EXPECT_NE(shown.find("(" + std::to_string(after.count) + " votes)"), std::string::npos)
      << shown;
  const HttpResponse one_more = Vote(client, path, "5");
  EXPECT_EQ(VotesInJson(one_more.body), after.count + 1) << one_more.body;
  EXPECT_EQ(server.Stop(), 0) << server.Log();
}

TEST(Ratings, TheSameReaderVotingThreeTimesIsOneVoteAndTheLastStarsCount) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 2);
  const auto before = StoredRating(site, 2);
  HttpClient client(server.port());

  const HttpResponse first = Vote(client, path, "2");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string cookie = ReaderCookieFrom(first);
  ASSERT_FALSE(cookie.empty());
  EXPECT_NE(first.Header("set-cookie").find("HttpOnly; SameSite=Lax"), std::string::npos);
  EXPECT_EQ(first.Header("cache-control"), "no-store");
  const HttpResponse second = Vote(client, path, "5", {{"Cookie", cookie}});
  const HttpResponse third = Vote(client, path, "3", {{"Cookie", "a=b; " + cookie}});
  EXPECT_EQ(ReaderCookieFrom(second), "");  // a known reader keeps their cookie
  EXPECT_EQ(VotesInJson(third.body), before.count + 1) << third.body;
  EXPECT_NE(third.body.find("\"yours\": 3"), std::string::npos) << third.body;

  const auto after = StoredRating(site, 2);
  EXPECT_EQ(after.count, before.count + 1);
  EXPECT_EQ(after.sum, before.sum + 3);
  EXPECT_EQ(site.OpenStore()->VoteOf(2, ReaderIdOf(cookie)), 3);
}

TEST(Ratings, AForgedOrTamperedReaderCookieCountsUnderAFreshReaderOnly) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 2);
  const auto before = StoredRating(site, 2);
  HttpClient client(server.port());
  const std::string real = ReaderCookieFrom(Vote(client, path, "4"));
  ASSERT_FALSE(real.empty());

  // Forged: an id of the attacker's choosing with a made-up MAC.
  const HttpResponse forged =
      Vote(client, path, "1", {{"Cookie", "bs_reader=AAAAAAAAAAAAAAAAAAAAAA.forgedmac"}});
  ASSERT_EQ(forged.status, 200) << forged.body;
  const std::string fresh = ReaderCookieFrom(forged);
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(ReaderIdOf(fresh), "AAAAAAAAAAAAAAAAAAAAAA");
  // Tampered: the real reader's id with one character changed, the MAC kept.
  std::string tampered = real;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  const HttpResponse changed = Vote(client, path, "1", {{"Cookie", tampered}});
  ASSERT_EQ(changed.status, 200);
  ASSERT_FALSE(ReaderCookieFrom(changed).empty());

  auto store = site.OpenStore();
  EXPECT_FALSE(store->VoteOf(2, "AAAAAAAAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(store->VoteOf(2, ReaderIdOf(tampered)));
  EXPECT_EQ(store->VoteOf(2, ReaderIdOf(real)), 4);  // the real reader's vote is untouched
  EXPECT_EQ(store->VoteOf(2, ReaderIdOf(fresh)), 1);
  EXPECT_EQ(StoredRating(site, 2).count, before.count + 3);
}

TEST(Ratings, The31stVoteFromOneAddressWithinTheWindowGets429) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo"});  // the default: 30 per 60 s
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 3);
  const auto before = StoredRating(site, 3);
  HttpClient client(server.port());
  for (int i = 0; i < 30; ++i) ASSERT_EQ(Vote(client, path, "4").status, 200) << i;
  const HttpResponse refused = Vote(client, path, "4");
  EXPECT_EQ(refused.status, 429);
  const int retry_after = std::atoi(refused.Header("retry-after").c_str());
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_NE(refused.body.find("Too many votes"), std::string::npos) << refused.body;
  const HttpResponse page_refusal = Vote(client, path, "4", {}, /*json=*/false);
  EXPECT_EQ(page_refusal.status, 429);
  EXPECT_NE(page_refusal.body.find("Too many votes"), std::string::npos);
  EXPECT_EQ(StoredRating(site, 3).count, before.count + 30);
}

TEST(Ratings, BadInputGetsItsStatusAndAMessageAndChangesNothing) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 4);
  const auto before = StoredRating(site, 4);
  HttpClient client(server.port());
  const Headers form = {{"Content-Type", "application/x-www-form-urlencoded"},
                        {"Accept", "application/json"}};
  struct Case {
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {"stars=0", 422},         {"stars=6", 422},          {"stars=-1", 422},
      {"stars=2.5", 422},       {"stars=five", 422},       {"stars=%205", 422},
      {"", 400},                {"other=3", 400},          {"stars=1&stars=2", 400},
      {"stars=%zz", 400},       {"stars=" + std::string(100 * 1024, '5'), 422},
  };
  for (const Case& c : cases) {
    const HttpResponse answer = client.Request("POST", path + "/rating", form, c.body);
    EXPECT_EQ(answer.status, c.status) << c.body.substr(0, 40);
    EXPECT_NE(answer.body.find("\"error\":\""), std::string::npos) << answer.body;
    EXPECT_EQ(answer.Header("set-cookie"), "");  // nothing happened: no reader minted
  }
  // The same refusals without JavaScript: the article page with the message at the form.
  const HttpResponse page = Vote(client, path, "6", {}, /*json=*/false);
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("class=\"rating-error\""), std::string::npos);
  EXPECT_NE(page.body.find("whole number from 1 to 5"), std::string::npos);
  EXPECT_EQ(page.Header("cache-control"), "no-store");

  const HttpResponse get = client.Get(path + "/rating");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("allow"), "POST");
  EXPECT_EQ(client.Request("PUT", path + "/rating", form, "stars=3").status, 405);
  EXPECT_EQ(Vote(client, "/news/9999-no-such-article", "3").status, 404);
  EXPECT_EQ(Vote(client, "/news/9999-no-such-article", "3", {}, false).status, 404);
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{
           {"Origin", "https://evil.example"},
           {"Sec-Fetch-Site", "cross-site"},
           {"Referer", "https://evil.example/page"}}) {
    const HttpResponse cross = Vote(client, path, "5", {{name, value}});
    EXPECT_EQ(cross.status, 403) << name;
    EXPECT_NE(cross.body.find("another site"), std::string::npos) << cross.body;
  }
  const HttpResponse huge = client.Request("POST", path + "/rating", form,
                                           "stars=" + std::string(2 * 1024 * 1024, '5'));
  EXPECT_EQ(huge.status, 413);

  EXPECT_EQ(StoredRating(site, 4).count, before.count);
  EXPECT_EQ(StoredRating(site, 4).sum, before.sum);
  // The site's own origin is fine.
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(Vote(client, path, "5", {{"Origin", own}, {"Sec-Fetch-Site", "same-origin"}}).status,
            200);
}

TEST(Ratings, WithoutJavaScriptAVoteRedirectsToAConfirmationThatIsNeverCached) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 6);
  const auto before = StoredRating(site, 6);
  HttpClient client(server.port());
  const HttpResponse plain = client.Get(path);
  EXPECT_EQ(plain.body.find("rating-notice"), std::string::npos);
  EXPECT_NE(plain.body.find("<form class=\"rating-form\" method=\"post\" action=\"" + path +
                            "/rating\">"),
            std::string::npos);

  // A stale slug is accepted where it is: redirecting the POST would lose the vote.
  const std::string stale = path.substr(0, path.find('-') + 1) + "an-old-headline";
  const HttpResponse posted = Vote(client, stale, "4", {}, /*json=*/false);
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(posted.Header("location"), path + "?rated=4#rating");
  EXPECT_FALSE(ReaderCookieFrom(posted).empty());

  const HttpResponse confirmation = client.Get(path + "?rated=4");
  EXPECT_EQ(confirmation.status, 200);
  EXPECT_EQ(confirmation.Header("cache-control"), "no-store");
  EXPECT_NE(confirmation.body.find("your rating of 4 stars is recorded"), std::string::npos);
  const auto after = StoredRating(site, 6);
  EXPECT_EQ(after.count, before.count + 1);
  // The cached page shows the new count to everyone at once, without the confirmation.
  const HttpResponse again = client.Get(path);
  EXPECT_EQ(again.Header("x-cache"), "hit");
  EXPECT_EQ(again.body.find("rating-notice"), std::string::npos);
  const std::string votes = "(" + std::to_string(after.count) +
                            (after.count == 1 ? " vote)" : " votes)");
  EXPECT_NE(RatingShown(again.body).find(votes), std::string::npos) << RatingShown(again.body);
}

TEST(Ratings, NoVotesReadsNotRatedYetAndOneVoteReadsSingular) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  WriteTextFile(site.File("new.md"),
                "---\ntitle: Harbour Lights Return\ncategory: Town Hall\nauthor: Ada Quill\n"
                "status: published\n---\nThe lights are back.\n");
  const CliResult added = site.Cli({"article", "add", site.File("new.md")});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string path = AddedPath(added);
  HttpClient client(server.port());
  const HttpResponse unrated = client.Get(path);
  EXPECT_EQ(RatingShown(unrated.body), "Not rated yet (0 votes)");
  EXPECT_EQ(unrated.body.find("aggregateRating"), std::string::npos);
  ASSERT_EQ(Vote(client, path, "5").status, 200);
  const HttpResponse rated = client.Get(path);
  EXPECT_EQ(RatingShown(rated.body), "Rated 5.0 out of 5 (1 vote)");
  EXPECT_NE(rated.body.find("\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":5.0,"
                            "\"ratingCount\":1"),
            std::string::npos);
}

TEST(Ratings, KillNineRightAfter200AcknowledgedVotesLosesNone) {
  TestSite site;
  std::int64_t before_count = 0;
  {
    ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
    ASSERT_TRUE(server.started());
    const std::string path = ArticlePathOf(site, 7);
    before_count = StoredRating(site, 7).count;
    std::atomic<int> next{0};
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        HttpClient client(server.port());
        while (next.fetch_add(1) < 200) acknowledged += Vote(client, path, "5").status == 200;
      });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(acknowledged.load(), 200);
    server.Kill();  // no shutdown, no flush: only what was committed survives
  }
  EXPECT_EQ(StoredRating(site, 7).count, before_count + 200);
  ServerProcess restarted(site.StoreArgs(), {});
  ASSERT_TRUE(restarted.started());
  HttpClient client(restarted.port());
  const std::string shown = RatingShown(client.Get(ArticlePathOf(site, 7)).body);
  EXPECT_NE(shown.find("(" + std::to_string(before_count + 200) + " votes)"), std::string::npos)
      << shown;
}

TEST(Ratings, BestRatedPutsAHundredVotesAveraging49AboveASingleFiveStarVote) {
  TestSite site;
  ServerProcess server(site.StoreArgs(),
                       {"--demo", "--set", "ratings.votes_per_address=1000000", "--set",
                        "cache.max_age_s=0", "--set", "cache.side_boxes_s=0"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string single = ArticlePathOf(site, 1);
  const std::string many = ArticlePathOf(site, 10);
  // 50 votes averaging 3 on other articles.
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(Vote(client, ArticlePathOf(site, i % 2 ? 2 : 3), std::to_string(2 + i % 3)).status,
              200);
  }
  ASSERT_EQ(Vote(client, single, "5").status, 200);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(Vote(client, many, i < 90 ? "5" : "4").status, 200);

  const std::string best = OrderedListById(client.Get("/").body, "best-rated");
  const auto many_at = best.find("href=\"" + many + "\"");
  const auto single_at = best.find("href=\"" + single + "\"");
  ASSERT_NE(many_at, std::string::npos) << best;
  EXPECT_TRUE(single_at == std::string::npos || many_at < single_at) << best;
}

TEST(Ratings, AHostileTitleGivesJsonLdThatParsesToTheSameHeadlineAndRunsNothing) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string title = "</script><script>alert(1)</script> & \"quotes\"";
  WriteTextFile(site.File("hostile.md"),
                "---\ntitle: " + title + "\ncategory: Town Hall\nauthor: Ada Quill\n"
                "status: published\n---\nBody.\n");
  const CliResult added = site.Cli({"article", "add", site.File("hostile.md")});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string path = AddedPath(added);
  HttpClient client(server.port());
  ASSERT_EQ(Vote(client, path, "4").status, 200);  // so aggregateRating is in the JSON-LD
  const std::string page = client.Get(path).body;

  const std::string open = "<script type=\"application/ld+json\">";
  const auto start = page.find(open);
  ASSERT_NE(start, std::string::npos);
  const auto end = page.find("</script>", start);
  const std::string json = page.substr(start + open.size(), end - start - open.size());
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(json, error);
  ASSERT_FALSE(error) << json;
  EXPECT_EQ(parsed.at("headline").as_string(), title);
  EXPECT_EQ(parsed.at("aggregateRating").at("ratingCount").as_int64(), 1);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  // Every <script> on the page is ours: JSON-LD and the two enhancements, nothing else.
  std::size_t scripts = 0;
  for (auto at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) {
    ++scripts;
    const std::string tag = page.substr(at, page.find('>', at) - at);
    EXPECT_TRUE(tag.find("application/ld+json") != std::string::npos ||
                tag.find("/static/js/rating.js") != std::string::npos ||
                tag.find("/static/js/comments.js") != std::string::npos)
        << tag;
  }
  // NewsArticle and (issue 13) BreadcrumbList, then the two enhancements.
  EXPECT_EQ(scripts, 4u);
  const auto crumbs_start = page.find(open, end);
  ASSERT_NE(crumbs_start, std::string::npos);
  const std::string crumbs =
      page.substr(crumbs_start + open.size(),
                  page.find("</script>", crumbs_start) - crumbs_start - open.size());
  const boost::json::value trail = boost::json::parse(crumbs, error);
  ASSERT_FALSE(error) << crumbs;
  EXPECT_EQ(trail.at("itemListElement").at(2).at("name").as_string(), title);
}

TEST(Ratings, EditorsShowAndResetAnArticlesVotes) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), kDemoWithoutLimit);
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 1);  // no demo votes
  HttpClient client(server.port());
  ASSERT_EQ(Vote(client, path, "5").status, 200);
  ASSERT_EQ(Vote(client, path, "2").status, 200);
  const CliResult shown = site.Cli({"votes", "show", "1"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Rated 3.5 out of 5 (2 votes)"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("5 stars       1"), std::string::npos) << shown.out;
  const CliResult by_day = site.Cli({"votes", "show", "1", "--by", "day"});
  ASSERT_EQ(by_day.exit_code, 0) << by_day.err;
  EXPECT_NE(by_day.out.find("DAY"), std::string::npos) << by_day.out;
  EXPECT_NE(by_day.out.find("      2      3.5"), std::string::npos) << by_day.out;

  const CliResult reset = site.Cli({"votes", "reset", "1"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_NE(reset.out.find("removed 2 votes"), std::string::npos) << reset.out;
  EXPECT_EQ(StoredRating(site, 1).count, 0);
  // The running server learns of the reset by itself (poll or notification).
  EXPECT_TRUE(PollUntil([&] { return RatingShown(client.Get(path).body) ==
                                     "Not rated yet (0 votes)"; },
                        std::chrono::seconds(20)));
  const CliResult missing = site.Cli({"votes", "show", "999"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no article with id 999"), std::string::npos) << missing.err;
  EXPECT_EQ(site.Cli({"votes", "reset", "999"}).exit_code, 2);
}

}  // namespace
}  // namespace broadsheet::testing
