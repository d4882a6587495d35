// "Add comment" guarded by the security code: moderation modes, every way a token can be
// wrong, the spam defences, hostile input, reports, concurrency, durability and two nodes.
// Runs on both stores (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "http/harness/comment_forms.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "security/captcha_token.h"
#include "security/site_key.h"

namespace broadsheet::testing {
namespace {

TEST(Comments, EachModerationModeShowsOrHoldsAsItSays) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 2);
  HttpClient client(server.port());

  // open (the default): shown at once, and the page says "1 comment".
  HttpResponse posted = Post(client, path, Comment(client, site, "Open Reader", "Shown at once."));
  ASSERT_EQ(posted.status, 201) << posted.body;
  std::string page = client.Get(path).body;
  EXPECT_NE(page.find("Shown at once."), std::string::npos);
  EXPECT_NE(page.find("<a class=\"comment-count\" href=\"#comments\">1 comment</a>"),
            std::string::npos);
  // The listings count it too (the article's category page lists it).
  const std::string category = path.substr(0, path.find('/', 1) + 1);
  EXPECT_NE(client.Get(category).body.find("href=\"" + path + "#comments\">1 comment</a>"),
            std::string::npos);

  // held: waits for an editor, then appears once approved.
  ASSERT_EQ(site.Cli({"settings", "set", "comments.moderation", "held"}).exit_code, 0);
  ASSERT_TRUE(PollUntil([&] {
    posted = Post(client, path, Comment(client, site, "Held Reader", "Waits for an editor."));
    return posted.body.find("\"held\"") != std::string::npos;
  }, std::chrono::seconds(20))) << posted.body;
  EXPECT_EQ(client.Get(path).body.find("Waits for an editor."), std::string::npos);
  const CliResult pending = site.Cli({"comments", "list", "--pending"});
  EXPECT_NE(pending.out.find("Held Reader"), std::string::npos) << pending.out;
  const std::string id = std::to_string(boost::json::parse(posted.body).at("id").as_int64());
  ASSERT_EQ(site.Cli({"comments", "approve", id}).exit_code, 0);
  EXPECT_TRUE(PollUntil([&] {
    return client.Get(path).body.find("Waits for an editor.") != std::string::npos;
  }, std::chrono::seconds(20)));

  // known: a new reader waits; once approved, the same reader's next comment is shown.
  ASSERT_EQ(site.Cli({"settings", "set", "comments.moderation", "known"}).exit_code, 0);
  HttpResponse first;
  ASSERT_TRUE(PollUntil([&] {
    first = Post(client, path, Comment(client, site, "Known Reader", "First words."));
    return first.body.find("\"held\"") != std::string::npos;
  }, std::chrono::seconds(20))) << first.body;
  const std::string cookie = ReaderCookieFrom(first);
  ASSERT_FALSE(cookie.empty());
  ASSERT_EQ(site.Cli({"comments", "approve",
                      std::to_string(boost::json::parse(first.body).at("id").as_int64())})
                .exit_code,
            0);
  const HttpResponse second = Post(client, path, Comment(client, site, "Known Reader", "Second."),
                                   {{"Cookie", cookie}});
  EXPECT_NE(second.body.find("\"published\""), std::string::npos) << second.body;
  const HttpResponse stranger =
      Post(client, path, Comment(client, site, "Stranger", "Not known yet."));
  EXPECT_NE(stranger.body.find("\"held\""), std::string::npos) << stranger.body;
}

