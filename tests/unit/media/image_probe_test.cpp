#include "media/image_probe.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/media/test_images.h"

namespace broadsheet::media {
namespace {

using testing::Picture;

void ExpectProbe(const std::string& bytes, ImageFormat format, int width, int height) {
  const auto header = ProbeImage(bytes);
  ASSERT_TRUE(header) << FormatName(format);
  EXPECT_EQ(header->format, format);
  EXPECT_EQ(header->width, width);
  EXPECT_EQ(header->height, height);
}

// No prefix shorter than the bytes the probe needs may be read as an image.
void ExpectTruncationsRefused(const std::string& bytes, std::size_t header_bytes) {
  for (std::size_t n = 0; n < header_bytes; ++n) {
    EXPECT_FALSE(ProbeImage(bytes.substr(0, n))) << n << " bytes";
  }
}

TEST(ImageProbe, ReadsEachFormatsDimensions) {
  const auto picture = Picture(123, 45);
  ExpectProbe(testing::PngOf(picture.get()), ImageFormat::kPng, 123, 45);
  ExpectProbe(testing::JpegOf(picture.get()), ImageFormat::kJpeg, 123, 45);
  ExpectProbe(testing::GifOf(picture.get()), ImageFormat::kGif, 123, 45);
  ExpectProbe(testing::AnimatedGif(31, 17), ImageFormat::kGif, 31, 17);
}

TEST(ImageProbe, ReadsAllThreeWebpKinds) {
  const std::string lossy = testing::WebpOf(Picture(123, 45).get());
  ASSERT_EQ(lossy.substr(12, 4), "VP8 ");
  ExpectProbe(lossy, ImageFormat::kWebp, 123, 45);
  const std::string lossless = testing::WebpOf(Picture(123, 45).get(), gdWebpLossless);
  ASSERT_EQ(lossless.substr(12, 4), "VP8L");
  ExpectProbe(lossless, ImageFormat::kWebp, 123, 45);
  const std::string extended = testing::WebpOf(Picture(123, 45, /*alpha=*/true).get());
  ASSERT_EQ(extended.substr(12, 4), "VP8X");
  ExpectProbe(extended, ImageFormat::kWebp, 123, 45);
}

TEST(ImageProbe, RefusesTruncatedHeaders) {
  const auto picture = Picture(20, 10);
  ExpectTruncationsRefused(testing::PngOf(picture.get()), 24);
  ExpectTruncationsRefused(testing::GifOf(picture.get()), 10);
  ExpectTruncationsRefused(testing::WebpOf(picture.get()), 30);
  ExpectTruncationsRefused(testing::WebpOf(picture.get(), gdWebpLossless), 25);
  // A JPEG's frame header comes after its tables; cut anywhere before its end.
  const std::string jpeg = testing::JpegOf(picture.get());
  const std::size_t sof = jpeg.find("\xff\xc0");
  ASSERT_NE(sof, std::string::npos);
  ExpectTruncationsRefused(jpeg, sof + 9);
}

TEST(ImageProbe, RefusesGarbageAndZeroSizes) {
  EXPECT_FALSE(ProbeImage(""));
  EXPECT_FALSE(ProbeImage("hello, world"));
  EXPECT_FALSE(ProbeImage("<html><body>not an image</body></html>"));
  EXPECT_FALSE(ProbeImage(std::string("RIFF\x10\0\0\0WEBPVP8Z", 16) + std::string(20, 'x')));
  EXPECT_FALSE(ProbeImage(std::string("GIF89a\0\0\x10\0", 10)));
  EXPECT_FALSE(ProbeImage(testing::PngHeaderOnly(0, 10)));
  EXPECT_FALSE(ProbeImage(testing::PngHeaderOnly(0x80000000, 10)));
  EXPECT_FALSE(ProbeImage("\xff\xd8\xff\xd9"));                               // EOI before a frame
  EXPECT_FALSE(ProbeImage(std::string("\xff\xd8\xff\xe0\x00\x40JFIF", 10)));  // overruns
  EXPECT_FALSE(ProbeImage(std::string("\xff\xd8\xff\xda\x00\x02", 6)));       // SOS before a frame
}

TEST(ImageProbe, SkipsTablesThatShareTheFrameMarkerRange) {
  // DHT (C4), JPG (C8) and DAC (CC) sit among SOF0..SOF15 but hold no size.
  const std::string frame = testing::JpegSegment(
      0xc2, std::string("\x08\x00\x20\x00\x40\x01", 6) + std::string("\x01\x11\x00", 3));
  const std::string tables = testing::JpegSegment(0xc4, std::string(8, '\x7f')) +
                             testing::JpegSegment(0xc8, std::string(8, '\x7f')) +
                             testing::JpegSegment(0xcc, std::string(8, '\x7f'));
  const auto header = ProbeImage("\xff\xd8" + tables + "\xff\xff" + frame);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->width, 64);
  EXPECT_EQ(header->height, 32);
}

TEST(ImageProbe, ReadsHugeDeclaredSizesWithoutDecoding) {
  ExpectProbe(testing::PngHeaderOnly(100000, 100000), ImageFormat::kPng, 100000, 100000);
  // VP8X's 24-bit canvas: up to 16,777,216 on a side.
  const std::string vp8x = std::string("RIFF\x16\0\0\0WEBPVP8X\x0a\0\0\0", 20) +
                           std::string(4, '\0') + std::string(6, '\xff');
  ExpectProbe(vp8x, ImageFormat::kWebp, 1 << 24, 1 << 24);
}

TEST(ImageProbe, NamesFormats) {
  EXPECT_EQ(FormatName(ImageFormat::kJpeg), "JPEG");
  EXPECT_EQ(FormatName(ImageFormat::kPng), "PNG");
  EXPECT_EQ(FormatName(ImageFormat::kWebp), "WebP");
  EXPECT_EQ(FormatName(ImageFormat::kGif), "GIF");
}

}  // namespace
}  // namespace broadsheet::media
