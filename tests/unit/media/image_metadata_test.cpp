// Hostile uploads: whatever rides along with the pixels (Exif, comments, text chunks, files
// appended after the image) must not reach the variants we serve.
#include <gtest/gtest.h>

#include <string>

#include "media/image_encoder.h"
#include "media/jpeg_metadata.h"
#include "unit/media/test_images.h"

namespace broadsheet::media {
namespace {

using testing::Picture;

constexpr unsigned kApp0 = 0xe0;
constexpr unsigned kApp1 = 0xe1;
constexpr unsigned kCom = 0xfe;

Reencoded Accepted(const std::string& upload) {
  auto result = Reencode(upload);
  if (auto* error = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << "refused: " << *error;
    return {};
  }
  return std::get<Reencoded>(std::move(result));
}

void ExpectNoneContain(const Reencoded& image, std::initializer_list<std::string> needles) {
  ASSERT_FALSE(image.variants.empty());
  for (const EncodedImage& variant : image.variants) {
    for (const std::string& needle : needles) {
      EXPECT_EQ(variant.bytes.find(needle), std::string::npos)
          << variant.extension << " " << variant.width << " holds " << needle;
    }
  }
}

// Only SOI, APP0 JFIF and the tables and frame libgd writes: no COM, no APPn but APP0.
void ExpectBareJpegs(const Reencoded& image) {
  for (const EncodedImage& variant : image.variants) {
    if (variant.extension != "jpg") continue;
    const auto markers = testing::JpegMarkers(variant.bytes);
    ASSERT_GE(markers.size(), 3u);
    EXPECT_EQ(markers.back(), 0xdau) << "the walk reached SOS";
    for (const unsigned marker : markers) {
      EXPECT_NE(marker, kCom);
      EXPECT_TRUE(marker < 0xe0 || marker == kApp0 || marker > 0xef) << std::hex << marker;
    }
    EXPECT_EQ(variant.bytes.find("CREATOR"), std::string::npos);
  }
}

TEST(ImageMetadata, JpegExifAndCommentsAreGone) {
  const std::string exif =
      testing::JpegSegment(kApp1, std::string("Exif\0\0MM\0*", 10) + "<script>alert(1)</script>");
  const std::string comment = testing::JpegSegment(kCom, "<script>alert(2)</script>");
  const std::string upload =
      testing::WithSegmentsAfterSoi(testing::JpegOf(Picture(800, 600).get()), exif + comment);
  const Reencoded image = Accepted(upload);
  ExpectNoneContain(image, {"<script", "Exif", "alert"});
  ExpectBareJpegs(image);
}

TEST(ImageMetadata, PngTextChunkIsGone) {
  const std::string png = testing::PngOf(Picture(500, 300).get());
  const std::string upload = testing::WithChunkBeforeIend(
      png, testing::PngChunk("tEXt", std::string("Comment\0<html><script>", 22)));
  const Reencoded image = Accepted(upload);
  ExpectNoneContain(image, {"<html", "<script", "tEXt"});
  ExpectBareJpegs(image);
}

TEST(ImageMetadata, HtmlAppendedAfterIendIsGone) {
  const std::string polyglot = testing::PngOf(Picture(500, 300).get()) +
                               "<html><body><script>alert(document.cookie)</script></body></html>";
  const Reencoded image = Accepted(polyglot);
  ExpectNoneContain(image, {"<html", "<script"});
}

TEST(ImageMetadata, ZipAppendedToAJpegIsGone) {
  const std::string zip = std::string("PK\x03\x04\x14\0\0\0\0\0", 10) + "evil.php<?php ?>" +
                          std::string("PK\x05\x06", 4) + std::string(18, '\0');
  const Reencoded image = Accepted(testing::JpegOf(Picture(600, 400).get()) + zip);
  ExpectNoneContain(image, {"PK\x03\x04", "<?php"});
}

TEST(ImageMetadata, StripperKeepsJfifAndTablesOnly) {
  const std::string jfif = testing::JpegSegment(kApp0, std::string("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
  const std::string jfxx = testing::JpegSegment(kApp0, std::string("JFXX\0\x10", 6));
  const std::string dqt = testing::JpegSegment(0xdb, std::string(65, '\x01'));
  const std::string sos = testing::JpegSegment(0xda, std::string("\x01\x01\x00\x00\x3f\x00", 6));
  const std::string scan("\x12\x34\xff\x00\xfe\xff\xd9", 7);  // kept as they are
  const std::string jpeg = "\xff\xd8" + jfif + testing::JpegSegment(kApp1, "Exif") + jfxx +
                           testing::JpegSegment(kCom, "hi") + "\xff" + dqt +
                           testing::JpegSegment(0xed, "Photoshop") + sos + scan;
  EXPECT_EQ(StripJpegMetadata(jpeg), "\xff\xd8" + jfif + dqt + sos + scan);
  EXPECT_THROW(StripJpegMetadata(std::string("\xff\xd8\xff\xe1\x00\x40", 6)), std::runtime_error);
  EXPECT_THROW(StripJpegMetadata("not a jpeg"), std::runtime_error);
}

}  // namespace
}  // namespace broadsheet::media
