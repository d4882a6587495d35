// Issue 14: `broadsheet import wordpress` with a WXR that WordPress 6.1 itself exported
// (tests/fixtures/import/, docs/IMPORT.md says how it was made), on both stores: the counts
// WordPress reported for it, articles rendered with no WordPress markup left, every old
// address answering 301 to its new page, a re-run and a dry run writing nothing, a run killed
// midway finished by running it again, malformed files refused with their position, and the
// old addresses still redirecting after an export and an import into the other store.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "http/harness/http_client.h"
#include "http/harness/import_fixture.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "http/harness/tool_output.h"
#include "news/slug.h"
#include "store/site_export.h"

namespace broadsheet::testing {
namespace {

namespace json = boost::json;

json::object Expected() {
  std::ifstream file(ImportFixture("wordpress-6.1.expected.json"));
  const std::string text((std::istreambuf_iterator<char>(file)), {});
  return json::parse(text).as_object();
}

std::int64_t Count(const json::object& object, const char* key) {
  const json::value* value = object.if_contains(key);
  return value ? value->to_number<std::int64_t>() : 0;
}

// Published in WordPress and readable by anyone: a post behind a password is imported as a
// draft (Broadsheet has no reader passwords).
bool PublicPost(const json::object& post) {
  return post.at("status").as_string() == "publish" && !post.at("password_protected").as_bool();
}

std::int64_t ProtectedPosts(const json::object& expected) {
  std::int64_t protected_posts = 0;
  for (const json::value& value : expected.at("posts").as_array()) {
    protected_posts += value.as_object().at("password_protected").as_bool() ? 1 : 0;
  }
  return protected_posts;
}

CliResult ImportTheExport(const TestSite& site, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"import", "wordpress", ImportFixture("wordpress-6.1.xml")};
  args.insert(args.end(), extra.begin(), extra.end());
  return site.Cli(args);
}

// What a store holds that an import writes, without the ids a database hands out.
struct Holdings {
  std::map<std::string, int> articles_by_status;
  std::map<std::string, int> comments_by_status;
  std::size_t tags = 0, authors = 0, categories = 0, old_links = 0, replies = 0;
  std::vector<std::string> articles;  // slug, status, published_at, tags, body

