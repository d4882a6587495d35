// The back office's redirects page over real HTTP, on both stores: it lists what `broadsheet
// redirect add` made; a redirect added on the page answers 301 on the public site at once (on
// another node once it sees the store move) and a deleted one 404; every refusal (no token,
// another sign-in's token, a cross-site form, bad input, a user who is not an admin) changes
// nothing; every change is in the audit log.
#include <gtest/gtest.h>

#include "http/harness/desk_client.h"
#include "http/harness/http_client.h"
#include "http/harness/import_fixture.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "store/store.h"

namespace broadsheet::testing {
namespace {

const std::string kPassword = "quay lantern marmalade orbit";
// Hashing at libsodium's minimum cost keeps the suite fast; the cost is a setting.
const std::vector<std::string> kFastHash = {"--set", "admin.password_cost=minimum"};

void AddUser(const TestSite& site, const std::string& email, const std::string& role) {
  const CliResult added = site.CliWithInput({"user", "add", email, "--role", role, "--name",
                                             "Writer " + email, kFastHash[0], kFastHash[1]},
                                            kPassword + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
}

// "old -> target" for every stored redirect, in the store's order.
std::string Stored(const TestSite& site) {
  std::string all;
  for (const store::RedirectRow& redirect : site.OpenStore()->ListRedirects()) {
    all += redirect.old_path + " -> " + redirect.target + "\n";
  }
  return all;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RedirectPages, ListsTheRedirectsTheCliMade) {
  TestSite site;
  AddUser(site, "chief@example.org", "admin");
  ASSERT_EQ(site.Cli({"redirect", "add", "/old-contact/", "/search"}).exit_code, 0);
  ASSERT_EQ(site.Cli({"redirect", "add", "https://gazette.example.test/shop?item=3",
                      "https://shop.example.test/?a=1&b=2"})
                .exit_code,
            0);
  ServerProcess server(site.StoreArgs(), kFastHash);
  ASSERT_TRUE(server.started());
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  const HttpResponse page = desk.Get("/admin/redirects");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("cache-control"), "no-store");
  EXPECT_TRUE(Contains(page.body, "<a href=\"/admin/redirects\">Redirects</a>")) << "in the nav";
  EXPECT_TRUE(Contains(page.body, "2 redirects."));
  EXPECT_TRUE(Contains(page.body, "<code>/old-contact/</code>"));
  EXPECT_TRUE(Contains(page.body, "<code>/search</code>"));
  EXPECT_TRUE(Contains(page.body, "<code>/shop?item=3</code>")) << "stored by path and query";
  EXPECT_TRUE(Contains(page.body, "<code>https://shop.example.test/?a=1&amp;b=2</code>"));
  EXPECT_TRUE(Contains(page.body, "<th scope=\"col\">Added</th>"));
  EXPECT_TRUE(Contains(page.body, "name=\"old\" value=\"/old-contact/\"")) << "a delete button";
  EXPECT_TRUE(Contains(page.body,
                       "Delete<span class=\"visually-hidden\"> the redirect from "
                       "/old-contact/</span>"));
}

TEST(RedirectPages, ARedirectAddedOnThePageAnswers301AndADeletedOne404) {
  TestSite site;
  AddUser(site, "chief@example.org", "admin");
  ServerProcess server(site.StoreArgs(), kFastHash);
  // Another node of the same site: its own data dir, the same store and key.
  ServerProcess other({"--data", site.File("node-b"), "--store", site.store_url(), "--key-file",
                       site.File("site.key")},
                      {"--set", "store.poll_interval_ms=200"});
  ASSERT_TRUE(server.started() && other.started());
  HttpClient reader(server.port());
  HttpClient other_reader(other.port());
  EXPECT_EQ(reader.Get("/old-budget/").status, 404);
  EXPECT_EQ(other_reader.Get("/old-budget/").status, 404);
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  ASSERT_EQ(desk.Get("/admin/redirects").status, 200);

  // A path, and an old site's full URL with a query (spaces around it, as pasted).
  const HttpResponse added =
      desk.Post("/admin/redirects", {{"old", "/old-budget/"}, {"target", "/search?q=budget"}});
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 2000);
  EXPECT_EQ(LocationPath(added), "/admin/redirects?added=1");
  const HttpResponse full =
      desk.Post("/admin/redirects", {{"old", "  https://old.example.test/shop?item=3 "},
                                     {"target", "https://shop.example.test/"}});
  ASSERT_EQ(full.status, 303) << full.body.substr(0, 2000);
  EXPECT_EQ(Stored(site),
            "/old-budget/ -> /search?q=budget\n/shop?item=3 -> https://shop.example.test/\n");
  EXPECT_TRUE(Contains(desk.Get("/admin/redirects?added=1").body, "Redirect saved."));