TEST(Comments, EveryBadSecurityCodeIsRefusedWithItsOwnMessageAndNothingIsStored) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed({"--set", "comments.token_ttl_s=1"}));
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 3);
  HttpClient client(server.port());
  const std::size_t before = StoredComments(site);
  const Fields base = {{"name", "Tester"}, {"comment", "A fair point."}};
  auto with = [&](Fields extra) {
    Fields fields = base;
    fields.insert(fields.end(), extra.begin(), extra.end());
    return fields;
  };

  Token wrong = NewToken(client, site);
  HttpResponse answer =
      Post(client, path, with({{"captcha_token", wrong.token}, {"captcha_answer", "ZZZZZZ"}}));
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(FieldError(answer, "captcha").find("did not match"), std::string::npos) << answer.body;
  // Used up by that wrong answer: the right answer now is refused too.
  answer = Post(client, path, with({{"captcha_token", wrong.token}, {"captcha_answer", wrong.answer}}));
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(FieldError(answer, "captcha").find("already used"), std::string::npos) << answer.body;

  answer = Post(client, path, base);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(FieldError(answer, "captcha").find("missing"), std::string::npos) << answer.body;

  Token real = NewToken(client, site);
  std::string forged = real.token;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
  answer = Post(client, path, with({{"captcha_token", forged}, {"captcha_answer", real.answer}}));
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(FieldError(answer, "captcha").find("not valid"), std::string::npos) << answer.body;

  const Token old = NewToken(client, site);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // past the 1 s lifetime
  answer = Post(client, path, with({{"captcha_token", old.token}, {"captcha_answer", old.answer}}));
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(FieldError(answer, "captcha").find("expired"), std::string::npos) << answer.body;

  // Without script: the form page again, the error next to the field, a fresh code.
  const Token page_token = NewToken(client, site);
  answer = Post(client, path,
                with({{"captcha_token", page_token.token}, {"captcha_answer", "WRONG1"}}), {},
                /*json=*/false);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("id=\"comment-captcha-error\""), std::string::npos);
  EXPECT_NE(answer.body.find("A fair point."), std::string::npos);  // what they typed is kept
  EXPECT_NE(answer.body.find("/captcha/image?token="), std::string::npos);
  EXPECT_EQ(answer.Header("cache-control"), "no-store");
  EXPECT_EQ(StoredComments(site), before);
}

TEST(Comments, AHoneypotIsHeldAndAFormFilledTooFastIsRefused) {
  TestSite site;
  {
    ServerProcess server(site.StoreArgs(), Relaxed());
    ASSERT_TRUE(server.started());
    const std::string path = ArticlePathOf(site, 4);
    HttpClient client(server.port());
    const std::string page = client.Get(path).body;
    // The honeypot's name is the site's own; find it in the form.
    const auto at = page.find("<p class=\"hp\" aria-hidden=\"true\">");
    ASSERT_NE(at, std::string::npos);
    const auto name_at = page.find("name=\"", at) + 6;
    const std::string honeypot = page.substr(name_at, page.find('"', name_at) - name_at);
    EXPECT_EQ(honeypot.size(), 13u) << honeypot;
    EXPECT_NE(page.find("autocomplete=\"off\"", at), std::string::npos);

    ASSERT_EQ(Post(client, path, Comment(client, site, "Control", "A human wrote this.")).status, 201);
    Fields trapped = Comment(client, site, "Bot", "Buy things.");
    trapped.emplace_back(honeypot, "http://spam.example");
    const HttpResponse held = Post(client, path, trapped);
    ASSERT_EQ(held.status, 201) << held.body;
    EXPECT_NE(held.body.find("\"held\""), std::string::npos);
    const std::string shown = client.Get(path).body;
    EXPECT_NE(shown.find("A human wrote this."), std::string::npos);
    EXPECT_EQ(shown.find("Buy things."), std::string::npos);
    const auto pending = site.OpenStore()->ListComments(store::CommentFilter::kPending, 10);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].hold_reason, "honeypot field filled");
    EXPECT_EQ(server.Stop(), 0);
  }
  ServerProcess strict(site.StoreArgs(), Relaxed({"--set", "comments.min_fill_ms=600000"}));
  ASSERT_TRUE(strict.started());
  HttpClient client(strict.port());
  const std::size_t before = StoredComments(site);
  const HttpResponse fast =
      Post(client, ArticlePathOf(site, 4), Comment(client, site, "Quick", "Too fast."));
  EXPECT_EQ(fast.status, 422);
  EXPECT_NE(FieldError(fast, "form").find("quicker"), std::string::npos) << fast.body;
  EXPECT_EQ(StoredComments(site), before);
}

