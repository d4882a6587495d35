// `broadsheet export` / `import`: a site moves between SQLite and PostgreSQL unchanged.
#include <gtest/gtest.h>

#include <filesystem>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "http/harness/tool_output.h"
#include "store/open_store.h"
#include "store/site_export.h"

namespace broadsheet::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

// A site with demo articles, a draft, views and per-day counts, exported to `file`.
void ExportALivedInSite(const TestSite& site, const std::string& file) {
  ServerProcess server(site.StoreArgs(), {"--demo"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client.Get(ArticlePathOf(site, 2)).status, 200);
  ASSERT_EQ(Vote(client, ArticlePathOf(site, 2), "4").status, 200);  // a reader's vote
  ASSERT_EQ(site.Cli({"settings", "set", "comments.moderation", "known"}).exit_code, 0);
  WriteTextFile(site.File("draft.md"),
                "---\ntitle: Draft With \"Quotes\" & Ünïcode\ncategory: Town Hall\n"
                "author: New Writer\nstatus: draft\n---\nLine one\n\n<script>x</script>\n");
  ASSERT_EQ(site.Cli({"article", "add", site.File("draft.md")}).exit_code, 0);
  ASSERT_EQ(server.Stop(), 0);
  // Comments in two states, written through the Store as the server would.
  auto store = site.OpenStore();
  store::CommentRow comment;
  comment.article_id = 2;
  comment.reader_id = "reader-1";
  comment.name = "Margit \"M\" Öberg";
  comment.url = "https://margit.example/";
  comment.body = "First line\n\nSecond <para> & more";
  comment.status = news::CommentStatus::kApproved;
  comment.created_at = 1767225600;
  const auto approved = store->AddComment(comment);
  ASSERT_TRUE(approved);
  // Reported, then approved by an editor: the approval stands, and must survive the move.
  store->ReportComment(*approved, "reader-2", "address-key-2", 3, 1767225700);
  ASSERT_TRUE(store->SetCommentStatus(*approved, news::CommentStatus::kApproved));
  comment.status = news::CommentStatus::kPending;
  comment.hold_reason = "moderation";
  comment.body = "Held one";
  ASSERT_TRUE(store->AddComment(comment));
  store.reset();
  // Views on several articles over two days long past, seeded through the Store.
  site.OpenStore()->AddViews({{1, "2026-01-01", 7, 1}, {1, "2026-01-02", 3, 0},
                              {4, "2026-01-02", 11, 2}, {9, "2026-01-01", 5, 0}});
  const CliResult exported = site.Cli({"export", file});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
}

TEST(ExportImport, RoundTripsBetweenStoresUnchanged) {
  TestSite site;
  const std::string first = site.File("first.json");
  ExportALivedInSite(site, first);
  const std::string document = ReadAll(first);
  EXPECT_NE(document.find("\"format\": \"broadsheet-site\""), std::string::npos);
  EXPECT_NE(document.find("\"daily_views\""), std::string::npos);
  const auto original = site.OpenStore()->ExportSite();
  ASSERT_GT(original.votes.size(), 20u);  // the demo's ratings

  // Into a fresh SQLite file, and (when a cluster is there) a fresh PostgreSQL database.
  std::vector<std::string> targets = {"sqlite:" + site.File("copy.db")};
  std::unique_ptr<TestDatabase> database;
  if (!PostgresAdminUrl().empty()) {
    database = std::make_unique<TestDatabase>();
    targets.push_back(database->url());
  }
  for (const std::string& target : targets) {
    const CliResult imported =
        RunCli({"import", first, "--data", site.data_dir(), "--store", target});
    ASSERT_EQ(imported.exit_code, 0) << target << ": " << imported.err;
    const std::string again = site.File("again.json");
    ASSERT_EQ(RunCli({"export", again, "--data", site.data_dir(), "--store", target}).exit_code, 0);
    EXPECT_EQ(ReadAll(again), document) << "export of " << target << " differs";
    const store::SiteExport copy = store::OpenStore(target)->ExportSite();
    EXPECT_EQ(copy.articles.size(), 15u);  // the 14 demo articles and the draft
    EXPECT_GT(copy.articles.at(0).views, 10);
    int january_rows = 0;
    for (const auto& row : copy.daily_views) january_rows += row.day.starts_with("2026-01-0");
    EXPECT_EQ(january_rows, 4);
    // Votes arrive one for one, and the totals pages show follow from them.
    ASSERT_EQ(copy.votes.size(), original.votes.size());
    EXPECT_EQ(copy.votes.back().reader_id, original.votes.back().reader_id);
    EXPECT_EQ(store::OpenStore(target)->ReadRatingTotals().size(),
              site.OpenStore()->ReadRatingTotals().size());
    ASSERT_EQ(copy.comments.size(), 2u);
    EXPECT_EQ(copy.comments[0].body, "First line\n\nSecond <para> & more");
    EXPECT_TRUE(copy.comments[0].approved_by_editor);
    EXPECT_FALSE(copy.comments[1].approved_by_editor);
    EXPECT_EQ(copy.comments[1].status, news::CommentStatus::kPending);
    ASSERT_EQ(copy.settings.size(), 1u);
    EXPECT_EQ(copy.settings[0].second, "known");
    // The copy's ids continue after the imported ones.
    WriteTextFile(site.File("next.md"),
                  "---\ntitle: After Import\ncategory: Sport\nauthor: A\nstatus: published\n---\nx\n");
    const CliResult added = RunCli({"article", "add", site.File("next.md"), "--data",
                                    site.data_dir(), "--store", target});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(added.out.substr(0, 3), "16 ") << added.out;
  }
}

TEST(ExportImport, ImportRefusesAFullStoreUnlessReplacing) {
  TestSite site;
  const std::string file = site.File("site.json");
  ExportALivedInSite(site, file);
  const CliResult refused = site.Cli({"import", file});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--replace"), std::string::npos) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_EQ(site.Cli({"import", file, "--replace"}).exit_code, 0);
  EXPECT_EQ(site.OpenStore()->ListAllArticles().size(), 15u);
}

TEST(ExportImport, BadDocumentsAreRefusedWithOneLineAndChangeNothing) {
  TestSite site;
  for (const std::string& bad :
       {std::string("not json"), std::string("{\"format\": \"other\"}"),
        std::string("{\"format\": \"broadsheet-site\", \"version\": 1, \"authors\": [],"
                    " \"categories\": [], \"articles\": [{\"id\": 1}], \"daily_views\": []}")}) {
    WriteTextFile(site.File("bad.json"), bad);
    const CliResult result = site.Cli({"import", site.File("bad.json")});
    EXPECT_EQ(result.exit_code, 2) << bad;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
  EXPECT_TRUE(site.OpenStore()->IsEmpty());
}

// The export streams into its file as it reads the store: a write that fails (a full disk)
// stops it with one line and exit 2, and no file, whole or half, is left behind.
TEST(ExportImport, issue_0014_AnExportThatCannotBeWrittenLeavesNoFile) {
  TestSite site;
  ExportALivedInSite(site, site.File("first.json"));
  std::string command = ShellQuoted(BROADSHEET_BINARY) + " export -";
  for (const std::string& arg : site.StoreArgs()) command += " " + ShellQuoted(arg);
  // Its messages to the pipe, the document to /dev/full.
  const ToolOutput full = RunTool("(" + command + " 2>&1 >/dev/full)");
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.out.find("cannot write the document to stdout"), std::string::npos) << full.out;

  // A directory where the file should go: the rename fails, and the temporary file goes too.
  const std::string taken = site.File("taken");
  std::filesystem::create_directory(taken);
  const CliResult refused = site.Cli({"export", taken});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("cannot write " + taken), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(taken + ".tmp"));
}

}  // namespace
}  // namespace broadsheet::testing
