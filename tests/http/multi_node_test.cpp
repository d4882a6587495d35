// Several stateless nodes on one PostgreSQL: migrations under the advisory lock, views counted
// exactly through haproxy, cache coherence after an edit, and the database going away.
// PostgreSQL only: in the SQLite pass these tests skip.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http/harness/haproxy.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "store/open_store.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "support/private_cluster.h"

namespace broadsheet::testing {
namespace {

using store::postgres::PgConnection;

class MultiNode : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!SuiteUsesPostgres()) GTEST_SKIP() << "PostgreSQL only";
  }
};

// A site key file with 32 random bytes, as `broadsheet init` would write.
std::string MintKey(const TempDir& dir) {
  const std::string path = dir.File("site.key");
  std::ifstream random("/dev/urandom", std::ios::binary);
  std::string bytes(32, '\0');
  random.read(bytes.data(), 32);
  std::ofstream(path, std::ios::binary) << bytes;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return path;
}

std::int64_t Count(PgConnection& connection, const store::Sql& sql) {
  return connection.Exec(sql).Int(0, 0);
}

int CountLines(const std::string& path, const std::string& needle) {
  std::ifstream file(path);
  std::string line;
  int count = 0;
  while (std::getline(file, line)) count += line.find(needle) != std::string::npos;
  return count;
}

TEST_F(MultiNode, AStartingNodeWaitsForTheMigrationLock) {
  TestDatabase database;
  TempDir dir;
  const std::string key = MintKey(dir);
  PgConnection holder(database.url(), 10, 0);
  holder.Exec("SELECT pg_advisory_lock($1)", {store::postgres::P(store::postgres::kMigrationLockKey)});

  ServerProcess node({"--data", dir.File("a"), "--store", database.url(), "--key-file", key}, {},
                     /*wait_until_started=*/false);
  // While the lock is held the node cannot migrate, however long we look.
  EXPECT_FALSE(node.WaitUntilStarted(std::chrono::seconds(3)));
  EXPECT_TRUE(node.Running()) << node.Log();
  EXPECT_EQ(Count(holder, "SELECT count(*) FROM pg_tables WHERE tablename = 'articles'"), 0);

  holder.Exec("SELECT pg_advisory_unlock($1)", {store::postgres::P(store::postgres::kMigrationLockKey)});
  ASSERT_TRUE(node.WaitUntilStarted(std::chrono::seconds(60))) << node.Log();
  EXPECT_EQ(Count(holder, "SELECT count(*) FROM pg_tables WHERE tablename = 'articles'"), 1);
  HttpClient client(node.port());
  EXPECT_EQ(client.Get("/").status, 200);
}

TEST_F(MultiNode, TwoNodesStartingTogetherBothComeUpWithOneSchema) {
  TestDatabase database;
  TempDir dir;
  const std::string key = MintKey(dir);
  ServerProcess a({"--data", dir.File("a"), "--store", database.url(), "--key-file", key}, {},
                  false);
  ServerProcess b({"--data", dir.File("b"), "--store", database.url(), "--key-file", key}, {},
                  false);
  ASSERT_TRUE(a.WaitUntilStarted(std::chrono::seconds(60))) << a.Log();
  ASSERT_TRUE(b.WaitUntilStarted(std::chrono::seconds(60))) << b.Log();
  PgConnection connection(database.url(), 10, 0);
  // Each migration applied exactly once.
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM schema_migrations"),
            store::postgres::LatestSchemaVersion());
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'articles'"), 1);
  EXPECT_EQ(a.Stop(), 0);
  EXPECT_EQ(b.Stop(), 0);
}

TEST_F(MultiNode, TwoNodesBehindHaproxyCountEveryViewExactlyOnce) {
  TestSite site;
  const std::string key = site.File("site.key");
  auto a = std::make_unique<ServerProcess>(site.StoreArgs(), std::vector<std::string>{"--demo"});
  ASSERT_TRUE(a->started());
  auto b = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--data", site.File("node-b"), "--store", site.store_url(),
                               "--key-file", key},
      std::vector<std::string>{});
  ASSERT_TRUE(b->started());
  const std::string path = ArticlePathOf(site, 3);
  const std::int64_t before = StoredViews(site, 3);
  {
    TempDir haproxy_dir;
    Haproxy haproxy(haproxy_dir, {a->port(), b->port()});
    ASSERT_TRUE(haproxy.WaitUntilReady());

    constexpr int kReads = 2000;
    std::atomic<int> next{0};
    std::atomic<int> ok{0};
    std::vector<std::thread> readers;
    for (int c = 0; c < 8; ++c) {
      readers.emplace_back([&] {
        HttpClient client(haproxy.port());
        while (next.fetch_add(1) < kReads) ok += client.Get(path).status == 200;
      });
    }
    for (auto& reader : readers) reader.join();
    ASSERT_EQ(ok.load(), kReads);
  }
  EXPECT_EQ(a->Stop(), 0);
  EXPECT_EQ(b->Stop(), 0);
  const int served_by_a = CountLines(site.File("access.log"), "GET " + path);
  const int served_by_b = CountLines(site.File("node-b/access.log"), "GET " + path);
  EXPECT_GT(served_by_a, 0);
  EXPECT_GT(served_by_b, 0);
  EXPECT_EQ(served_by_a + served_by_b, 2000);
  EXPECT_EQ(StoredViews(site, 3), before + 2000);
}