TEST(Comments, ProofOfWorkAcceptsTheSolutionOnceAndRefusesWrongReusedOrExpired) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed({"--set", "comments.token_ttl_s=2"}));
  ASSERT_TRUE(server.started());
  ASSERT_EQ(site.Cli({"settings", "set", "captcha.kind", "pow"}).exit_code, 0);
  const std::string path = ArticlePathOf(site, 5);
  HttpClient client(server.port());
  boost::json::value puzzle;
  ASSERT_TRUE(PollUntil([&] {
    puzzle = boost::json::parse(client.Get("/captcha/new").body);
    return puzzle.at("kind").as_string() == "pow";
  }, std::chrono::seconds(20)));
  EXPECT_EQ(puzzle.at("salt").as_string().size(), 32u);
  EXPECT_EQ(puzzle.at("challenge").as_string().size(), 64u);
  // The test's way in is the operator's: the CLI reads the answer with the site key.
  const std::string token(puzzle.at("token").as_string());
  const CliResult solved = site.Cli({"captcha", "solve", token});
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  const std::string number = solved.out.substr(0, solved.out.find('\n'));
  const Fields fields = {{"name", "Solver"}, {"comment", "Solved in the background."},
                         {"captcha_token", token}, {"captcha_answer", number}};
  EXPECT_EQ(Post(client, path, fields).status, 201);
  EXPECT_NE(FieldError(Post(client, path, fields), "captcha").find("already used"),
            std::string::npos);
  const std::string other(boost::json::parse(client.Get("/captcha/new").body).at("token").as_string());
  const HttpResponse wrong = Post(client, path, {{"name", "Solver"}, {"comment", "Wrong."},
                                                 {"captcha_token", other}, {"captcha_answer", "-1"}});
  EXPECT_NE(FieldError(wrong, "captcha").find("did not match"), std::string::npos) << wrong.body;
  const std::string stale(boost::json::parse(client.Get("/captcha/new").body).at("token").as_string());
  const std::string stale_answer = site.Cli({"captcha", "solve", stale}).out;
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  const HttpResponse expired =
      Post(client, path, {{"name", "Solver"}, {"comment", "Late."}, {"captcha_token", stale},
                          {"captcha_answer", stale_answer.substr(0, stale_answer.find('\n'))}});
  EXPECT_NE(FieldError(expired, "captcha").find("expired"), std::string::npos) << expired.body;
  EXPECT_EQ(site.Cli({"captcha", "solve", "not-a-token"}).exit_code, 2);
}

TEST(Comments, TheImageAndAudioCodesAreServedFreshAndUncached) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const Token a = NewToken(client, site);
  const Token b = NewToken(client, site);
  const HttpResponse image_a = client.Get("/captcha/image?token=" + a.token);
  const HttpResponse image_b = client.Get("/captcha/image?token=" + b.token);
  ASSERT_EQ(image_a.status, 200);
  EXPECT_EQ(image_a.Header("content-type"), "image/png");
  EXPECT_EQ(image_a.Header("cache-control"), "no-store");
  EXPECT_EQ(image_a.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(image_a.body, image_b.body);
  const HttpResponse audio = client.Get("/captcha/audio?token=" + a.token);
  ASSERT_EQ(audio.status, 200);
  EXPECT_EQ(audio.Header("content-type"), "audio/wav");
  EXPECT_EQ(audio.body.substr(0, 4), "RIFF");
  EXPECT_EQ(audio.body.substr(8, 4), "WAVE");
  EXPECT_EQ(client.Get("/captcha/image?token=forged").status, 404);
  // The answer is case-insensitive.
  const HttpResponse lower = Post(client, ArticlePathOf(site, 6),
                                  {{"name", "Lower"}, {"comment", "lower case works"},
                                   {"captcha_token", a.token},
                                   {"captcha_answer", [&] {
                                      std::string s = a.answer;
                                      for (char& c : s) c = static_cast<char>(std::tolower(c));
                                      return s;
                                    }()}});
  EXPECT_EQ(lower.status, 201) << lower.body;
}

