#include "security/reader_cookie.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace broadsheet::security {
namespace {

SiteKey FreshKey(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("bs-key-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove(path);
  SiteKey::CreateIfMissing(path.string());
  SiteKey key = SiteKey::Load(path.string());
  std::filesystem::remove(path);
  return key;
}

TEST(ReaderCookies, IssuedCookiesVerifyAndCarryTheirId) {
  const ReaderCookies cookies(FreshKey("a"));
  const auto issued = cookies.Issue();
  EXPECT_EQ(issued.reader_id.size(), 22u);
  EXPECT_EQ(cookies.Verify(issued.value), issued.reader_id);
  EXPECT_NE(cookies.Issue().reader_id, issued.reader_id);
}

TEST(ReaderCookies, ForgedTamperedAndForeignCookiesAreRefused) {
  const ReaderCookies cookies(FreshKey("b"));
  const ReaderCookies other_site(FreshKey("c"));
  const auto issued = cookies.Issue();
  std::string tampered = issued.value;
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(cookies.Verify(tampered));
  EXPECT_FALSE(cookies.Verify(issued.reader_id));
  EXPECT_FALSE(cookies.Verify(issued.reader_id + ".forged"));
  EXPECT_FALSE(cookies.Verify(""));
  EXPECT_FALSE(cookies.Verify(std::string(1000, 'a')));
  EXPECT_FALSE(other_site.Verify(issued.value));
}

}  // namespace
}  // namespace broadsheet::security