  // The public site answers at once on this node: the page dropped its cache.
  const HttpResponse moved = reader.Get("/old-budget/");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(LocationPath(moved), "/search?q=budget");
  EXPECT_EQ(reader.Get("/shop?item=3").Header("location"), "https://shop.example.test/");
  // The other node when it sees the store's version move.
  EXPECT_TRUE(PollUntil([&] { return other_reader.Get("/old-budget/").status == 301; },
                        std::chrono::seconds(20)));

  // Replacing one keeps one row and says what it led to before.
  ASSERT_EQ(desk.Post("/admin/redirects", {{"old", "/old-budget/"}, {"target", "/search"}}).status,
            303);
  EXPECT_EQ(LocationPath(reader.Get("/old-budget/")), "/search");

  ASSERT_EQ(desk.Get("/admin/redirects").status, 200);
  const HttpResponse deleted = desk.Post("/admin/redirects/delete", {{"old", "/old-budget/"}});
  ASSERT_EQ(deleted.status, 303) << deleted.body.substr(0, 2000);
  EXPECT_EQ(LocationPath(deleted), "/admin/redirects?deleted=1");
  EXPECT_EQ(reader.Get("/old-budget/").status, 404);
  EXPECT_EQ(Stored(site), "/shop?item=3 -> https://shop.example.test/\n");
  EXPECT_TRUE(PollUntil([&] { return other_reader.Get("/old-budget/").status == 404; },
                        std::chrono::seconds(20)));

  // Deleting it again: a readable 404, and nothing else goes.
  const HttpResponse again = desk.Post("/admin/redirects/delete", {{"old", "/old-budget/"}});
  EXPECT_EQ(again.status, 404);
  EXPECT_TRUE(Contains(again.body, "There is no redirect from /old-budget/")) << again.body;
  EXPECT_EQ(Stored(site), "/shop?item=3 -> https://shop.example.test/\n");

  // Every change is in the audit log, with who made it.
  auto store = site.OpenStore();
  const auto adds = store->ListAudit({.action = "redirect.add"});
  ASSERT_EQ(adds.total, 3);
  for (const auto& entry : adds.rows) EXPECT_EQ(entry.user_email, "chief@example.org");
  const auto replaced = store->ListAudit({.object_contains = "redirect /old-budget/"});
  ASSERT_EQ(replaced.total, 3) << "added, replaced, deleted";
  EXPECT_EQ(replaced.rows[0].action, "redirect.delete") << "newest first";
  EXPECT_EQ(replaced.rows[0].detail, "/search");
  EXPECT_EQ(replaced.rows[1].detail, "/search?q=budget → /search");
  EXPECT_EQ(replaced.rows[2].detail, "/search?q=budget");

