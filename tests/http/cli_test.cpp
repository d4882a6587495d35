// The CLI: init, serve on an empty data dir, errors with one line and exit 2, help/version.
#include <gtest/gtest.h>

#include <filesystem>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "store/postgres/pg_connection.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::testing {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

int LineCount(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Store-independent CLI behaviour: runs in the SQLite pass of the suite only.
class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (SuiteUsesPostgres()) GTEST_SKIP() << "store-independent: covered by the SQLite pass";
  }
};

TEST_F(Cli, InitTwiceKeepsTheSameKey) {
  TempDir data;
  const std::string dir = data.File("site");
  ASSERT_EQ(RunCli({"init", "--data", dir}).exit_code, 0);
  const std::string key = ReadBytes(dir + "/site.key");
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(std::filesystem::status(dir + "/site.key").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ASSERT_EQ(RunCli({"init", "--data", dir}).exit_code, 0);
  EXPECT_EQ(ReadBytes(dir + "/site.key"), key);
  EXPECT_TRUE(std::filesystem::exists(dir + "/broadsheet.db"));
}

TEST_F(Cli, ServeOnAnEmptyDataDirCreatesTheDatabaseAndKey) {
  TempDir data;
  const std::string dir = data.File("fresh");
  ServerProcess server(dir, {});
  ASSERT_TRUE(server.started());
  EXPECT_TRUE(std::filesystem::exists(dir + "/broadsheet.db"));
  EXPECT_EQ(ReadBytes(dir + "/site.key").size(), 32u);
  HttpClient client(server.port());
  const HttpResponse front = client.Get("/");
  EXPECT_EQ(front.status, 200);
  EXPECT_NE(front.body.find("Nothing published yet"), std::string::npos);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(Cli, AWrongFlagExits2WithOneLine) {
  const CliResult result = RunCli({"serve", "--no-such-flag"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  const CliResult bad_value = RunCli({"serve", "--threads", "many"});
  EXPECT_EQ(bad_value.exit_code, 2);
  EXPECT_EQ(LineCount(bad_value.err), 1) << bad_value.err;
}

TEST_F(Cli, ADataDirThatIsAFileExits2WithOneLine) {
  TempDir data;
  WriteTextFile(data.File("plain"), "not a directory");
  const CliResult result = RunCli({"serve", "--data", data.File("plain")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("not a directory"), std::string::npos) << result.err;
  EXPECT_EQ(RunCli({"init", "--data", data.File("plain")}).exit_code, 2);
}

TEST_F(Cli, BadConfigurationExits2WithOneLine) {
  TempDir data;
  WriteTextFile(data.File("bad.toml"), "[server]\nthreads = \"lots\"\n");
  CliResult result = RunCli({"serve", "--data", data.File("d"), "--config", data.File("bad.toml")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  WriteTextFile(data.File("broken.toml"), "[server\nlisten = \n");
  result = RunCli({"serve", "--data", data.File("d"), "--config", data.File("broken.toml")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  result = RunCli({"serve", "--data", data.File("d"), "--config", data.File("missing.toml")});
  EXPECT_EQ(result.exit_code, 2);
  result = RunCli({"serve", "--data", data.File("d"), "--set", "site.timezone=Mars/Olympus"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
}

TEST_F(Cli, HelpAndVersionExit0Everywhere) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"}, {"--version"}, {"serve", "--help"},
                                             {"serve", "--version"}, {"init", "--help"},
                                             {"article", "add", "--help"}, {"stats", "--help"}}) {
    const CliResult result = RunCli(args);
    EXPECT_EQ(result.exit_code, 0) << args.front() << ": " << result.err;
    EXPECT_FALSE(result.out.empty());
  }
  const CliResult serve_help = RunCli({"serve", "--help"});
  EXPECT_NE(serve_help.out.find("flush_interval_ms = 1000"), std::string::npos);
  EXPECT_NE(serve_help.out.find("[cache] max_age_s"), std::string::npos);
}

TEST_F(Cli, ArticleFilesWithErrorsAreRefusedAndChangeNothing) {
  TempDir data;
  ASSERT_EQ(RunCli({"init", "--data", data.path()}).exit_code, 0);
  WriteTextFile(data.File("bad.md"), "---\ntitle:\ncategory: News\nstatus: maybe\n---\nBody\n");
  const CliResult result = RunCli({"article", "add", data.File("bad.md"), "--data", data.path()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("title is required"), std::string::npos) << result.err;
  EXPECT_NE(RunCli({"article", "list", "--data", data.path()}).out.find("ID"), std::string::npos);
  store::sqlite::SqliteStore store(data.path() + "/broadsheet.db");
  EXPECT_TRUE(store.IsEmpty());
  EXPECT_EQ(RunCli({"article", "publish", "42", "--data", data.path()}).exit_code, 2);
}

TEST_F(Cli, StatsShowsViewsAndCrawlerHits) {
  TempDir data;
  store::ArticleRow before;
  {
    ServerProcess server(data.path(), {"--demo"});
    ASSERT_TRUE(server.started());
    before = *store::sqlite::SqliteStore(data.path() + "/broadsheet.db").FindArticle(1);
    HttpClient client(server.port());
    const std::string path = "/" + before.category.slug + "/1-" + before.slug;
    client.Get(path);
    client.Get(path, {{"User-Agent", "Googlebot/2.1"}});
    ASSERT_EQ(server.Stop(), 0);
  }
  const CliResult stats = RunCli({"stats", "--data", data.path()});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("CRAWLERS"), std::string::npos);
  EXPECT_NE(stats.out.find("most read:"), std::string::npos);
  EXPECT_NE(stats.out.find("views by readers"), std::string::npos);
  const auto after = *store::sqlite::SqliteStore(data.path() + "/broadsheet.db").FindArticle(1);
  EXPECT_EQ(after.views, before.views + 1);
  EXPECT_EQ(after.crawler_hits, before.crawler_hits + 1);
  // The article's row in the table: id, views, today, week, crawler hits.
  EXPECT_NE(stats.out.find(std::to_string(after.crawler_hits) + "  " + after.title),
            std::string::npos)
      << stats.out;
}

}  // namespace
}  // namespace broadsheet::testing

namespace broadsheet::testing {
namespace {

TEST(PostgresNode, RefusesToStartWithoutASiteKey) {
  if (!SuiteUsesPostgres()) GTEST_SKIP() << "PostgreSQL only";
  TestDatabase database;
  TempDir data;
  const CliResult result =
      RunCli({"serve", "--data", data.File("node"), "--store", database.url()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find("site key"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace broadsheet::testing

namespace broadsheet::testing {
namespace {

// Start-up refusals on the store of the pass: one line on stderr, exit 2.
class StoreRefusals : public ::testing::Test {
 protected:
  static void ExpectOneLineExit2(const CliResult& result, const std::string& words) {
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
  }
};

TEST_F(StoreRefusals, ABadStoreUrl) {
  TempDir dir;
  ExpectOneLineExit2(RunCli({"serve", "--data", dir.path(), "--store", "mysql://db/news"}),
                     "unknown store URL");
  ExpectOneLineExit2(RunCli({"init", "--data", dir.path(), "--store", "postgresql://[nonsense"}),
                     "postgresql");
}

TEST_F(StoreRefusals, AnUnreachableDatabaseAtStart) {
  TempDir dir;
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  ExpectOneLineExit2(RunCli({"init", "--data", dir.path(), "--store",
                             "postgresql://postgres@127.0.0.1:1/news"}),
                     "cannot connect");
}

TEST_F(StoreRefusals, ADatabaseWithANewerSchema) {
  TestSite site;
  {
    auto store = site.OpenStore();  // migrated to this build's version
  }
  if (SuiteUsesPostgres()) {
    store::postgres::PgConnection connection(site.store_url(), 10, 0);
    connection.ExecScript("INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0)");
  } else {
    store::sqlite::SqliteConnection connection(site.data_dir() + "/broadsheet.db", false);
    connection.Exec("INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0)");
  }
  ExpectOneLineExit2(site.Cli({"serve"}), "newer than this build");
  ExpectOneLineExit2(site.Cli({"article", "list"}), "newer than this build");
}

}  // namespace
}  // namespace broadsheet::testing
