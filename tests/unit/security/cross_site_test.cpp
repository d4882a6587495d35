#include "security/cross_site.h"

#include <gtest/gtest.h>

namespace broadsheet::security {
namespace {

constexpr std::string_view kSite = "https://news.example.org";

TEST(CrossSite, OriginDecidesWhenPresent) {
  EXPECT_FALSE(IsCrossSiteRequest("https://news.example.org", "", "", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("https://evil.example", "same-origin", "", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("null", "", "", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("http://news.example.org", "", "", kSite));
}

TEST(CrossSite, ThenSecFetchSiteThenReferer) {
  EXPECT_FALSE(IsCrossSiteRequest("", "same-origin", "", kSite));
  EXPECT_FALSE(IsCrossSiteRequest("", "none", "", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("", "cross-site", "", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("", "same-site", "", kSite));
  EXPECT_FALSE(IsCrossSiteRequest("", "", "https://news.example.org/sport/1-x", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("", "", "https://news.example.org.evil.example/", kSite));
  EXPECT_TRUE(IsCrossSiteRequest("", "", "https://evil.example/", kSite));
}

TEST(CrossSite, NoHeadersAtAllIsAccepted) {
  EXPECT_FALSE(IsCrossSiteRequest("", "", "", kSite));
}

}  // namespace
}  // namespace broadsheet::security
