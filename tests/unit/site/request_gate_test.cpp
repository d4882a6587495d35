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