TEST(Comments, HostileInputIsShownAsTextOrRefusedByField) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 7);
  HttpClient client(server.port());
  Fields evil = Comment(client, site, "<script>alert('name')</script>",
                        "<b>bold</b> <img src=x onerror=alert(1)> javascript:alert(2)\n\n"
                        "see https://example.org/page?a=1&b=2.");
  ASSERT_EQ(Post(client, path, evil).status, 201);
  const std::string page = client.Get(path).body;
  EXPECT_EQ(page.find("<script>alert('name')"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert("), std::string::npos);
  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_EQ(page.find("<b>bold</b>"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"https://example.org/page?a=1&amp;b=2\" rel=\"nofollow ugc\">"),
            std::string::npos);
  EXPECT_EQ(page.find("href=\"javascript:"), std::string::npos);

  Fields bad_url = Comment(client, site, "Url", "fine");
  bad_url[2].second = "javascript:alert(1)";
  const HttpResponse url = Post(client, path, bad_url);
  EXPECT_EQ(url.status, 422);
  EXPECT_NE(FieldError(url, "url").find("http"), std::string::npos) << url.body;
  Fields bad_email = Comment(client, site, "Mail", "fine");
  bad_email[1].second = "<script>@x";
  EXPECT_NE(FieldError(Post(client, path, bad_email), "email"), "");
  Fields named_link = Comment(client, site, "Linked", "with a site");
  named_link[2].second = "https://reader.example/";
  ASSERT_EQ(Post(client, path, named_link).status, 201);
  EXPECT_NE(client.Get(path).body.find("<a href=\"https://reader.example/\" rel=\"nofollow ugc\">Linked</a>"),
            std::string::npos);

  const std::size_t before = StoredComments(site);
  const HttpResponse long_comment =
      Post(client, path, Comment(client, site, "Long", std::string(6000, 'x')));
  EXPECT_EQ(long_comment.status, 422);
  EXPECT_NE(FieldError(long_comment, "comment").find("6000"), std::string::npos) << long_comment.body;
  const HttpResponse huge = client.Request(
      "POST", path + "/comments", {{"Content-Type", "application/x-www-form-urlencoded"}},
      "comment=" + std::string(1024 * 1024 + 10, 'x'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(StoredComments(site), before);
}

TEST(Comments, CrossSitePostsAreRefusedAndReportsHoldAtTheThresholdOncePerReaderAndAddress) {
  TestSite site;
  // Behind a trusted proxy, so each report can come from an address of its own.
  ServerProcess server(site.StoreArgs(), Relaxed({"--set", "server.trusted_proxies=127.0.0.1"}));
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 8);
  HttpClient client(server.port());
  const std::size_t before = StoredComments(site);
  const HttpResponse cross = Post(client, path, Comment(client, site, "X", "from elsewhere"),
                                  {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(StoredComments(site), before);

  const HttpResponse posted = Post(client, path, Comment(client, site, "Target", "Reported text."));
  ASSERT_EQ(posted.status, 201);
  const std::string id = std::to_string(boost::json::parse(posted.body).at("id").as_int64());
  const auto report = [&](const std::string& address, const std::string& cookie = "") {
    Headers headers = {{"Accept", "application/json"}, {"X-Forwarded-For", address}};
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return client.Request("POST", "/comments/" + id + "/report", headers);
  };
  const HttpResponse first = report("198.51.100.1");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string reporter = ReaderCookieFrom(first);
  // The same reader from another address, and a new reader from the same address: neither
  // counts again.
  EXPECT_NE(report("198.51.100.2", reporter).body.find("\"counted\":false"), std::string::npos);
  EXPECT_NE(report("198.51.100.1").body.find("\"counted\":false"), std::string::npos);
  EXPECT_EQ(site.OpenStore()->FindComment(std::stoll(id))->reports, 1);
  EXPECT_EQ(site.OpenStore()->FindComment(std::stoll(id))->status, news::CommentStatus::kApproved);
  report("198.51.100.3");  // a second reader from a second address
  report("198.51.100.4");  // a third: held
  const auto held = site.OpenStore()->FindComment(std::stoll(id));
  EXPECT_EQ(held->reports, 3);
  EXPECT_EQ(held->status, news::CommentStatus::kPending);
  EXPECT_EQ(client.Get(path).body.find("Reported text."), std::string::npos);
  EXPECT_NE(site.Cli({"comments", "list", "--reported"}).out.find("Target"), std::string::npos);
  EXPECT_EQ(
      client.Request("POST", "/comments/999999/report", {{"Accept", "application/json"}}).status,
      404);
}

TEST(Comments, LinksBlockedWordsAndDuplicatesAreHeldOrRefused) {
  TestSite site;
  WriteTextFile(site.File("blocklist.txt"), "# words we never publish\ncheap pills\n");
  ServerProcess server(site.StoreArgs(),
                       Relaxed({"--set", "comments.blocklist_file=" + site.File("blocklist.txt")}));
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 13);
  HttpClient client(server.port());
  const HttpResponse links = Post(
      client, path,
      Comment(client, site, "Linker", "http://a.example http://b.example http://c.example"));
  EXPECT_NE(links.body.find("\"held\""), std::string::npos) << links.body;
  const HttpResponse two_links =
      Post(client, path, Comment(client, site, "Linker", "http://a.example and http://b.example"));
  EXPECT_NE(two_links.body.find("\"published\""), std::string::npos) << two_links.body;
  const HttpResponse blocked =
      Post(client, path, Comment(client, site, "Seller", "Buy CHEAP PILLS here"));
  EXPECT_NE(blocked.body.find("\"held\""), std::string::npos) << blocked.body;
  const auto pending = site.OpenStore()->ListComments(store::CommentFilter::kPending, 10);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].hold_reason, "blocklist: cheap pills");
  EXPECT_EQ(pending[1].hold_reason, "more than 2 links");

  const HttpResponse original = Post(client, path, Comment(client, site, "Echo", "Said once."));
  ASSERT_EQ(original.status, 201);
  const std::string cookie = ReaderCookieFrom(original);
  const HttpResponse repeat =
      Post(client, path, Comment(client, site, "Echo", "Said once."), {{"Cookie", cookie}});
  EXPECT_EQ(repeat.status, 422);
  EXPECT_NE(FieldError(repeat, "comment").find("already posted"), std::string::npos) << repeat.body;
}

TEST(Comments, TooManyPostsFromOneAddressOrOneReaderGet429) {
  TestSite site;
  // The defaults: 5 per address and 3 per reader in any 60 s.
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "comments.min_fill_ms=0"});
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 14);
  HttpClient client(server.port());
  std::string cookie;
  for (int i = 0; i < 3; ++i) {
    const HttpResponse posted = Post(client, path,
                                     Comment(client, site, "Regular", "Note " + std::to_string(i)),
                                     cookie.empty() ? Headers{} : Headers{{"Cookie", cookie}});
    ASSERT_EQ(posted.status, 201) << posted.body;
    if (cookie.empty()) cookie = ReaderCookieFrom(posted);
  }
  const HttpResponse reader_limit = Post(client, path, Comment(client, site, "Regular", "Note 3"),
                                         {{"Cookie", cookie}});
  EXPECT_EQ(reader_limit.status, 429);
  EXPECT_NE(reader_limit.Header("retry-after"), "");
  // A new reader on the same address: the address's fifth post in the window (the one the
  // reader limit refused counted for the address) is the last it gets.
  EXPECT_EQ(Post(client, path, Comment(client, site, "Other", "Five")).status, 201);
  const HttpResponse address_limit = Post(client, path, Comment(client, site, "Third", "Six"));
  EXPECT_EQ(address_limit.status, 429);
  EXPECT_NE(FieldError(address_limit, "form").find("Too many comments"), std::string::npos);
  EXPECT_EQ(site.OpenStore()->ListComments(store::CommentFilter::kAll, 100).size(), 4u);
}