  friend bool operator==(const Holdings&, const Holdings&) = default;
};

Holdings Held(const TestSite& site) {
  const store::SiteExport exported = site.OpenStore()->ExportSite();
  Holdings held;
  for (const store::ArticleRow& article : exported.articles) {
    ++held.articles_by_status[std::string(news::ToString(article.status))];
    std::string row = article.slug + " " + std::string(news::ToString(article.status)) + " " +
                      std::to_string(article.published_at) + " " + article.author.name + " |";
    for (const store::Tag& tag : article.tags) row += " " + tag.slug;
    held.articles.push_back(row + " | " + article.body_markdown);
  }
  for (const store::CommentRow& comment : exported.comments) {
    ++held.comments_by_status[std::string(news::ToString(comment.status))];
    if (comment.parent_id != 0) ++held.replies;
  }
  held.tags = site.OpenStore()->ListTags().size();
  held.authors = exported.authors.size();
  held.categories = exported.categories.size();
  held.old_links = exported.old_links.size();
  return held;
}

TEST(ImportWordPress, issue_0014_TheExportOfWordPress61ImportsWithWordPressCounts) {
  TestSite site;
  const CliResult imported = ImportTheExport(site);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const json::object expected = Expected();
  const json::object& counts = expected.at("counts").as_object();
  const json::object& posts = counts.at("posts_by_status").as_object();
  Holdings held = Held(site);
  // publish -> published, future -> scheduled, draft / pending / private (and published
  // behind a password) -> draft.
  const std::int64_t protected_posts = ProtectedPosts(expected);
  ASSERT_EQ(protected_posts, 1) << "the fixture has one post behind a password";
  EXPECT_EQ(held.articles_by_status["published"], Count(posts, "publish") - protected_posts);
  EXPECT_EQ(held.articles_by_status["scheduled"], Count(posts, "future"));
  EXPECT_EQ(held.articles_by_status["draft"], Count(posts, "draft") + Count(posts, "pending") +
                                                  Count(posts, "private") + protected_posts);
  EXPECT_NE(imported.out.find("protected by a password, imported as a draft"), std::string::npos);
  EXPECT_EQ(held.articles.size(), static_cast<std::size_t>(Count(counts, "posts")))
      << "pages are skipped without --pages";
  // WordPress 6.1 exports no spam comments (its exporter leaves them out) and keeps the
  // trashed one, which the import skips with pingbacks and trackbacks.
  const json::object& approved = counts.at("comments_by_comment_approved").as_object();
  EXPECT_EQ(held.comments_by_status["approved"],
            Count(approved, "1") - Count(counts, "pingbacks_and_trackbacks"));
  EXPECT_EQ(held.comments_by_status["pending"], Count(approved, "0"));
  EXPECT_EQ(held.replies, static_cast<std::size_t>(Count(counts, "threaded_replies")));
  EXPECT_EQ(held.authors, static_cast<std::size_t>(Count(counts, "authors_in_export")));
  // A term's name as WordPress shows it, not as its export escapes it.
  bool decoded = false;
  for (const store::CategoryCount& count : site.OpenStore()->ListCategoryCounts()) {
    EXPECT_EQ(count.category.name.find("&amp;"), std::string::npos);
    decoded = decoded || count.category.name == "Search & Rescue";
  }
  EXPECT_TRUE(decoded) << "\"Search &amp; Rescue\" in the export";
  EXPECT_NE(imported.out.find("2 pingbacks and trackbacks"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("[gallery"), std::string::npos) << "shortcodes are reported";
  EXPECT_NE(imported.out.find("featured image not imported"), std::string::npos);

  // Every published article renders, with none of WordPress's markup left.
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  int rendered = 0;
  for (const json::value& value : expected.at("posts").as_array()) {
    const json::object& post = value.as_object();
    if (!PublicPost(post)) continue;
    const HttpResponse moved = client.Get(std::string(post.at("permalink_path").as_string()));
    ASSERT_EQ(moved.status, 301) << post.at("permalink_path").as_string();
    const HttpResponse page = client.Get(LocationPath(moved));
    ASSERT_EQ(page.status, 200) << LocationPath(moved);
    const std::string title(post.at("title").as_string());
    for (const char* markup : {"wp:", "<!--", "[gallery", "[caption", "[embed", "[contact-form",
                               "&lt;p&gt;", "&lt;strong"}) {
      EXPECT_EQ(page.body.find(markup), std::string::npos) << title << " shows " << markup;
    }
    ++rendered;
  }
  EXPECT_EQ(rendered, Count(posts, "publish") - protected_posts);
}

TEST(ImportWordPress, issue_0014_EveryOldAddressAnswers301ToItsNewPage) {
  TestSite site;
  ASSERT_EQ(ImportTheExport(site).exit_code, 0);
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const json::object expected = Expected();
  // One published post in every form WordPress answers it at.
  for (const json::value& value : expected.at("posts").as_array()) {
    const json::object& post = value.as_object();
    if (!PublicPost(post)) continue;
    const std::string permalink(post.at("permalink_path").as_string());  // /YYYY/MM/DD/slug/
    const std::string new_path = LocationPath(client.Get(permalink));
    ASSERT_FALSE(new_path.empty()) << permalink;
    const std::string slug = permalink.substr(12);  // "slug/"
    const std::string id = std::to_string(post.at("post_id").to_number<std::int64_t>());
    for (const std::string& old :
         {"/?p=" + id, permalink, permalink.substr(0, 9) + slug, "/" + slug}) {
      const HttpResponse response = client.Get(old);
      EXPECT_EQ(response.status, 301) << old;
      EXPECT_EQ(LocationPath(response), new_path) << old;
    }
    const HttpResponse page = client.Get(new_path);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(client.Get(new_path).status, 200) << "the new address is ours, not a redirect";
  }
  // Categories (nested ones to their top level), tags (ours when we have the tag: 200) and
  // authors.
  for (const char* list : {"categories", "tags"}) {
    for (const json::value& value : expected.at(list).as_array()) {
      const json::object& term = value.as_object();
      if (term.at("post_count").to_number<std::int64_t>() == 0) continue;
      const std::string old(term.at("path").as_string());
      const HttpResponse response = client.Get(old);
      if (news::Slugify(std::string(term.at("name").as_string())).empty()) {
        // A name in letters Broadsheet's addresses do not fold (Cyrillic here): no such tag.
        EXPECT_EQ(response.status, 404) << old;
        continue;
      }
      const std::string target = response.status == 301 ? LocationPath(response) : old;
      EXPECT_TRUE(response.status == 301 || (response.status == 200 && old.starts_with("/tag/")))
          << old << " answered " << response.status;
      EXPECT_EQ(client.Get(target).status, 200) << old << " -> " << target;
    }
  }
  const HttpResponse author = client.Get("/author/zoe/");
  EXPECT_EQ(author.status, 301);
  EXPECT_EQ(client.Get(LocationPath(author)).status, 200);
  // Unknown old ids are 404, never an error or the front page.
  EXPECT_EQ(client.Get("/?p=999999").status, 404);
  EXPECT_EQ(client.Get("/2023/10/29/no-such-story/").status, 404);
  EXPECT_EQ(client.Get("/category/no-such-section/").status, 404);
  EXPECT_EQ(client.Get("/?utm_source=mail").status, 200) << "other queries are the front page's";
  // A draft's old address leads nowhere yet, nor does a post behind a password.
  for (const json::value& value : expected.at("posts").as_array()) {
    const json::object& post = value.as_object();
    if (PublicPost(post) || post.at("status").as_string() == "future") continue;
    const std::string id = std::to_string(post.at("post_id").to_number<std::int64_t>());
    EXPECT_EQ(client.Get("/?p=" + id).status, 404);
  }
}

TEST(ImportWordPress, issue_0014_ASecondRunAndADryRunChangeNothing) {
  TestSite dry;
  const CliResult dry_run = ImportTheExport(dry, {"--dry-run"});
  ASSERT_EQ(dry_run.exit_code, 0) << dry_run.err;
  EXPECT_TRUE(dry_run.out.starts_with("dry run")) << dry_run.out;
  EXPECT_TRUE(dry.OpenStore()->IsEmpty());
  EXPECT_TRUE(dry.OpenStore()->ListOldLinks().empty());

  TestSite site;
  const CliResult first = ImportTheExport(site);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // The dry run's report is the real run's, under its heading.
  EXPECT_EQ(dry_run.out.substr(dry_run.out.find('\n') + 1), first.out);
  const Holdings once = Held(site);
  const CliResult second = ImportTheExport(site);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("articles: 0 new, 13 imported before"), std::string::npos)
      << second.out;
  EXPECT_EQ(Held(site), once);
}

// Killed after its first transactions (one row each, a pause between them so the kill lands
// midway on any machine), then run again: the same store as one clean run.
TEST(ImportWordPress, issue_0014_ARunKilledMidwayEndsLikeACleanRunWhenRunAgain) {
  TestSite clean;
  ASSERT_EQ(ImportTheExport(clean).exit_code, 0);
  TestSite site;
  ASSERT_TRUE(KillImportMidway(site, {"wordpress", ImportFixture("wordpress-6.1.xml")},
                               [&] { return site.OpenStore()->ListOldLinks().size() >= 3; }));
  const Holdings cut = Held(site);
  EXPECT_LT(cut.articles.size(), 13u) << "the kill landed before the end";
  EXPECT_GT(cut.articles.size(), 0u);
  const CliResult again = ImportTheExport(site);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Held(site), Held(clean));
}

