#include "security/client_address.h"

#include <gtest/gtest.h>

namespace broadsheet::security {
namespace {

SiteKey Key(std::uint8_t fill = 7) {
  SiteKey::Bytes bytes;
  bytes.fill(fill);
  return SiteKey::FromBytes(bytes);
}

constexpr auto kXff = ForwardedHeader::kXForwardedFor;
constexpr auto kForwarded = ForwardedHeader::kForwarded;

TEST(ClientAddresses, ForwardedAddressesAreIgnoredFromUntrustedPeers) {
  const ClientAddresses nobody("", kXff, Key());
  EXPECT_EQ(nobody.ClientOf("203.0.113.9", "198.51.100.1"), "203.0.113.9");
  const ClientAddresses proxied("10.0.0.0/8", kXff, Key());
  EXPECT_EQ(proxied.ClientOf("203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST(ClientAddresses, BehindTrustedProxiesTheNearestUntrustedHopIsTheClient) {
  const ClientAddresses addresses("127.0.0.1, 10.0.0.0/8 ::1", kXff, Key());
  // A client may send its own X-Forwarded-For; only what the proxies appended counts.
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3"), "198.51.100.7");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "192.0.2.4:5555"), "192.0.2.4");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "[2001:db8::5]:4711"), "2001:db8::5");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "10.0.0.1"), "10.0.0.1");  // all trusted
}

// Issue 9, defect 1: haproxy's `option forwardfor` adds a header line of its own after the
// client's, and Request::HeaderLines joins them in order; reading only the first line let the
// client choose its own rate-limit key.
TEST(ClientAddresses, issue_0009_AForgedFirstLineDoesNotHideTheProxysOwn) {
  const ClientAddresses addresses("127.0.0.2", kXff, Key());
  const std::string lines = std::string("198.51.100.7") + ", " + "127.0.0.1";
  EXPECT_EQ(addresses.ClientOf("127.0.0.2", lines), "127.0.0.1");
  // An unclosed quote or an empty element in the client's part cannot swallow the proxy's.
  EXPECT_EQ(addresses.ClientOf("127.0.0.2", "\"198.51.100.7, , 192.0.2.8"), "192.0.2.8");
}

TEST(ClientAddresses, issue_0009_OnlyTheConfiguredHeaderIsBelieved) {
  // A balancer that writes X-Forwarded-For: a client's Forwarded header is not even read,
  // because the caller passes the configured header's lines only.
  const ClientAddresses xff("127.0.0.2", kXff, Key());
  EXPECT_EQ(xff.HeaderName(), "X-Forwarded-For");
  const ClientAddresses forwarded("127.0.0.2", kForwarded, Key());
  EXPECT_EQ(forwarded.HeaderName(), "Forwarded");
  EXPECT_EQ(forwarded.ClientOf("127.0.0.2", "for=203.0.113.9, for=127.0.0.1;proto=http"),
            "127.0.0.1");
  EXPECT_EQ(forwarded.ClientOf("127.0.0.2", "for=\"[2001:db8::1]:4711\""), "2001:db8::1");
  // An element without for= is a hop we cannot see past, never a reason to look further.
  EXPECT_EQ(forwarded.ClientOf("127.0.0.2", "for=203.0.113.9, proto=https"), "unknown");
  EXPECT_EQ(ParseForwardedHeader("X-Forwarded-For"), kXff);
  EXPECT_EQ(ParseForwardedHeader("forwarded"), kForwarded);
  EXPECT_EQ(ParseForwardedHeader("x-real-ip"), std::nullopt);
}

TEST(ClientAddresses, issue_0009_RateLimitKeysTakeIpv4WholeAndIpv6ByItsSlash64) {
  const ClientAddresses addresses("", kXff, Key());
  EXPECT_EQ(addresses.RateLimitKey("2001:db8:1:2:aaaa::1"),
            addresses.RateLimitKey("2001:db8:1:2:ffff:1:2:3"));
  EXPECT_NE(addresses.RateLimitKey("2001:db8:1:2::1"), addresses.RateLimitKey("2001:db8:1:3::1"));
  EXPECT_NE(addresses.RateLimitKey("192.0.2.1"), addresses.RateLimitKey("192.0.2.2"));
  EXPECT_EQ(addresses.RateLimitKey("192.0.2.1"), addresses.RateLimitKey("::ffff:192.0.2.1"));
  EXPECT_EQ(addresses.RateLimitKey("192.0.2.1").size(), 32u);
}

TEST(ClientAddresses, ForwardedChainsKeepOnlyTheNearestHops) {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "192.0.2." + std::to_string(i % 250) + ", ";
  many += "198.51.100.9";
  const auto chain = ForwardedChain(kXff, many);
  ASSERT_EQ(chain.size(), 64u);
  EXPECT_EQ(chain.back(), "198.51.100.9");
}

TEST(ClientAddresses, RangesMatchByPrefix) {
  const ClientAddresses addresses("192.168.4.0/22, 2001:db8::/32", kXff, Key());
  EXPECT_TRUE(addresses.IsTrusted("192.168.7.255"));
  EXPECT_FALSE(addresses.IsTrusted("192.168.8.0"));
  EXPECT_TRUE(addresses.IsTrusted("2001:db8:ffff::1"));
  EXPECT_FALSE(addresses.IsTrusted("2001:db9::1"));
  EXPECT_FALSE(addresses.IsTrusted("not an address"));
}

TEST(ClientAddresses, ABadEntryIsRefusedByName) {
  EXPECT_THROW(ClientAddresses("10.0.0.0/33", kXff, Key()), std::invalid_argument);
  EXPECT_THROW(ClientAddresses("proxy.example", kXff, Key()), std::invalid_argument);
  try {
    ClientAddresses("127.0.0.1, nonsense", kXff, Key());
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("nonsense"), std::string::npos);
  }
}

TEST(ClientAddresses, AddressesAreHashedUnderTheSiteKeyNeverKeptRaw) {
  const ClientAddresses addresses("", kXff, Key());
  const std::string hashed = addresses.Hash("198.51.100.7");
  EXPECT_EQ(hashed.size(), 32u);
  EXPECT_EQ(hashed.find("198"), std::string::npos);
  EXPECT_EQ(hashed, addresses.Hash("198.51.100.7"));
  EXPECT_NE(hashed, addresses.Hash("198.51.100.8"));
  EXPECT_NE(ClientAddresses("", kXff, Key(8)).Hash("198.51.100.7"), hashed);  // another key
}

}  // namespace
}  // namespace broadsheet::security
