// Issue 9, defect 4: the page cache was keyed by whatever Host a client sent, so one client
// could fill or thrash it; only hosts the site serves get pages now. And behind TLS with
// [site] url unset, a trusted proxy's X-Forwarded-Proto makes the site's origin https, so its
// own forms are not refused as cross-site. Runs on both stores.
#include <gtest/gtest.h>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {
namespace {

TEST(Hosts, issue_0009_UnknownHostsGet421AndNeverReachThePages) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string path = ArticlePathOf(site, 1);
  for (int i = 0; i < 20; ++i) {
    const HttpResponse answer =
        client.Get(path, {{"Host", "thrash" + std::to_string(i) + ".example"}});
    EXPECT_EQ(answer.status, 421) << i;
    EXPECT_EQ(answer.body.find("<article"), std::string::npos);
  }
  EXPECT_EQ(client.Get(path).status, 200);  // Host: 127.0.0.1:PORT
  EXPECT_EQ(client.Get(path, {{"Host", "localhost:1234"}}).status, 200);
  EXPECT_EQ(client.Get(path, {{"Host", "[::1]"}}).status, 200);
  // Load balancers probe by address, under any name.
  EXPECT_EQ(client.Get("/healthz", {{"Host", "probe.internal"}}).status, 200);
  EXPECT_EQ(client.Request("POST", path + "/rating", {{"Host", "evil.example"}}, "stars=5").status,
            421);
}

TEST(Hosts, AnEntryWithAPortMatchesOnlyThatPort) {
  TestSite site;
  ServerProcess server(site.StoreArgs(),
                       {"--demo", "--set", "site.hosts=news.example:8080, localhost"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  EXPECT_EQ(client.Get("/", {{"Host", "news.example:8080"}}).status, 200);
  EXPECT_EQ(client.Get("/", {{"Host", "NEWS.example:8080"}}).status, 200);
  EXPECT_EQ(client.Get("/", {{"Host", "news.example:9090"}}).status, 421);
  EXPECT_EQ(client.Get("/", {{"Host", "news.example"}}).status, 421);
  EXPECT_EQ(client.Get("/", {{"Host", "localhost:31337"}}).status, 200);
  EXPECT_EQ(client.Get("/").status, 421);  // 127.0.0.1 is not in this list
  ServerProcess refused(site.StoreArgs(), {"--set", "site.hosts=a.example, bad/host"},
                        /*wait_until_started=*/false);
  EXPECT_FALSE(refused.WaitUntilStarted(std::chrono::seconds(10)));
  EXPECT_FALSE(refused.Running());
  EXPECT_NE(refused.Log().find("bad/host"), std::string::npos) << refused.Log();
}

TEST(Hosts, WithASiteUrlOtherHostsAreSentThere) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "site.url=https://news.example.org"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse moved = client.Get("/town-hall/?page=1");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.Header("location"), "https://news.example.org/town-hall/?page=1");
  EXPECT_EQ(client.Request("POST", ArticlePathOf(site, 1) + "/rating", {}, "stars=5").status, 421);
  const HttpResponse served = client.Get("/", {{"Host", "news.example.org"}});
  EXPECT_EQ(served.status, 200);
  EXPECT_NE(served.body.find("<link rel=\"canonical\" href=\"https://news.example.org/\""),
            std::string::npos);
  EXPECT_EQ(client.Get("/", {{"Host", "news.example.org:443"}}).status, 200);
}

TEST(Hosts, issue_0009_BehindTlsATrustedProxysForwardedProtoMakesTheOriginHttps) {
  TestSite site;
  // The test client plays the TLS-terminating proxy: it connects from 127.0.0.1.
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "server.trusted_proxies=127.0.0.1"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string origin = "https://127.0.0.1:" + std::to_string(server.port());
  const std::string path = ArticlePathOf(site, 2);
  const HttpResponse vote =
      Vote(client, path, "5", {{"Origin", origin}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(vote.status, 200) << vote.body;
  EXPECT_NE(vote.Header("set-cookie").find("Secure"), std::string::npos)
      << vote.Header("set-cookie");
  const HttpResponse page = client.Get(path, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(page.body.find("href=\"" + origin + path + "\""), std::string::npos);
  // From an untrusted peer the header means nothing: the same vote is cross-site.
  ServerProcess untrusting({"--data", site.File("untrusting"), "--store", site.store_url(),
                            "--key-file", site.File("site.key")},
                           {});
  ASSERT_TRUE(untrusting.started());
  HttpClient direct(untrusting.port());
  const std::string direct_origin = "https://127.0.0.1:" + std::to_string(untrusting.port());
  EXPECT_EQ(
      Vote(direct, path, "5", {{"Origin", direct_origin}, {"X-Forwarded-Proto", "https"}}).status,
      403);
}

TEST(Hosts, WithAnHttpsSiteUrlTheSitesOwnFormsWorkAndCookiesAreSecure) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "site.url=https://news.example.org"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const HttpResponse vote =
      Vote(client, ArticlePathOf(site, 3), "4",
           {{"Host", "news.example.org"}, {"Origin", "https://news.example.org"}});
  EXPECT_EQ(vote.status, 200) << vote.body;
  EXPECT_NE(vote.Header("set-cookie").find("Secure"), std::string::npos);
  EXPECT_NE(vote.Header("strict-transport-security").find("max-age="), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::testing
