// The back office over real HTTP, on both stores (issue 10): logins made with the CLI, signing
// in and out on two nodes of one site, expiry, and articles written, scheduled, revised and
// trashed through the forms, seen by readers on every node.
#include <gtest/gtest.h>

#include <thread>

#include "http/harness/desk_client.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "news/calendar.h"
#include "store/store.h"

namespace broadsheet::testing {
namespace {

const std::string kPassword = "quay lantern marmalade orbit";
// Hashing at libsodium's minimum cost keeps the suite fast; the cost is a setting.
const std::vector<std::string> kFastHash = {"--set", "admin.password_cost=minimum"};

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

void AddUser(const TestSite& site, const std::string& email, const std::string& role,
             const std::string& name) {
  const CliResult added = site.CliWithInput(
      With({"user", "add", email, "--role", role, "--name", name}, kFastHash), kPassword + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
}

// A second node of the same site: its own data dir, the same store and key.
std::vector<std::string> SecondNode(const TestSite& site) {
  return {"--data",         site.File("node-b"), "--store",
          site.store_url(), "--key-file",        site.File("site.key")};
}

std::string Id(const HttpResponse& saved) {
  // "/admin/articles/{id}?saved=1"
  const std::string location = saved.Header("location");
  const auto start = std::string("/admin/articles/").size();
  return location.substr(start, location.find('?') - start);
}

TEST(DeskCli, ManagesLoginsAndRefusesWeakPasswords) {
  TestSite site;
  const CliResult weak = site.CliWithInput(
      With({"user", "add", "ed@example.org", "--role", "editor"}, kFastHash), "password1234\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("too easy to guess"), std::string::npos) << weak.err;
  EXPECT_EQ(std::count(weak.err.begin(), weak.err.end(), '\n'), 1) << "one line";
  const CliResult no_role =
      site.CliWithInput({"user", "add", "ed@example.org", "--role", "boss"}, kPassword + "\n");
  EXPECT_EQ(no_role.exit_code, 2);
  AddUser(site, "Ed@Example.org", "editor", "Ed Itor");
  const CliResult twice = site.CliWithInput(
      With({"user", "add", "ed@example.org", "--role", "admin"}, kFastHash), kPassword + "\n");
  EXPECT_EQ(twice.exit_code, 2) << "e-mail addresses are case-insensitive";
  EXPECT_EQ(site.Cli({"user", "role", "ed@example.org", "admin"}).exit_code, 0);
  EXPECT_EQ(site.Cli({"user", "disable", "ed@example.org"}).exit_code, 0);
  const CliResult list = site.Cli({"user", "list"});
  EXPECT_NE(list.out.find("ed@example.org"), std::string::npos);
  EXPECT_NE(list.out.find("admin"), std::string::npos);
  EXPECT_NE(list.out.find("disabled"), std::string::npos);
  EXPECT_NE(list.out.find("Ed Itor (ed-itor)"), std::string::npos) << list.out;
  EXPECT_EQ(site.Cli({"user", "passwd", "nobody@example.org"}).exit_code, 2);
}

TEST(DeskSignIn, TheCookieIsHttpOnlyAndEveryWayOfEndingItWorksOnEveryNode) {
  TestSite site;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  ServerProcess a(site.StoreArgs(), kFastHash);
  ServerProcess b(SecondNode(site), kFastHash);
  ASSERT_TRUE(a.started() && b.started());
  DeskClient on_a(a.port());
  DeskClient on_b(b.port());

  // Wrong password, unknown account, and (below) a disabled one: the same answer.
  const HttpResponse wrong = on_a.SignIn("ed@example.org", "not the password at all");
  const HttpResponse unknown = on_a.SignIn("nobody@example.org", kPassword);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(unknown.status, wrong.status);
  EXPECT_NE(wrong.body.find("do not match an account"), std::string::npos);
  EXPECT_NE(unknown.body.find("do not match an account"), std::string::npos);

  const HttpResponse signed_in = on_a.SignIn("ed@example.org", kPassword);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  const std::string cookie = signed_in.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/admin"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain http here";
  on_b.UseSignIn(on_a.signin());
  EXPECT_EQ(on_b.Get("/admin/articles").status, 200) << "node B honours node A's sign-in";
  const HttpResponse page = on_a.Get("/admin/articles");
  EXPECT_EQ(page.Header("cache-control"), "no-store");
  EXPECT_FALSE(page.Header("content-security-policy").empty());
  EXPECT_NE(page.body.find("Sign out"), std::string::npos);
  EXPECT_NE(page.body.find("Ed Itor"), std::string::npos);

  // Sign out on A: the old cookie is dead on B too.
  EXPECT_EQ(on_a.Post("/admin/logout", {}).status, 303);
  EXPECT_EQ(on_b.Get("/admin/articles").status, 303) << "redirected to the sign-in form";

  // Sign out everywhere from one sign-in ends the other.
  DeskClient first(a.port()), second(b.port());
  ASSERT_EQ(first.SignIn("ed@example.org", kPassword).status, 303);
  ASSERT_EQ(second.SignIn("ed@example.org", kPassword).status, 303);
  first.Get("/admin/account");
  EXPECT_EQ(first.Post("/admin/logout-everywhere", {}).status, 303);
  EXPECT_EQ(second.Get("/admin/articles").status, 303);

  // A password change (the CLI's) and disabling end sign-ins on both nodes.
  ASSERT_EQ(first.SignIn("ed@example.org", kPassword).status, 303);
  const CliResult changed = site.CliWithInput(With({"user", "passwd", "ed@example.org"}, kFastHash),
                                              "lantern quay orbit marmalade\n");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(first.Get("/admin/articles").status, 303);
  DeskClient third(b.port());
  ASSERT_EQ(third.SignIn("ed@example.org", "lantern quay orbit marmalade").status, 303);
  ASSERT_EQ(site.Cli({"user", "disable", "ed@example.org"}).exit_code, 0);
  EXPECT_EQ(third.Get("/admin/articles").status, 303);
  const HttpResponse disabled = third.SignIn("ed@example.org", "lantern quay orbit marmalade");
  EXPECT_EQ(disabled.status, wrong.status);
  EXPECT_NE(disabled.body.find("do not match an account"), std::string::npos);
}

TEST(DeskSignIn, IdleAndAbsoluteExpiryEndASignIn) {
  TestSite site;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  // That each use moves the idle clock is the store contract's to show, without timing.
  ServerProcess idle(site.StoreArgs(), With(kFastHash, {"--set", "admin.idle_s=2"}));
  DeskClient resting(idle.port());
  ASSERT_EQ(resting.SignIn("ed@example.org", kPassword).status, 303);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(resting.Get("/admin/articles").status, 303) << "idle for longer than idle_s";

  ServerProcess capped(site.StoreArgs(), With(kFastHash, {"--set", "admin.max_age_s=3"}));
  DeskClient busy(capped.port());
  ASSERT_EQ(busy.SignIn("ed@example.org", kPassword).status, 303);
  EXPECT_TRUE(PollUntil([&] { return busy.Get("/admin/articles").status == 303; },
                        std::chrono::seconds(60)))
      << "used all the time, it still ends at max_age_s";
}

TEST(DeskArticles, WrittenAndPublishedThroughTheFormsAppearOnEveryNode) {
  TestSite site;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  ServerProcess a(site.StoreArgs(), With(kFastHash, {"--demo"}));
  ServerProcess b(SecondNode(site), kFastHash);
  ASSERT_TRUE(a.started() && b.started());
  DeskClient desk(a.port());
  ASSERT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303);
  desk.Get("/admin/articles/new");
  const HttpResponse saved =
      desk.Post("/admin/articles/save", {{"id", "0"},
                                         {"version", "0"},
                                         {"title", "The Night Ferry Returns"},
                                         {"slug", ""},
                                         {"summary", "Service resumes."},
                                         {"body", "The ferry sails again.\r\n\r\nAt night."},
                                         {"category", "River Life"},
                                         {"tags", "ferry, night"},
                                         {"status", "published"},
                                         {"published_at", ""}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  const std::string id = Id(saved);
  const std::string path = "/river-life/" + id + "-the-night-ferry-returns";
  for (ServerProcess* node : {&a, &b}) {
    HttpClient reader(node->port());
    EXPECT_TRUE(PollUntil([&] { return reader.Get(path).status == 200; }, std::chrono::seconds(20)))
        << "the article's URL on node " << node->port();
    EXPECT_TRUE(PollUntil(
        [&] { return reader.Get("/").body.find("The Night Ferry Returns") != std::string::npos; },
        std::chrono::seconds(20)))
        << "the front page";
    EXPECT_NE(reader.Get("/river-life/").body.find("The Night Ferry Returns"), std::string::npos)
        << "its category";
  }
  const auto stored = site.OpenStore()->FindArticle(std::stoll(id));
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->tags.size(), 2u);
  EXPECT_EQ(stored->body_markdown, "The ferry sails again.\n\nAt night.") << "no CRs kept";

  // Unpublished: gone from every node.
  const HttpResponse editor = desk.Get("/admin/articles/" + id);
  const std::string marker = "name=\"version\" value=\"";
  const auto at = editor.body.find(marker) + marker.size();
  const std::string version = editor.body.substr(at, editor.body.find('"', at) - at);
  ASSERT_EQ(desk.Post("/admin/articles/save", {{"id", id},
                                               {"version", version},
                                               {"title", "The Night Ferry Returns"},
                                               {"slug", "the-night-ferry-returns"},
                                               {"body", "x"},
                                               {"category", "River Life"},
                                               {"status", "draft"}})
                .status,
            303);
  for (ServerProcess* node : {&a, &b}) {
    HttpClient reader(node->port());
    EXPECT_TRUE(
        PollUntil([&] { return reader.Get(path).status == 404; }, std::chrono::seconds(20)));
  }
}

TEST(DeskArticles, AScheduledArticleAppearsAtItsTimeOnceOnBothNodes) {
  TestSite site;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  const std::vector<std::string> fast_poll = {"--set", "store.poll_interval_ms=200"};
  ServerProcess a(site.StoreArgs(), With(With(kFastHash, {"--demo"}), fast_poll));
  ServerProcess b(SecondNode(site), With(kFastHash, fast_poll));
  ASSERT_TRUE(a.started() && b.started());
  DeskClient desk(a.port());
  ASSERT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303);
  desk.Get("/admin/articles/new");
  // A few seconds ahead, in the site's zone (UTC here); to the second, so both nodes notice
  // at about the same time.
  const std::int64_t when = news::UnixNow() + 4;
  const HttpResponse saved =
      desk.Post("/admin/articles/save",
                {{"id", "0"},
                 {"version", "0"},
                 {"title", "Tide Tables Arrive"},
                 {"body", "High water."},
                 {"category", "River Life"},
                 {"status", "scheduled"},
                 {"published_at", news::LocalDateTimeInput(when) + ":" +
                                      (when % 60 < 10 ? "0" : "") + std::to_string(when % 60)}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  const std::string id = Id(saved);
  const std::string path = "/river-life/" + id + "-tide-tables-arrive";
  HttpClient reader_a(a.port()), reader_b(b.port());
  EXPECT_EQ(reader_a.Get(path).status, 404) << "not before its time";
  for (HttpClient* reader : {&reader_a, &reader_b}) {
    EXPECT_TRUE(PollUntil(
        [&] {
          return reader->Get("/").body.find("Tide Tables Arrive") != std::string::npos &&
                 reader->Get(path).status == 200;
        },
        std::chrono::seconds(30)));
  }
  const auto store = site.OpenStore();
  const auto article = store->FindArticle(std::stoll(id));
  EXPECT_EQ(article->published_at, when) << "published at the scheduled time";
  const auto revisions = store->ListRevisions(std::stoll(id));
  EXPECT_EQ(std::count_if(revisions.begin(), revisions.end(),
                          [](const store::RevisionRow& r) { return r.note == "published"; }),
            1);
}

TEST(DeskArticles, ConflictsKeepTheTextRevisionsRestoreAndTheTrashGivesBack) {
  TestSite site;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  ServerProcess server(site.StoreArgs(), With(kFastHash, {"--demo"}));
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303);
  desk.Get("/admin/articles/new");
  const Fields first = {{"id", "0"},
                        {"version", "0"},
                        {"title", "Bridge Repairs"},
                        {"body", "The first words."},
                        {"category", "Town Hall"},
                        {"status", "published"}};
  const HttpResponse created = desk.Post("/admin/articles/save", first);
  ASSERT_EQ(created.status, 303);
  const std::string id = Id(created);
  Fields second = {{"id", id},
                   {"version", "1"},
                   {"title", "Bridge Repairs"},
                   {"slug", "bridge-repairs"},
                   {"body", "The second words."},
                   {"category", "Town Hall"},
                   {"status", "published"}};
  ASSERT_EQ(desk.Post("/admin/articles/save", second).status, 303);
  // Another tab, still on version 1.
  Fields stale = second;
  stale[4].second = "Words from a stale tab.";
  const HttpResponse conflict = desk.Post("/admin/articles/save", stale);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("Words from a stale tab."), std::string::npos) << "kept";
  const auto store = site.OpenStore();
  EXPECT_EQ(store->FindArticle(std::stoll(id))->body_markdown, "The second words.");

  // Restore the first revision: its words come back, as a new revision.
  const auto revisions = store->ListRevisions(std::stoll(id));
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(desk.Get("/admin/articles/" + id + "/revisions").status, 200);
  const HttpResponse diff =
      desk.Get("/admin/articles/" + id + "/diff?a=" + std::to_string(revisions[1].id) +
               "&b=" + std::to_string(revisions[0].id));
  EXPECT_NE(diff.body.find("<del>first </del><ins>second </ins>"), std::string::npos)
      << diff.body.substr(0, 4000);
  EXPECT_EQ(desk.Post("/admin/revisions/restore",
                      {{"id", id}, {"revision", std::to_string(revisions[1].id)}})
                .status,
            303);
  EXPECT_EQ(store->FindArticle(std::stoll(id))->body_markdown, "The first words.");
  EXPECT_EQ(store->ListRevisions(std::stoll(id)).size(), 3u);

  // Trash, then restore: published again.
  HttpClient reader(server.port());
  const std::string path = "/town-hall/" + id + "-bridge-repairs";
  ASSERT_EQ(reader.Get(path).status, 200);
  EXPECT_NE(desk.Get("/admin/articles/" + id + "/delete").body.find("Move to the trash"),
            std::string::npos);
  EXPECT_EQ(desk.Post("/admin/articles/trash", {{"id", id}}).status, 303);
  EXPECT_TRUE(PollUntil([&] { return reader.Get(path).status == 404; }, std::chrono::seconds(20)));
  EXPECT_NE(desk.Get("/admin/trash").body.find("Bridge Repairs"), std::string::npos);
  EXPECT_EQ(desk.Post("/admin/articles/restore", {{"id", id}}).status, 303);
  EXPECT_TRUE(PollUntil([&] { return reader.Get(path).status == 200; }, std::chrono::seconds(20)));
}

TEST(DeskDemo, TheFirstDemoRunMakesAnAdminAndPrintsItsPasswordOnce) {
  TestSite site;
  std::string password;
  {
    ServerProcess server(site.StoreArgs(), With(kFastHash, {"--demo"}));
    ASSERT_TRUE(server.started());
    const std::string log = server.Log();
    const std::string marker = "demo: password ";
    const auto at = log.find(marker);
    ASSERT_NE(at, std::string::npos) << log;
    password =
        log.substr(at + marker.size(), log.find(' ', at + marker.size()) - at - marker.size());
    DeskClient desk(server.port());
    EXPECT_EQ(desk.SignIn("admin@example.org", password).status, 303);
    EXPECT_EQ(desk.Get("/admin/users").status, 200);
  }
  ServerProcess again(site.StoreArgs(), With(kFastHash, {"--demo"}));
  ASSERT_TRUE(again.started());
  EXPECT_EQ(again.Log().find("demo: password"), std::string::npos) << "only the first time";
}

TEST(DeskReservedNames, NoCategoryTakesAnAddressTheSiteAnswersItself) {
  TestSite site;
  WriteTextFile(site.File("admin.md"),
                "---\ntitle: Lost Page\ncategory: Admin\nauthor: Ada\n---\nText.");
  const CliResult added = site.Cli({"article", "add", site.File("admin.md")});
  EXPECT_EQ(added.exit_code, 2);
  EXPECT_NE(added.err.find("/admin/ is one of the site's own addresses"), std::string::npos)
      << added.err;
  AddUser(site, "ed@example.org", "editor", "Ed Itor");
  ServerProcess server(site.StoreArgs(), kFastHash);
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303);
  desk.Get("/admin/articles/new");
  const HttpResponse refused = desk.Post(
      "/admin/articles/save", {{"id", "0"}, {"title", "Lost"}, {"body", "x"},
                               {"category", "Static"}, {"status", "draft"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("/static/ is one of the site&apos;s own addresses"),
            std::string::npos);
  EXPECT_TRUE(site.OpenStore()->ListAllArticles().empty()) << "nothing saved";
}

TEST(DeskTransfer, TagsProfilesAndLoginsMoveWithTheSite) {
  TestSite from;
  AddUser(from, "ed@example.org", "editor", "Ed Itor");
  WriteTextFile(from.File("a.md"),
                "---\ntitle: Tagged\ncategory: River Life\nauthor: Ed Itor\n"
                "tags: ferry, night\nstatus: published\n---\nText.");
  ASSERT_EQ(from.Cli({"article", "add", from.File("a.md")}).exit_code, 0);
  {
    ServerProcess server(from.StoreArgs(), kFastHash);
    DeskClient desk(server.port());
    ASSERT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303);
    desk.Get("/admin/account");
    ASSERT_EQ(desk.Post("/admin/account/profile", {{"name", "Ed Itor"}, {"bio", "Ferries."}})
                  .status,
              303);
  }
  // A published article in the trash keeps what a restore gives back.
  WriteTextFile(from.File("b.md"),
                "---\ntitle: Binned\ncategory: River Life\nauthor: Ed Itor\n"
                "status: published\n---\nText.");
  const CliResult binned = from.Cli({"article", "add", from.File("b.md")});
  ASSERT_EQ(binned.exit_code, 0) << binned.err;
  const std::int64_t binned_id = std::stoll(binned.out);
  ASSERT_TRUE(from.OpenStore()->TrashArticle(binned_id, news::UnixNow(), 0));
  const CliResult exported = from.Cli({"export", from.File("site.json")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;

  TestSite to;
  const CliResult imported = to.Cli({"import", from.File("site.json")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto store = to.OpenStore();
  EXPECT_EQ(store->FindArticle(binned_id)->trashed_from, news::ArticleStatus::kPublished);
  const auto article = store->ListAllArticles().front();
  const auto full = store->FindArticle(article.id);
  ASSERT_EQ(full->tags.size(), 2u);
  EXPECT_EQ(full->tags[0].name, "ferry");
  const auto profile = store->FindAuthorBySlug("ed-itor");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->bio, "Ferries.");
  ServerProcess server(to.StoreArgs(), kFastHash);
  DeskClient desk(server.port());
  EXPECT_EQ(desk.SignIn("ed@example.org", kPassword).status, 303) << "the login came along";
}

}  // namespace
}  // namespace broadsheet::testing
