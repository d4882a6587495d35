// Issue 14: `broadsheet import k2` with a dump MariaDB's own mysqldump made of a Joomla 3 +
// K2 2.11 database (tests/fixtures/import/, docs/IMPORT.md), on both stores: the states,
// comments, hits and ratings the database itself reported, no K2 markup left, every old K2
// address answering 301 (and "/item/N-alias" never reaching our article N), the data-only
// dump importing the same, a re-run writing nothing, and malformed dumps refused with their
// position.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>

#include "http/harness/http_client.h"
#include "http/harness/import_fixture.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "store/site_export.h"

namespace broadsheet::testing {
namespace {

namespace json = boost::json;

json::object Expected() {
  std::ifstream file(ImportFixture("k2-2.11.expected.json"));
  const std::string text((std::istreambuf_iterator<char>(file)), {});
  return json::parse(text).as_object();
}

// What the store holds after an import, by old item id.
struct Imported {
  std::map<std::string, store::ArticleRow> by_old_id;
  std::map<std::string, int> comments_by_status;
  std::size_t links = 0;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> ratings;  // id -> sum, count
};

Imported Read(const TestSite& site) {
  auto store = site.OpenStore();
  Imported held;
  const store::SiteExport exported = store->ExportSite();
  std::map<std::int64_t, store::ArticleRow> by_id;
  for (const store::ArticleRow& article : exported.articles) by_id[article.id] = article;
  for (const store::OldLink& link : exported.old_links) {
    if (link.kind == store::OldKind::kArticle) held.by_old_id[link.old_id] = by_id.at(link.new_id);
  }
  for (const store::CommentRow& comment : exported.comments) {
    ++held.comments_by_status[std::string(news::ToString(comment.status))];
  }
  held.links = exported.old_links.size();
  for (const store::RatingTotals& totals : store->ReadRatingTotals()) {
    held.ratings[totals.article_id] = {totals.sum, totals.count};
  }
  return held;
}

TEST(ImportK2, issue_0014_AK2DumpImportsWithTheDatabasesOwnCounts) {
  TestSite site;
  const CliResult imported = site.Cli({"import", "k2", ImportFixture("k2-2.11.sql")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("source: gazette_joomla"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("{loadmodule"), std::string::npos) << "plugin tags are reported";
  const json::object expected = Expected();
  const Imported held = Read(site);
  // trashed: skipped; unpublished: draft; scheduled: scheduled; published and expired:
  // published (an expired item was published; its readers' links keep working).
  for (const json::value& value : expected.at("items").as_array()) {
    const json::object& item = value.as_object();
    const std::string id = std::to_string(item.at("id").to_number<std::int64_t>());
    const std::string state(item.at("state").as_string());
    const auto found = held.by_old_id.find(id);
    if (state == "trashed") {
      EXPECT_EQ(found, held.by_old_id.end()) << "item " << id;
      continue;
    }
    ASSERT_NE(found, held.by_old_id.end()) << "item " << id;
    const store::ArticleRow& article = found->second;
    const char* status = state == "unpublished" ? "draft"
                         : state == "scheduled" ? "scheduled"
                                                : "published";
    EXPECT_EQ(news::ToString(article.status), status) << "item " << id;
    EXPECT_EQ(article.views, item.at("hits").to_number<std::int64_t>()) << "hits are views";
    const std::int64_t rating_count = item.at("rating_count").to_number<std::int64_t>();
    if (rating_count > 0) {
      EXPECT_EQ(held.ratings.at(article.id),
                (std::pair{item.at("rating_sum").to_number<std::int64_t>(), rating_count}))
          << "item " << id << "'s rating is the base of ours";
    }
    for (const char* markup : {"{gallery", "{loadmodule", "<p>", "&lt;p&gt;", "{/gallery"}) {
      EXPECT_EQ(article.body_markdown.find(markup), std::string::npos) << "item " << id;
    }
  }
  const json::object& comments = expected.at("comments_by_published").as_object();
  EXPECT_EQ(held.comments_by_status.at("approved"), comments.at("1").to_number<int>());
  EXPECT_EQ(held.comments_by_status.at("pending"), comments.at("0").to_number<int>());
  // Display names only: no e-mail address or password hash of Joomla's users is stored.
  const std::string document = site.File("site.json");
  ASSERT_EQ(site.Cli({"export", document}).exit_code, 0);
  std::ifstream file(document);
  const std::string text((std::istreambuf_iterator<char>(file)), {});
  // (A comment keeps the address its writer gave, as any comment does.)
  const std::string before_comments = text.substr(0, text.find("\"comments\""));
  for (const json::value& value : expected.at("authors").as_array()) {
    EXPECT_EQ(before_comments.find(std::string(value.as_object().at("email").as_string())),
              std::string::npos);
  }
  EXPECT_EQ(text.find("$2y$"), std::string::npos) << "no bcrypt hash";

  // The rating shows as "(N votes)" on the article page: the old votes counted.
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse moved = client.Get("/item/1-harbour-crane-to-be-replaced");
  ASSERT_EQ(moved.status, 301);
  const HttpResponse page = client.Get(LocationPath(moved));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("(4 votes)"), std::string::npos);
}

TEST(ImportK2, issue_0014_EveryOldK2AddressAnswers301AndItemNNeverReachesOurArticleN) {
  TestSite site;
  // An article of our own first: K2's item 1 becomes our article 2.
  WriteTextFile(site.File("own.md"),
                "---\ntitle: Our own first story\ncategory: Desk\nauthor: Desk\n"
                "status: published\n---\nBody.\n");
  ASSERT_EQ(site.Cli({"article", "add", site.File("own.md")}).exit_code, 0);
  ASSERT_EQ(site.Cli({"import", "k2", ImportFixture("k2-2.11.sql")}).exit_code, 0);
  ServerProcess server(site.StoreArgs(), {});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string item_one = LocationPath(client.Get("/item/1-harbour-crane-to-be-replaced"));
  ASSERT_FALSE(item_one.empty());
  EXPECT_EQ(item_one.find("/1-"), std::string::npos) << "not our article 1: " << item_one;
  EXPECT_EQ(client.Get(item_one).status, 200);
  for (const std::string& old :
       {std::string("/index.php?option=com_k2&view=item&id=1"),
        std::string("/index.php?option=com_k2&view=item&id=1:harbour-crane-to-be-replaced"),
        std::string(
            "/index.php?option=com_k2&view=item&id=1:harbour-crane-to-be-replaced&Itemid=101"),
        std::string("/item/1-harbour-crane-to-be-replaced"), std::string("/item/1-any-other-alias"),
        std::string("/component/k2/item/1-harbour-crane-to-be-replaced")}) {
    const HttpResponse response = client.Get(old);
    EXPECT_EQ(response.status, 301) << old;
    EXPECT_EQ(LocationPath(response), item_one) << old;
  }
  // Categories by id (nested ones to their top level) and tags by name.
  const std::string harbour =
      LocationPath(client.Get("/index.php?option=com_k2&view=itemlist&task=category&id=2"));
  EXPECT_EQ(harbour, "/news/") << "Harbour is under News";
  EXPECT_EQ(LocationPath(client.Get("/itemlist/category/2-harbour")), "/news/");
  EXPECT_EQ(LocationPath(client.Get("/itemlist/category/3-sport")), "/sport/");
  const std::string ferries =
      LocationPath(client.Get("/index.php?option=com_k2&view=itemlist&task=tag&tag=Ferries"));
  EXPECT_EQ(ferries, "/tag/ferries/");
  EXPECT_EQ(client.Get(ferries).status, 200);
  EXPECT_EQ(LocationPath(client.Get("/itemlist/tag/Caf%C3%A9%20culture")), "/tag/cafe-culture/");
  // Unknown old ids, the trashed item and an unpublished one: 404, never our article N.
  for (const std::string& old :
       {std::string("/item/999-nothing"), std::string("/item/5-old-ferry-timetable-2019"),
        std::string("/item/4-notes-on-the-regatta"),
        std::string("/index.php?option=com_k2&view=item&id=999"),
        std::string("/itemlist/category/99-nothing"), std::string("/itemlist/tag/Nothing")}) {
    EXPECT_EQ(client.Get(old).status, 404) << old;
  }
  EXPECT_EQ(client.Get("/desk/1-our-own-first-story").status, 200) << "our own article 1";
}

TEST(ImportK2, issue_0014_ADataOnlyDumpImportsTheSameAndASecondRunChangesNothing) {
  TestSite full;
  ASSERT_EQ(full.Cli({"import", "k2", ImportFixture("k2-2.11.sql")}).exit_code, 0);
  TestSite data_only;
  const CliResult dry = data_only.Cli({"import", "k2", ImportFixture("k2-2.11-data-only.sql"),
                                       "--source", "gazette_joomla", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(data_only.OpenStore()->IsEmpty()) << "a dry run writes nothing";
  const CliResult imported = data_only.Cli(
      {"import", "k2", ImportFixture("k2-2.11-data-only.sql"), "--source", "gazette_joomla"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(dry.out.substr(dry.out.find('\n') + 1), imported.out);
  const Imported a = Read(full);
  const Imported b = Read(data_only);
  ASSERT_EQ(a.by_old_id.size(), b.by_old_id.size());
  for (const auto& [old_id, article] : a.by_old_id) {
    const store::ArticleRow& other = b.by_old_id.at(old_id);
    EXPECT_EQ(article.title, other.title);
    EXPECT_EQ(article.body_markdown, other.body_markdown);
    EXPECT_EQ(article.published_at, other.published_at);
    EXPECT_EQ(article.views, other.views);
  }
  EXPECT_EQ(a.comments_by_status, b.comments_by_status);
  EXPECT_EQ(a.ratings, b.ratings);
  const CliResult again = full.Cli({"import", "k2", ImportFixture("k2-2.11.sql")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("articles: 0 new, 7 imported before"), std::string::npos) << again.out;
  const Imported after = Read(full);
  EXPECT_EQ(after.links, a.links);
  EXPECT_EQ(after.comments_by_status, a.comments_by_status);
  EXPECT_EQ(after.by_old_id.size(), a.by_old_id.size());
}

// What a run leaves, by old item id, so two runs can be compared whatever ids they gave.
std::map<std::string, std::string> Summary(const TestSite& site) {
  const Imported held = Read(site);
  std::map<std::string, std::string> summary;
  for (const auto& [old_id, a] : held.by_old_id) {
    const auto rating = held.ratings.count(a.id) ? held.ratings.at(a.id)
                                                 : std::pair<std::int64_t, std::int64_t>{0, 0};
    summary[old_id] = a.slug + " | " + a.title + " | " + std::string(news::ToString(a.status)) +
                      " | " + std::to_string(a.views) + " views | " + std::to_string(rating.first) +
                      "/" + std::to_string(rating.second) + " | " + a.summary + " | " +
                      a.body_markdown;
  }
  for (const auto& [status, count] : held.comments_by_status) {
    summary["comments " + status] = std::to_string(count);
  }
  summary["links"] = std::to_string(held.links);
  return summary;
}

TEST(ImportK2, issue_0014_ARunKilledMidwayEndsLikeACleanRunWhenRunAgain) {
  TestSite clean;
  ASSERT_EQ(clean.Cli({"import", "k2", ImportFixture("k2-2.11.sql")}).exit_code, 0);
  TestSite site;
  const auto articles_held = [&] {
    std::size_t articles = 0;
    for (const store::OldLink& link : site.OpenStore()->ListOldLinks()) {
      articles += link.kind == store::OldKind::kArticle;
    }
    return articles;
  };
  ASSERT_TRUE(KillImportMidway(site, {"k2", ImportFixture("k2-2.11.sql")},
                               [&] { return articles_held() >= 2; }));
  EXPECT_GT(articles_held(), 0u);
  EXPECT_LT(articles_held(), 7u) << "the kill landed before the end";
  const CliResult again = site.Cli({"import", "k2", ImportFixture("k2-2.11.sql")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Summary(site), Summary(clean));
}

TEST(ImportK2, issue_0014_MalformedDumpsAreRefusedWithTheirPositionAndChangeNothing) {
  TestSite site;
  for (const char* bad : {"edge/k2-truncated.sql", "edge/k2-bad-row.sql", "edge/not-a-dump.sql",
                          "wordpress-6.1.xml"}) {
    const CliResult result = site.Cli({"import", "k2", ImportFixture(bad)});
    EXPECT_EQ(result.exit_code, 2) << bad << ": " << result.out;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    const std::string name = std::string(bad).substr(std::string(bad).rfind('/') + 1);
    EXPECT_NE(result.err.find(name + ":"), std::string::npos) << result.err;
  }
  EXPECT_TRUE(site.OpenStore()->IsEmpty());
  EXPECT_TRUE(site.OpenStore()->ListOldLinks().empty());
}

}  // namespace
}  // namespace broadsheet::testing