TEST_F(MultiNode, TwoHundredReadersVotingThroughTwoNodesAreCountedExactlyOnce) {
  TestSite site;
  // Polling set to an hour: node B learns of node A's votes only through NOTIFY. The voters
  // all come from 127.0.0.1 through haproxy (which connects from 127.0.0.2, the one trusted
  // address), so the per-address limit is raised for them.
  const std::vector<std::string> settings = {"--set", "store.poll_interval_ms=3600000",
                                             "--set", "server.trusted_proxies=127.0.0.2",
                                             "--set", "ratings.votes_per_address=1000"};
  std::vector<std::string> with_demo = settings;
  with_demo.push_back("--demo");
  ServerProcess a(site.StoreArgs(), with_demo);
  ASSERT_TRUE(a.started());
  ServerProcess b({"--data", site.File("node-b"), "--store", site.store_url(), "--key-file",
                   site.File("site.key")},
                  settings);
  ASSERT_TRUE(b.started());
  const std::string path = ArticlePathOf(site, 8);
  const auto totals_of = [&] {
    for (const auto& totals : site.OpenStore()->ReadRatingTotals()) {
      if (totals.article_id == 8) return totals;
    }
    return store::RatingTotals{8, 0, 0, 0};
  };
  const auto before = totals_of();
  std::int64_t after_count = 0;
  {
    TempDir haproxy_dir;
    Haproxy haproxy(haproxy_dir, {a.port(), b.port()});
    ASSERT_TRUE(haproxy.WaitUntilReady());
    std::atomic<int> next{0};
    std::atomic<int> ok{0};
    std::vector<std::thread> voters;
    for (int c = 0; c < 8; ++c) {
      voters.emplace_back([&] {
        HttpClient client(haproxy.port());
        for (int i = next.fetch_add(1); i < 200; i = next.fetch_add(1)) {
          ok += Vote(client, path, std::to_string(1 + i % 5)).status == 200;
        }
      });
    }
    for (auto& voter : voters) voter.join();
    ASSERT_EQ(ok.load(), 200);
  }
  const auto after = totals_of();
  after_count = after.count;
  EXPECT_EQ(after.count, before.count + 200);
  EXPECT_EQ(after.sum, before.sum + 40 * 15);
  // The access log is written every 200 ms: wait for the lines rather than race them.
  for (const std::string& log : {site.File("access.log"), site.File("node-b/access.log")}) {
    EXPECT_TRUE(PollUntil([&] { return CountLines(log, "POST " + path + "/rating") > 0; },
                          std::chrono::seconds(20)))
        << log;
  }
  // Both nodes' pages show every vote, whichever node took it.
  const std::string votes = "(" + std::to_string(after_count) + " votes)";
  for (ServerProcess* node : {&a, &b}) {
    HttpClient client(node->port());
    EXPECT_TRUE(PollUntil([&] {
      return RatingShown(client.Get(path).body).find(votes) != std::string::npos;
    }, std::chrono::seconds(20))) << RatingShown(client.Get(path).body);
  }
}

TEST_F(MultiNode, ASecurityCodeFromOneNodeWorksOnTheOtherOnceOnly) {
  TestSite site;
  const std::vector<std::string> relaxed = {"--set", "comments.min_fill_ms=0"};
  std::vector<std::string> with_demo = relaxed;
  with_demo.push_back("--demo");
  ServerProcess a(site.StoreArgs(), with_demo);
  ASSERT_TRUE(a.started());
  ServerProcess b({"--data", site.File("node-b"), "--store", site.store_url(), "--key-file",
                   site.File("site.key")},
                  relaxed);
  ASSERT_TRUE(b.started());
  const std::string path = ArticlePathOf(site, 2);
  HttpClient on_a(a.port());
  HttpClient on_b(b.port());
  auto token_from = [&](HttpClient& client) {
    const std::string body = client.Get("/captcha/new").body;
    const auto start = body.find("\"token\":\"") + 9;
    return body.substr(start, body.find('"', start) - start);
  };
  auto answer_of = [&](const std::string& token) {
    const CliResult solved = site.Cli({"captcha", "solve", token});
    EXPECT_EQ(solved.exit_code, 0) << solved.err;
    return solved.out.substr(0, solved.out.find('\n'));
  };
  auto post = [&](HttpClient& client, const std::string& token, const std::string& text) {
    return client.Request("POST", path + "/comments",
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}},
                          "name=Traveller&comment=" + text + "&captcha_token=" + token +
                              "&captcha_answer=" + answer_of(token));
  };
  // Minted on A, accepted on B.
  const std::string fresh = token_from(on_a);
  EXPECT_EQ(post(on_b, fresh, "minted+on+A").status, 201);
  // Accepted on A, then replayed on B: refused, whichever node sees it.
  const std::string used = token_from(on_a);
  EXPECT_EQ(post(on_a, used, "first+use").status, 201);
  const HttpResponse replay = post(on_b, used, "replayed");
  EXPECT_EQ(replay.status, 422);
  EXPECT_NE(replay.body.find("already used"), std::string::npos) << replay.body;
  EXPECT_EQ(site.OpenStore()->ListComments(store::CommentFilter::kAll, 10).size(), 2u);
  // Node B shows node A's comment (its cache learns of it through the store).
  EXPECT_TRUE(PollUntil([&] { return on_b.Get(path).body.find("first use") != std::string::npos; },
                        std::chrono::seconds(20)));
}