TEST(Comments, TwoHundredConcurrentCommentsAreAllStored) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 9);
  const std::size_t before = StoredComments(site);
  std::atomic<int> next{0};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      HttpClient client(server.port());
      for (int i = next.fetch_add(1); i < 200; i = next.fetch_add(1)) {
        ok += Post(client, path, Comment(client, site, "Reader " + std::to_string(i),
                                         "Comment number " + std::to_string(i)))
                  .status == 201;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(StoredComments(site), before + 200);
  HttpClient client(server.port());
  EXPECT_NE(client.Get(path).body.find("All 200 comments"), std::string::npos);
  const std::string page_four = client.Get(path + "/comments?page=4").body;
  EXPECT_NE(page_four.find("Page 4 of 4"), std::string::npos);
}

TEST(Comments, KillNineAfterFiftyAcknowledgedCommentsLosesNone) {
  TestSite site;
  std::size_t before = 0;
  {
    ServerProcess server(site.StoreArgs(), Relaxed());
    ASSERT_TRUE(server.started());
    before = StoredComments(site);
    HttpClient client(server.port());
    for (int i = 0; i < 50; ++i) {
      ASSERT_EQ(Post(client, ArticlePathOf(site, 10),
                     Comment(client, site, "Durable", "Kept " + std::to_string(i)))
                    .status,
                201);
    }
    server.Kill();
  }
  EXPECT_EQ(StoredComments(site), before + 50);
}

