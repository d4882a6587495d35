#include "security/client_address.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace broadsheet::security {
namespace {

class ClientAddressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("bs-address-key-" + std::to_string(::getpid()));
    std::filesystem::remove(path_);
    SiteKey::CreateIfMissing(path_.string());
  }
  void TearDown() override { std::filesystem::remove(path_); }
  SiteKey Key() const { return SiteKey::Load(path_.string()); }
  std::filesystem::path path_;
};

TEST_F(ClientAddressTest, ForwardedAddressesAreIgnoredFromUntrustedPeers) {
  const ClientAddresses addresses("", Key());
  EXPECT_EQ(addresses.ClientOf("203.0.113.9", "", "198.51.100.1"), "203.0.113.9");
  const ClientAddresses proxied("10.0.0.0/8", Key());
  EXPECT_EQ(proxied.ClientOf("203.0.113.9", "for=198.51.100.1", "198.51.100.1"), "203.0.113.9");
}

TEST_F(ClientAddressTest, BehindTrustedProxiesTheNearestUntrustedHopIsTheClient) {
  const ClientAddresses addresses("127.0.0.1, 10.0.0.0/8 ::1", Key());
  // A client may send its own X-Forwarded-For; only what the proxies appended counts.
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "", "6.6.6.6, 198.51.100.7, 10.1.2.3"),
            "198.51.100.7");
  EXPECT_EQ(addresses.ClientOf("::1", "for=6.6.6.6, for=\"[2001:db8::5]:4711\";proto=https", ""),
            "2001:db8::5");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "", "192.0.2.4:5555"), "192.0.2.4");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "", ""), "127.0.0.1");
  EXPECT_EQ(addresses.ClientOf("127.0.0.1", "", "10.0.0.1"), "10.0.0.1");  // all trusted
}

TEST_F(ClientAddressTest, RangesMatchByPrefix) {
  const ClientAddresses addresses("192.168.4.0/22, 2001:db8::/32", Key());
  EXPECT_TRUE(addresses.IsTrusted("192.168.7.255"));
  EXPECT_FALSE(addresses.IsTrusted("192.168.8.0"));
  EXPECT_TRUE(addresses.IsTrusted("2001:db8:ffff::1"));
  EXPECT_FALSE(addresses.IsTrusted("2001:db9::1"));
  EXPECT_FALSE(addresses.IsTrusted("not an address"));
}

TEST_F(ClientAddressTest, ABadEntryIsRefusedByName) {
  EXPECT_THROW(ClientAddresses("10.0.0.0/33", Key()), std::invalid_argument);
  EXPECT_THROW(ClientAddresses("proxy.example", Key()), std::invalid_argument);
  try {
    ClientAddresses("127.0.0.1, nonsense", Key());
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("nonsense"), std::string::npos);
  }
}

TEST_F(ClientAddressTest, AddressesAreHashedUnderTheSiteKeyNeverKeptRaw) {
  const ClientAddresses addresses("", Key());
  const std::string hashed = addresses.Hash("198.51.100.7");
  EXPECT_EQ(hashed.size(), 32u);
  EXPECT_EQ(hashed.find("198"), std::string::npos);
  EXPECT_EQ(hashed, addresses.Hash("198.51.100.7"));
  EXPECT_NE(hashed, addresses.Hash("198.51.100.8"));
  std::filesystem::remove(path_);
  SiteKey::CreateIfMissing(path_.string());
  EXPECT_NE(ClientAddresses("", Key()).Hash("198.51.100.7"), hashed);  // another site's key
}

}  // namespace
}  // namespace broadsheet::security
