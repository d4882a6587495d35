// Hostile uploads: whatever rides along with the pixels (Exif, comments, text chunks, files
// appended after the image) must not reach the variants we serve; the one thing Exif says
// that matters, which way up the photo is, is applied to the pixels first.
#include <gtest/gtest.h>

#include <string>

#include "media/exif_orientation.h"
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

namespace broadsheet::media {
namespace {

// An APP1 "Exif" segment whose IFD0 holds only the orientation, in either byte order.
std::string ExifOrientation(int orientation, bool big_endian) {
  std::string tiff =
      big_endian ? std::string("MM\0\x2a\0\0\0\x08", 8) : std::string("II\x2a\0\x08\0\0\0", 8);
  const auto u16 = [&](unsigned value) {
    return big_endian ? std::string{static_cast<char>(value >> 8), static_cast<char>(value & 255)}
                      : std::string{static_cast<char>(value & 255), static_cast<char>(value >> 8)};
  };
  tiff += u16(1);                // one entry
  tiff += u16(0x0112) + u16(3);  // orientation, SHORT
  tiff += big_endian ? std::string("\0\0\0\1", 4) : std::string("\1\0\0\0", 4);  // count 1
  tiff += u16(static_cast<unsigned>(orientation)) + std::string(2, '\0');
  tiff += std::string(4, '\0');  // no next IFD
  return testing::JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff);
}

// A 40 × 20 photo: red on the left half, blue on the right.
std::string RedLeftBlueRight() {
  auto image = testing::Picture(40, 20);
  gdImageFilledRectangle(image.get(), 0, 0, 19, 19, gdTrueColor(220, 20, 20));
  gdImageFilledRectangle(image.get(), 20, 0, 39, 19, gdTrueColor(20, 20, 220));
  return testing::JpegOf(image.get());
}

bool Reddish(gdImagePtr image, int x, int y) {
  const int pixel = gdImageGetTrueColorPixel(image, x, y);
  return gdTrueColorGetRed(pixel) > 150 && gdTrueColorGetBlue(pixel) < 100;
}

TEST(ImageOrientation, APortraitPhotoStoredOnItsSideComesOutUpright) {
  for (const bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "Motorola order" : "Intel order");
    // 6: the camera was turned right; the stored left edge is the photo's top.
    const std::string photo =
        testing::WithSegmentsAfterSoi(RedLeftBlueRight(), ExifOrientation(6, big_endian));
    EXPECT_EQ(JpegExifOrientation(photo), 6);
    const auto result = Reencode(photo);
    ASSERT_TRUE(std::holds_alternative<Reencoded>(result));
    const auto& encoded = std::get<Reencoded>(result);
    EXPECT_EQ(encoded.width, 20);
    EXPECT_EQ(encoded.height, 40);
    const auto upright = testing::Decode(encoded.variants.at(1).bytes, "jpg");
    ASSERT_TRUE(upright);
    EXPECT_EQ(gdImageSX(upright.get()), 20);
    EXPECT_TRUE(Reddish(upright.get(), 10, 5)) << "the red half is on top";
    EXPECT_FALSE(Reddish(upright.get(), 10, 35));
  }
}

TEST(ImageOrientation, EveryOrientationMovesTheTopLeftCornerWhereExifSays) {
  // Where the stored top-left pixel (red, in a blue image) ends up, for each orientation.
  struct Case {
    int orientation;
    int x, y;  // in the 4 × 2 stored image's result
  };
  const Case cases[] = {{2, 3, 0}, {3, 3, 1}, {4, 0, 1}, {5, 0, 0},
                        {6, 1, 0}, {7, 1, 3}, {8, 0, 3}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.orientation);
    testing::Image stored(gdImageCreateTrueColor(4, 2));
    gdImageFilledRectangle(stored.get(), 0, 0, 3, 1, gdTrueColor(0, 0, 255));
    gdImageSetPixel(stored.get(), 0, 0, gdTrueColor(255, 0, 0));
    testing::Image turned(ApplyOrientation(stored.get(), c.orientation));
    ASSERT_TRUE(turned);
    EXPECT_EQ(gdImageSX(turned.get()), c.orientation >= 5 ? 2 : 4);
    EXPECT_TRUE(Reddish(turned.get(), c.x, c.y));
  }
  testing::Image stored(gdImageCreateTrueColor(4, 2));
  EXPECT_FALSE(ApplyOrientation(stored.get(), 1)) << "nothing to do";
  EXPECT_FALSE(ApplyOrientation(stored.get(), 9));
}

TEST(ImageOrientation, MalformedExifIsReadAsUpright) {
  const std::string plain = RedLeftBlueRight();
  EXPECT_EQ(JpegExifOrientation(plain), 1);
  // IFD0 said to lie far past the end of the segment.
  std::string far = ExifOrientation(6, false);
  far[4 + 6 + 4] = '\xF0';
  far[4 + 6 + 5] = '\xF0';
  EXPECT_EQ(JpegExifOrientation(testing::WithSegmentsAfterSoi(plain, far)), 1);
  // An orientation of 9 is no orientation.
  EXPECT_EQ(JpegExifOrientation(testing::WithSegmentsAfterSoi(plain, ExifOrientation(9, true))), 1);
  EXPECT_EQ(JpegExifOrientation(testing::WithSegmentsAfterSoi(
                plain, testing::JpegSegment(0xE1, std::string("Exif\0\0XX", 8)))),
            1);
  EXPECT_EQ(JpegExifOrientation("\xFF\xD8\xFF\xE1\xFF\xFF"), 1) << "a length past the end";
}

}  // namespace
}  // namespace broadsheet::media