TEST(Comments, EditorsModerateFromTheCommandLine) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse posted =
      Post(client, ArticlePathOf(site, 11), Comment(client, site, "Moderated", "To be handled."));
  const std::string id = std::to_string(boost::json::parse(posted.body).at("id").as_int64());
  EXPECT_NE(site.Cli({"comments", "list"}).out.find("To be handled."), std::string::npos);
  EXPECT_EQ(site.Cli({"comments", "spam", id}).exit_code, 0);
  EXPECT_NE(site.Cli({"comments", "list", "--spam"}).out.find("Moderated"), std::string::npos);
  EXPECT_EQ(site.Cli({"comments", "reject", id}).exit_code, 0);
  EXPECT_EQ(site.Cli({"comments", "delete", id}).exit_code, 0);
  const CliResult gone = site.Cli({"comments", "approve", id});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("no comment with id"), std::string::npos);
  const CliResult bad = site.Cli({"settings", "set", "comments.moderation", "sometimes"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("open, held, known"), std::string::npos) << bad.err;
  EXPECT_EQ(site.Cli({"settings", "get", "captcha.kind"}).out, "image\n");
}

TEST(Comments, WithoutScriptTheAddCommentLinkLeadsToAnUncachedFormWithAnImageCode) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 12);
  HttpClient client(server.port());
  const HttpResponse article = client.Get(path);
  EXPECT_NE(article.body.find("<a class=\"comment-add-link\" href=\"" + path + "/comment\">Add comment</a>"),
            std::string::npos);
  EXPECT_EQ(article.body.find("/captcha/image?token="), std::string::npos);  // cacheable
  const HttpResponse form = client.Get(path + "/comment");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.Header("cache-control"), "no-store");
  const auto at = form.body.find("name=\"captcha_token\" value=\"");
  ASSERT_NE(at, std::string::npos);
  const auto start = at + 28;
  const std::string token = form.body.substr(start, form.body.find('"', start) - start);
  const CliResult solved = site.Cli({"captcha", "solve", token});
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  const HttpResponse posted =
      Post(client, path,
           {{"name", "No Script"}, {"comment", "Posted from the form page."},
            {"captcha_token", token}, {"captcha_answer", solved.out.substr(0, solved.out.find('\n'))}},
           {}, /*json=*/false);
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string location = posted.Header("location");
  EXPECT_TRUE(location.starts_with(path + "?commented=")) << location;
  const HttpResponse shown = client.Get(location.substr(0, location.find('#')));
  EXPECT_EQ(shown.Header("cache-control"), "no-store");
  EXPECT_NE(shown.body.find("your comment is published"), std::string::npos);
  EXPECT_NE(shown.body.find("Posted from the form page."), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::testing