// A site in another zone (+05:30) with a slug in Devanagari: the article is published at the
// post's UTC time, its slug comes from the title's Latin words, and the old address (the
// percent-encoded slug) still leads to it.
TEST(ImportWordPress, issue_0014_APostInAnotherZoneWithANonLatinSlug) {
  TestSite site;
  const CliResult imported =
      site.Cli({"import", "wordpress", ImportFixture("edge/wxr-non-utc.xml")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto articles = site.OpenStore()->ExportSite().articles;
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].published_at, 1721017800) << "2024-07-15 04:30:00 UTC, not 10:00";
  EXPECT_EQ(articles[0].slug, "monsoon-schedule");
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse moved = client.Get(
      "/2024/07/15/%e0%a4%ae%e0%a5%81%e0%a4%82%e0%a4%ac%e0%a4%88-%e0%a4%ac%e0%a4%82%e0%a4%a6"
      "%e0%a4%b0%e0%a4%97%e0%a4%be%e0%a4%b9/");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(client.Get(LocationPath(moved)).status, 200);
}

// With --media, the featured picture comes from the local copy of wp-content/uploads and is
// stored as an upload is (re-encoded variants under /media/); a second run stores it no
// second time. Without it, the report lists its address (above).
TEST(ImportWordPress, issue_0014_WithMediaTheFeaturedPictureIsStoredLikeAnUpload) {
  TestSite site;
  const CliResult imported = ImportTheExport(site, {"--media", ImportFixture("wordpress-uploads")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("featured pictures stored: 1"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("featured image not imported"), std::string::npos);
  ASSERT_EQ(site.OpenStore()->ListMedia(0, 10).rows.size(), 1u);
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse page =
      client.Get(LocationPath(client.Get("/2024/03/31/harbour-crane-replaced/")));
  ASSERT_EQ(page.status, 200);
  // The attachment's own alt text, and a variant this site serves.
  EXPECT_NE(page.body.find("alt=\"A red boat on dark water under a pale sky\""), std::string::npos);
  const auto src = page.body.find("src=\"/media/");
  ASSERT_NE(src, std::string::npos);
  const std::string picture = page.body.substr(src + 5, page.body.find('"', src + 5) - src - 5);
  const HttpResponse variant = client.Get(picture);
  EXPECT_EQ(variant.status, 200) << picture;
  EXPECT_EQ(variant.Header("content-type"), "image/jpeg");
  ASSERT_EQ(ImportTheExport(site, {"--media", ImportFixture("wordpress-uploads")}).exit_code, 0);
  EXPECT_EQ(site.OpenStore()->ListMedia(0, 10).rows.size(), 1u);
}

// "...FILE.xml:LINE:COLUMN: what" (or .sql).
bool NamesAPosition(const std::string& message) {
  for (const char* extension : {".xml:", ".sql:"}) {
    std::size_t at = message.find(extension);
    if (at == std::string::npos) continue;
    at += 5;
    for (int number = 0; number < 2; ++number) {
      const std::size_t digits = message.find_first_not_of("0123456789", at);
      if (digits == at || digits == std::string::npos || message[digits] != ':') return false;
      at = digits + 1;
    }
    return message.compare(at, 1, " ") == 0;
  }
  return false;
}

TEST(ImportWordPress, issue_0014_MalformedFilesAreRefusedWithTheirPositionAndChangeNothing) {
  TestSite site;
  struct Case {
    const char* file;
    const char* says;
  };
  for (const Case& bad :
       {Case{"edge/wxr-truncated.xml", "wxr-truncated.xml:"},
        Case{"edge/not-wxr.xml", "not a WordPress export"},
        Case{"edge/wxr-bad-date.xml", "is not a time"}, Case{"k2-2.11.sql", "k2-2.11.sql:1:"}}) {
    const CliResult result = site.Cli({"import", "wordpress", ImportFixture(bad.file)});
    EXPECT_EQ(result.exit_code, 2) << bad.file;
    EXPECT_NE(result.err.find(bad.says), std::string::npos) << bad.file << ": " << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_TRUE(NamesAPosition(result.err)) << "FILE:LINE:COLUMN: " << result.err;
  }
  EXPECT_TRUE(site.OpenStore()->IsEmpty());
  EXPECT_TRUE(site.OpenStore()->ListOldLinks().empty());
}

// `redirect add | list | delete`, and an editor's redirect answered by the server; then the
// site moved to the other kind of store by export and import keeps every old address.
TEST(ImportWordPress, issue_0014_RedirectsAndOldAddressesSurviveAMoveToTheOtherStore) {
  TestSite site;
  ASSERT_EQ(ImportTheExport(site).exit_code, 0);
  EXPECT_EQ(site.Cli({"redirect", "add", "/old-contact/", "/search"}).exit_code, 0);
  EXPECT_EQ(site.Cli({"redirect", "add", "https://gazette.example.test/shop?item=3",
                      "https://shop.example.test/"})
                .exit_code,
            0);
  const CliResult self = site.Cli({"redirect", "add", "/loop/", "/loop/"});
  EXPECT_EQ(self.exit_code, 2);
  EXPECT_EQ(site.Cli({"redirect", "add", "/x/", "javascript:alert(1)"}).exit_code, 2);
  EXPECT_EQ(site.Cli({"redirect", "add", "not a path", "/x/"}).exit_code, 2);
  const CliResult listed = site.Cli({"redirect", "list"});
  EXPECT_EQ(listed.out, "/old-contact/ -> /search\n/shop?item=3 -> https://shop.example.test/\n");
  EXPECT_EQ(site.Cli({"redirect", "delete", "/nothing/"}).exit_code, 2);

  const std::string document = site.File("site.json");
  ASSERT_EQ(site.Cli({"export", document}).exit_code, 0);
  // The other store: PostgreSQL when the suite runs on SQLite (when a cluster is there), and
  // SQLite when it runs on PostgreSQL.
  std::unique_ptr<TestDatabase> database;
  std::string target = "sqlite:" + site.File("moved.db");
  if (!SuiteUsesPostgres()) {
    if (PostgresAdminUrl().empty()) GTEST_SKIP() << "no PostgreSQL cluster for the move";
    database = std::make_unique<TestDatabase>();
    target = database->url();
  }
  const std::vector<std::string> moved_args = {"--data", site.data_dir(), "--store", target};
  const auto moved_cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), moved_args.begin(), moved_args.end());
    return RunCli(args);
  };
  const CliResult imported = moved_cli({"import", document});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  for (const bool moved : {false, true}) {
    ServerProcess server(moved ? moved_args : site.StoreArgs(), {});
    ASSERT_TRUE(server.started());
    HttpClient client(server.port());
    const HttpResponse post = client.Get("/2023/10/29/ferry-timetable-winter/");
    EXPECT_EQ(post.status, 301) << (moved ? target : site.store_url());
    EXPECT_EQ(client.Get(LocationPath(post)).status, 200);
    EXPECT_EQ(LocationPath(client.Get("/old-contact/")), "/search");
    EXPECT_EQ(client.Get("/shop?item=3").Header("location"), "https://shop.example.test/");
    EXPECT_EQ(client.Get("/shop?item=4").status, 404);
    const std::vector<std::string> deletion = {"redirect", "delete", "/old-contact/"};
    ASSERT_EQ((moved ? moved_cli(deletion) : site.Cli(deletion)).exit_code, 0);
    // Every node notices with the content version's next move (a poll on SQLite).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int status = 0;
    while ((status = client.Get("/old-contact/").status) != 404 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(status, 404) << "a deleted redirect is gone";
  }
  // A re-run of the import into the moved site still skips everything.
  const CliResult again = moved_cli({"import", "wordpress", ImportFixture("wordpress-6.1.xml")});
  EXPECT_NE(again.out.find("articles: 0 new, 13 imported before"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace broadsheet::testing
