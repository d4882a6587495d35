// The request gate's host rules (issue 9): which Host values the site serves, with and
// without [site] url, and what the allow-list accepts as configuration.
#include "site/request_gate.h"

#include <gtest/gtest.h>

namespace broadsheet::site {
namespace {

security::ClientAddresses NoProxies() {
  security::SiteKey::Bytes bytes;
  bytes.fill(1);
  return security::ClientAddresses("", security::ForwardedHeader::kXForwardedFor,
                                   security::SiteKey::FromBytes(bytes));
}

TEST(RequestGate, AllowListEntriesMatchByNameAndOnlyTheirPortWhenTheyHaveOne) {
  const auto addresses = NoProxies();
  const RequestGate gate("", ParseAllowedHosts("News.Example, localhost:8080, [::1]"), addresses);
  EXPECT_TRUE(gate.Serves("news.example"));
  EXPECT_TRUE(gate.Serves("NEWS.EXAMPLE:9999"));
  EXPECT_TRUE(gate.Serves("localhost:8080"));
  EXPECT_FALSE(gate.Serves("localhost:8081"));
  EXPECT_FALSE(gate.Serves("localhost"));
  EXPECT_TRUE(gate.Serves("[::1]:443"));
  for (const char* hostile : {"", "news.example.evil", "evil.example", "news.example:0",
                              "news.example:99999", "news.example:", "a b", "news/example",
                              "[::1", "[zz::1]", ":80", "news.example:80:80"}) {
    EXPECT_FALSE(gate.Serves(hostile)) << hostile;
  }
}

TEST(RequestGate, WithASiteUrlOnlyItsHostIsServedWithOrWithoutTheDefaultPort) {
  const auto addresses = NoProxies();
  const RequestGate gate("https://news.example.org", DefaultAllowedHosts("127.0.0.1"), addresses);
  EXPECT_TRUE(gate.Serves("news.example.org"));
  EXPECT_TRUE(gate.Serves("news.example.org:443"));
  EXPECT_FALSE(gate.Serves("news.example.org:80"));
  EXPECT_FALSE(gate.Serves("127.0.0.1"));
}

TEST(RequestGate, TheDefaultListHasLoopbackAndTheListenAddress) {
  const auto addresses = NoProxies();
  const RequestGate gate("", DefaultAllowedHosts("10.1.2.3"), addresses);
  EXPECT_TRUE(gate.Serves("localhost:1234"));
  EXPECT_TRUE(gate.Serves("127.0.0.1"));
  EXPECT_TRUE(gate.Serves("10.1.2.3:8080"));
  EXPECT_FALSE(gate.Serves("10.1.2.4"));
  const RequestGate wildcard("", DefaultAllowedHosts("0.0.0.0"), addresses);
  EXPECT_FALSE(wildcard.Serves("0.0.0.0"));
}

http::Request WithHosts(std::vector<std::string_view> hosts, int http_version) {
  http::Request request;
  request.method = http::Method::kGet;
  request.path = "/";
  request.http_version = http_version;
  for (const auto host : hosts) request.headers.emplace_back("Host", host);
  return request;
}

TEST(RequestGate, AnHttp11RequestNeedsExactlyOneHost) {
  const auto addresses = NoProxies();
  const RequestGate gate("", DefaultAllowedHosts("127.0.0.1"), addresses);
  auto none = WithHosts({}, 11);
  EXPECT_EQ(gate(none)->status, 400);
  auto two = WithHosts({"localhost", "evil.example"}, 11);
  EXPECT_EQ(gate(two)->status, 400);
  auto one = WithHosts({"localhost"}, 11);
  EXPECT_FALSE(gate(one));
  auto old_client = WithHosts({}, 10);  // HTTP/1.0 may send none
  EXPECT_FALSE(gate(old_client));
  auto probe = WithHosts({}, 11);
  probe.path = "/healthz";
  EXPECT_FALSE(gate(probe));
}

TEST(RequestGate, ABadAllowListEntryIsRefusedByName) {
  try {
    ParseAllowedHosts("good.example, bad/host");
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("bad/host"), std::string::npos);
  }
}

}  // namespace
}  // namespace broadsheet::site
