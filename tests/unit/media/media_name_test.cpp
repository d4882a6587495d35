#include "media/media_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace broadsheet::media {
namespace {

const std::string kHash = "0123456789abcdef0123456789abcdef";

TEST(MediaName, ContentHashIsBlake2b128InHex) {
  // BLAKE2b-128 of the empty string (RFC 7693's algorithm, 16-byte output, no key).
  EXPECT_EQ(ContentHash(""), "cae66941d9efbd404e4d88758ea67670");
  EXPECT_EQ(ContentHash("abc").size(), 32u);
  EXPECT_EQ(ContentHash("abc"), ContentHash("abc"));
  EXPECT_NE(ContentHash("abc"), ContentHash("abd"));
  EXPECT_TRUE(ParseVariantFileName(VariantFileName(ContentHash("x"), 480, "webp")));
}

TEST(MediaName, VariantFileNameRoundTrips) {
  EXPECT_EQ(VariantFileName(kHash, 960, "webp"), kHash + "-960.webp");
  const auto parsed = ParseVariantFileName(kHash + "-960.webp");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->hash, kHash);
  EXPECT_EQ(parsed->width, 960);
  EXPECT_EQ(parsed->extension, "webp");
  EXPECT_EQ(ParseVariantFileName(kHash + "-1.jpg")->width, 1);
  EXPECT_EQ(ParseVariantFileName(kHash + "-99999.jpg")->width, 99999);
}

TEST(MediaName, RefusesAnythingElse) {
  const std::vector<std::string> names = {
      "../x",
      "../" + kHash + "-480.jpg",
      kHash + "-480.jpg/..",
      "abc-480.png",
      kHash + "-480.png",
      kHash + "-480.JPG",
      "0123456789ABCDEF0123456789abcdef-480.jpg",  // upper-case hex
      kHash.substr(1) + "-480.jpg",                // 31 hex
      kHash + "0-480.jpg",                         // 33 hex
      kHash + "-0480.jpg",                         // leading zero
      kHash + "-0.jpg",
      kHash + "-.jpg",
      kHash + "-100000.jpg",  // six digits
      kHash + "-+48.jpg",
      kHash + "-480.jpg.jpg",  // extra dot
      kHash + "-480..jpg",
      kHash + "-480.jpg ",
      kHash + "-480",
      kHash + "_480.jpg",
      kHash + std::string("-480.jpg\0", 9),
      "",
  };
  for (const std::string& name : names) {
    EXPECT_FALSE(ParseVariantFileName(name)) << name;
  }
}

}  // namespace
}  // namespace broadsheet::media