TEST_F(MultiNode, AnEditThroughOneNodesStoreReachesTheOtherNodesCache) {
  TestSite site;
  ServerProcess a(site.StoreArgs(), {"--demo", "--set", "cache.max_age_s=3600"});
  ASSERT_TRUE(a.started());
  // Polling is set to an hour: only LISTEN/NOTIFY can bring the edit to node B in time.
  ServerProcess b({"--data", site.File("node-b"), "--store", site.store_url(), "--key-file",
                   site.File("site.key")},
                  {"--set", "cache.max_age_s=3600", "--set", "store.poll_interval_ms=3600000"});
  ASSERT_TRUE(b.started());
  HttpClient client(b.port());
  const std::string path = ArticlePathOf(site, 4);
  ASSERT_EQ(client.Get(path).status, 200);
  EXPECT_EQ(client.Get(path).Header("x-cache"), "hit");

  const auto article = site.OpenStore()->FindArticle(4);
  WriteTextFile(site.File("edit.md"), "---\ntitle: A Corrected Headline For Node B\nslug: " +
                                          article->slug + "\ncategory: " +
                                          article->category.name + "\nauthor: " +
                                          article->author.name + "\nstatus: published\n---\n" +
                                          article->body_markdown);
  const CliResult edited = site.Cli({"article", "edit", "4", site.File("edit.md")});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;

  HttpResponse fresh;
  ASSERT_TRUE(PollUntil([&] {
    fresh = client.Get(path);
    return fresh.body.find("A Corrected Headline For Node B") != std::string::npos;
  }, std::chrono::seconds(10)));
  EXPECT_EQ(fresh.Header("x-cache"), "miss");
  EXPECT_EQ(client.Get(path).Header("x-cache"), "hit");
}

TEST_F(MultiNode, WhenTheDatabaseGoesAwayCachedPagesStayAndViewsWaitForItsReturn) {
  PrivateCluster cluster;
  TempDir dir;
  ASSERT_EQ(RunCli({"init", "--data", dir.path(), "--store", cluster.url()}).exit_code, 0);
  ServerProcess node({"--data", dir.path(), "--store", cluster.url()},
                     {"--demo", "--set", "cache.max_age_s=3600", "--set",
                      "store.connect_timeout_s=2", "--set", "store.statement_timeout_ms=2000",
                      "--set", "views.flush_interval_ms=200"});
  ASSERT_TRUE(node.started());
  HttpClient client(node.port());
  std::string path;
  std::int64_t before = 0;
  {
    auto store = store::OpenStore(cluster.url());
    const auto a = store->FindArticle(5);
    path = "/" + a->category.slug + "/5-" + a->slug;
    before = a->views;
  }
  ASSERT_EQ(client.Get(path).status, 200);  // now cached (and one view)
  ASSERT_EQ(client.Get("/").status, 200);

  cluster.Stop();
  HttpResponse uncached;
  EXPECT_TRUE(PollUntil([&] {
    uncached = client.Get("/?page=2");
    return uncached.status == 503;
  }, std::chrono::seconds(10))) << uncached.status;
  EXPECT_FALSE(uncached.Header("retry-after").empty());
  for (int i = 0; i < 100; ++i) ASSERT_EQ(client.Get(path).status, 200);
  // The front page was cached before the outage too: it keeps answering.
  EXPECT_EQ(client.Get("/").status, 200);

  cluster.Start();
  EXPECT_TRUE(PollUntil([&] {
    try {
      return store::OpenStore(cluster.url())->FindArticle(5)->views == before + 101;
    } catch (const std::exception&) {
      return false;
    }
  }, std::chrono::seconds(30)));
  EXPECT_TRUE(PollUntil([&] { return client.Get("/?page=2").status == 200; },
                        std::chrono::seconds(30)));
  EXPECT_EQ(node.Stop(), 0);
}

}  // namespace
}  // namespace broadsheet::testing
