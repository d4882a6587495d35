// Issue 9, defence in depth: security headers on every response, connection limits, an
// access log that never holds a whole security-code token (and can hash addresses), and a
// full disk (the SQLite size quota) answered with 503 and nothing half-written.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "http/harness/comment_forms.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void ExpectSecurityHeaders(const HttpResponse& response, const std::string& what) {
  const std::string policy = response.Header("content-security-policy");
  EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << what;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_NE(policy.find("form-action 'self'"), std::string::npos) << what;
  EXPECT_NE(policy.find("base-uri 'none'"), std::string::npos) << what;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << what;
  EXPECT_EQ(response.Header("x-content-type-options"), "nosniff") << what;
  EXPECT_EQ(response.Header("referrer-policy"), "strict-origin-when-cross-origin") << what;
  EXPECT_FALSE(response.Header("permissions-policy").empty()) << what;
}

TEST(Defences, EveryResponseCarriesTheSecurityHeaders) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string article = ArticlePathOf(site, 1);
  for (const std::string& target :
       {std::string("/"), article, std::string("/town-hall/"), std::string("/no-such-page"),
        std::string("/static/css/site.css"), std::string("/healthz"), std::string("/captcha/new"),
        std::string("/robots.txt")}) {
    ExpectSecurityHeaders(client.Get(target), target);
  }
  ExpectSecurityHeaders(client.Request("DELETE", article), "405");
  ExpectSecurityHeaders(client.Get("/", {{"Host", "elsewhere.example"}}), "421");
  // Even what the parser refuses before any handler runs.
  const std::string raw = RawExchange(server.port(), "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(RawStatus(raw), 400);
  EXPECT_NE(raw.find("Content-Security-Policy: default-src 'self'"), std::string::npos) << raw;
}

// A connection that has been answered once, so the server has surely accepted and counted it.
std::unique_ptr<HttpClient> OpenConnection(std::uint16_t port) {
  auto client = std::make_unique<HttpClient>(port);
  EXPECT_EQ(client->Get("/healthz").status, 200);
  return client;
}

TEST(Defences, ConnectionsOverALimitAreAnswered503AndClosed) {
  TestSite site;
  ServerProcess server(site.StoreArgs(),
                       {"--demo", "--set", "server.max_connections_per_address=3"});
  ASSERT_TRUE(server.started());
  std::vector<std::unique_ptr<HttpClient>> open;
  for (int i = 0; i < 3; ++i) open.push_back(OpenConnection(server.port()));
  const std::string refused = RawExchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(RawStatus(refused), 503) << refused;
  EXPECT_NE(refused.find("Retry-After: "), std::string::npos);
  open.pop_back();  // one closes: room for another
  EXPECT_TRUE(PollUntil(
      [&] {
        return RawStatus(RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) ==
               200;
      },
      std::chrono::seconds(20)));

  // In all, whatever the address; trusted proxies are exempt only from the per-address limit.
  ServerProcess proxied({"--data", site.File("proxied"), "--store", site.store_url(), "--key-file",
                         site.File("site.key")},
                        {"--set", "server.max_connections_per_address=2", "--set",
                         "server.max_connections=4", "--set", "server.trusted_proxies=127.0.0.1"});
  ASSERT_TRUE(proxied.started());
  std::vector<std::unique_ptr<HttpClient>> through_proxy;
  for (int i = 0; i < 4; ++i) through_proxy.push_back(OpenConnection(proxied.port()));
  EXPECT_EQ(RawStatus(RawExchange(proxied.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")), 503);
}

TEST(Defences, TheOldCacheEntryLimitIsAcceptedWithAWarning) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "cache.max_entries=5"});
  ASSERT_TRUE(server.started());
  EXPECT_NE(server.Log().find("[cache] max_entries is ignored"), std::string::npos)
      << server.Log();
  HttpClient client(server.port());
  EXPECT_EQ(client.Get("/").status, 200);
}

TEST(Defences, TheAccessLogNeverHoldsAWholeTokenAndCanHashAddresses) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "log.addresses=hashed"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const auto json = boost::json::parse(client.Get("/captcha/new?kind=image").body);
  const std::string token(json.at("token").as_string());
  ASSERT_GT(token.size(), 40u);
  EXPECT_EQ(client.Get("/captcha/image?token=" + token).status, 200);
  std::string log;
  ASSERT_TRUE(PollUntil(
      [&] {
        log = ReadFile(site.File("access.log"));
        return log.find("/captcha/image?token=") != std::string::npos;
      },
      std::chrono::seconds(20)));
  EXPECT_EQ(log.find(token), std::string::npos) << log;
  EXPECT_NE(log.find("/captcha/image?token=" + token.substr(0, 8) + "..."), std::string::npos)
      << log;
  EXPECT_EQ(log.find("127.0.0.1"), std::string::npos) << log;
}

std::int64_t Pages(const std::string& path) {
  return static_cast<std::int64_t>(std::filesystem::file_size(path) / 4096);
}

TEST(Defences, AFullDiskAnswers503WritesNothingHalfAndRecoversWhenRaised) {
  if (SuiteUsesPostgres()) GTEST_SKIP() << "the size quota is SQLite's";
  TestSite site;
  {
    ServerProcess seed(site.StoreArgs(), {"--demo"});
    ASSERT_TRUE(seed.started());
  }  // stopped: the WAL is checkpointed into the file, so its size is the database's
  const std::string quota =
      "store.sqlite_max_page_count=" + std::to_string(Pages(site.File("broadsheet.db")) + 4);
  const std::string path = ArticlePathOf(site, 3);
  std::size_t acknowledged = StoredComments(site);
  {
    ServerProcess server(site.StoreArgs(), Relaxed({"--set", quota}));
    ASSERT_TRUE(server.started());
    HttpClient client(server.port());
    HttpResponse answer;
    for (int i = 0; i < 100; ++i) {
      answer = Post(client, path,
                    Comment(client, site, "Filler", std::to_string(i) + std::string(4900, 'w')));
      if (answer.status != 201) break;
      ++acknowledged;
    }
    EXPECT_EQ(answer.status, 503) << answer.body;
    EXPECT_FALSE(answer.Header("retry-after").empty());
    // Every acknowledged comment is there, and not one more.
    EXPECT_EQ(StoredComments(site), acknowledged);
    EXPECT_EQ(client.Get("/healthz").status, 200);  // reading still works
  }
  ServerProcess raised(site.StoreArgs(), Relaxed());
  ASSERT_TRUE(raised.started());
  HttpClient client(raised.port());
  EXPECT_EQ(Post(client, path, Comment(client, site, "After", "Room again.")).status, 201);
  EXPECT_EQ(StoredComments(site), acknowledged + 1);
}

}  // namespace
}  // namespace broadsheet::testing