  // The delete button sends the address as stored (decoded), and that is what is deleted: an
  // old "/100%25-sure/" is kept as "/100%-sure/", which is no valid request path itself.
  ASSERT_EQ(desk.Post("/admin/redirects", {{"old", "/100%25-sure/"}, {"target", "/search"}}).status,
            303);
  EXPECT_EQ(LocationPath(reader.Get("/100%25-sure/")), "/search");
  EXPECT_TRUE(Contains(desk.Get("/admin/redirects").body, "name=\"old\" value=\"/100%-sure/\""));
  EXPECT_EQ(desk.Post("/admin/redirects/delete", {{"old", "/100%-sure/"}}).status, 303);
  EXPECT_EQ(reader.Get("/100%25-sure/").status, 404);
}

TEST(RedirectPages, AFormWithoutTheRightTokenOrFromAnotherSiteChangesNothing) {
  TestSite site;
  AddUser(site, "chief@example.org", "admin");
  AddUser(site, "other@example.org", "admin");
  ASSERT_EQ(site.Cli({"redirect", "add", "/kept/", "/search"}).exit_code, 0);
  ServerProcess server(site.StoreArgs(), kFastHash);
  ASSERT_TRUE(server.started());
  DeskClient desk(server.port());
  DeskClient other(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  ASSERT_EQ(other.SignIn("other@example.org", kPassword).status, 303);
  ASSERT_EQ(desk.Get("/admin/redirects").status, 200);
  ASSERT_EQ(other.Get("/admin/redirects").status, 200);
  const std::string before = Stored(site);
  HttpClient client(server.port());
  const std::string cookie = "bs_signin=" + desk.signin();
  const std::string form = "application/x-www-form-urlencoded";
  struct Attempt {
    const char* what;
    Headers headers;
    std::string token;  // none when empty
  };
  const std::vector<Attempt> attempts = {
      {"no token", {{"Cookie", cookie}, {"Content-Type", form}}, ""},
      {"a wrong token", {{"Cookie", cookie}, {"Content-Type", form}}, "0000"},
      {"another sign-in's token", {{"Cookie", cookie}, {"Content-Type", form}}, other.csrf()},
      {"cross-site with the right token",
       {{"Cookie", cookie}, {"Content-Type", form}, {"Origin", "https://evil.example"}},
       desk.csrf()},
      {"nobody signed in", {{"Content-Type", form}}, desk.csrf()},
  };
  const std::vector<std::pair<std::string, Fields>> posts = {
      {"/admin/redirects", {{"old", "/forged/"}, {"target", "https://evil.example/"}}},
      {"/admin/redirects/delete", {{"old", "/kept/"}}}};
  for (const auto& [target, fields] : posts) {
    for (const Attempt& attempt : attempts) {
      SCOPED_TRACE(target + ": " + attempt.what);
      Fields sent = fields;
      if (!attempt.token.empty()) sent.emplace_back("csrf", attempt.token);
      const HttpResponse answer = client.Request("POST", target, attempt.headers, EncodeForm(sent));
      EXPECT_EQ(answer.status, 403) << answer.body.substr(0, 1000);
      EXPECT_EQ(answer.Header("cache-control"), "no-store");
      EXPECT_EQ(Stored(site), before);
    }
  }
  EXPECT_EQ(client.Get("/forged/").status, 404);
  EXPECT_EQ(site.OpenStore()->ListAudit({.action = "redirect."}).total, 0);
  // The right token from the same site still works.
  EXPECT_EQ(desk.Post("/admin/redirects/delete", {{"old", "/kept/"}}).status, 303);
}

TEST(RedirectPages, BadInputIsShownAgainWithAMessageAnd422AndNothingIsStored) {
  TestSite site;
  AddUser(site, "chief@example.org", "admin");
  ServerProcess server(site.StoreArgs(), kFastHash);
  ASSERT_TRUE(server.started());
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  ASSERT_EQ(desk.Get("/admin/redirects").status, 200);
  struct Case {
    const char* what;
    std::string old;
    std::string target;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"not a path", "<b>old page</b>", "/search", "is not a path (&quot;/old/page/&quot;)"},
      {"a script target", "/old/", "javascript:alert(1)", "is not a path on this site"},
      {"another host without a scheme", "/old/", "//evil.example/", "is not a path on this site"},
      {"to itself", "/loop/", "/loop/", "cannot lead to its own old address"},
      {"to itself by its full URL", "https://old.example.test/loop/", "/loop/",
       "cannot lead to its own old address"},
      {"no target", "/old/", "", "Give the new address"},
      {"an old address too long", "/" + std::string(2000, 'a'), "/search",
       "longer than 2000 characters"},
      {"a target too long", "/old/", "/" + std::string(2000, 'b'), "longer than 2000 characters"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const HttpResponse answer =
        desk.Post("/admin/redirects", {{"old", c.old}, {"target", c.target}});
    EXPECT_EQ(answer.status, 422);
    EXPECT_TRUE(Contains(answer.body, "The redirect was not added")) << answer.body;
    EXPECT_TRUE(Contains(answer.body, c.message)) << answer.body.substr(0, 4000);
    EXPECT_TRUE(Contains(answer.body, "aria-invalid=\"true\""));
    EXPECT_FALSE(Contains(answer.body, "<b>old page")) << "what was typed is escaped";
    EXPECT_EQ(Stored(site), "");
  }
  // What was typed is offered again, so it can be corrected.
  const HttpResponse typed =
      desk.Post("/admin/redirects", {{"old", "/kept-typing/"}, {"target", "javascript:alert(1)"}});
  EXPECT_TRUE(Contains(typed.body, "value=\"/kept-typing/\""));
  EXPECT_EQ(site.OpenStore()->ListAudit({.action = "redirect."}).total, 0);
}

TEST(RedirectPages, OnlyAdminsMayUseThePage) {
  TestSite site;
  ASSERT_EQ(site.Cli({"redirect", "add", "/kept/", "/search"}).exit_code, 0);
  for (const std::string role : {"contributor", "author", "editor"}) {
    AddUser(site, role + "@example.org", role);
  }
  ServerProcess server(site.StoreArgs(), kFastHash);
  ASSERT_TRUE(server.started());
  for (const std::string role : {"contributor", "author", "editor"}) {
    SCOPED_TRACE(role);
    DeskClient desk(server.port());
    ASSERT_EQ(desk.SignIn(role + "@example.org", kPassword).status, 303);
    const HttpResponse articles = desk.Get("/admin/articles");  // a page of theirs: a token
    ASSERT_EQ(articles.status, 200);
    EXPECT_FALSE(Contains(articles.body, "href=\"/admin/redirects\"")) << "not in their nav";
    EXPECT_EQ(desk.Get("/admin/redirects").status, 403);
    EXPECT_EQ(desk.Post("/admin/redirects", {{"old", "/theirs/"}, {"target", "/search"}}).status,
              403);
    EXPECT_EQ(desk.Post("/admin/redirects/delete", {{"old", "/kept/"}}).status, 403);
    EXPECT_EQ(Stored(site), "/kept/ -> /search\n");
  }
  EXPECT_EQ(site.OpenStore()->ListAudit({.action = "redirect."}).total, 0);
}

}  // namespace
}  // namespace broadsheet::testing
