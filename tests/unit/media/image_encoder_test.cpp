#include "media/image_encoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "media/image_probe.h"
#include "unit/media/test_images.h"

namespace broadsheet::media {
namespace {

using testing::Picture;

Reencoded Expect(const std::variant<Reencoded, std::string>& result) {
  if (const auto* error = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << "refused: " << *error;
    return {};
  }
  return std::get<Reencoded>(result);
}

std::string ErrorOf(const std::variant<Reencoded, std::string>& result) {
  const auto* error = std::get_if<std::string>(&result);
  return error ? *error : "(accepted)";
}

// Every variant decodes at its stated size, and each width comes as WebP and JPEG.
std::vector<int> CheckedWidths(const Reencoded& image) {
  std::vector<int> widths;
  for (std::size_t i = 0; i < image.variants.size(); ++i) {
    const EncodedImage& variant = image.variants[i];
    const auto decoded = testing::Decode(variant.bytes, variant.extension);
    EXPECT_TRUE(decoded) << variant.extension << " " << variant.width;
    if (!decoded) continue;
    EXPECT_EQ(gdImageSX(decoded.get()), variant.width);
    EXPECT_EQ(gdImageSY(decoded.get()), variant.height);
    EXPECT_EQ(variant.extension, i % 2 == 0 ? "webp" : "jpg");
    if (i % 2 == 0) {
      widths.push_back(variant.width);
    } else {
      EXPECT_EQ(variant.width, image.variants[i - 1].width);
    }
  }
  return widths;
}

TEST(ImageEncoder, MakesConfiguredWidthsNeverWiderThanTheOriginal) {
  const struct {
    int width;
    std::vector<int> expected;
  } cases[] = {{700, {480, 700}}, {2000, {480, 960, 1600}}, {300, {300}}, {1600, {480, 960, 1600}}};
  for (const auto& c : cases) {
    const Reencoded image = Expect(Reencode(testing::PngOf(Picture(c.width, 100).get())));
    EXPECT_EQ(image.width, c.width);
    EXPECT_EQ(image.height, 100);
    EXPECT_EQ(CheckedWidths(image), c.expected) << c.width;
  }
}

TEST(ImageEncoder, KeepsTheAspectRatio) {
  const Reencoded image = Expect(Reencode(testing::JpegOf(Picture(1000, 500).get())));
  ASSERT_EQ(image.variants.size(), 6u);
  EXPECT_EQ(image.variants[0].height, 240);
  EXPECT_EQ(image.variants[2].height, 480);
  EXPECT_EQ(image.variants[4].height, 500);  // 1000 wide: the original width is the last
  const Reencoded sliver = Expect(Reencode(testing::PngOf(Picture(2000, 1).get())));
  EXPECT_EQ(sliver.variants[0].height, 1);  // rounds to 0, kept at 1
}

TEST(ImageEncoder, AcceptsEveryFormat) {
  const auto picture = Picture(640, 360);
  for (const std::string& upload :
       {testing::PngOf(picture.get()), testing::JpegOf(picture.get()),
        testing::GifOf(picture.get()), testing::WebpOf(picture.get()),
        testing::WebpOf(Picture(640, 360, true).get(), gdWebpLossless)}) {
    const Reencoded image = Expect(Reencode(upload));
    EXPECT_EQ(CheckedWidths(image), (std::vector<int>{480, 640}));
  }
}

TEST(ImageEncoder, TakesTheFirstFrameOfAnAnimatedGif) {
  const Reencoded image = Expect(Reencode(testing::AnimatedGif(200, 120)));
  EXPECT_EQ(CheckedWidths(image), std::vector<int>{200});
  const auto decoded = testing::Decode(image.variants[1].bytes, "jpg");
  ASSERT_TRUE(decoded);
  const int pixel = gdImageGetTrueColorPixel(decoded.get(), 100, 60);
  EXPECT_GT(gdTrueColorGetRed(pixel), 200);  // the first frame is red
  EXPECT_LT(gdTrueColorGetGreen(pixel), 60);
}

TEST(ImageEncoder, FlattensTransparencyOntoWhiteForJpeg) {
  const Reencoded image = Expect(Reencode(testing::PngOf(Picture(300, 100, true).get())));
  const auto decoded = testing::Decode(image.variants[1].bytes, "jpg");
  ASSERT_TRUE(decoded);
  const int pixel = gdImageGetTrueColorPixel(decoded.get(), 5, 95);  // a transparent corner
  EXPECT_GT(gdTrueColorGetRed(pixel), 240);
  EXPECT_GT(gdTrueColorGetGreen(pixel), 240);
  EXPECT_GT(gdTrueColorGetBlue(pixel), 240);
}

TEST(ImageEncoder, RefusesTooManyPixelsBeforeDecoding) {
  // Only a header: decoding would fail, with another message, had the size check not come first.
  EXPECT_EQ(ErrorOf(Reencode(testing::PngHeaderOnly(100000, 100000))),
            "the image is 100000 × 100000 pixels; the limit is 40 megapixels");
  EXPECT_EQ(ErrorOf(Reencode(testing::PngHeaderOnly(7000, 7000))),
            "the image is 7000 × 7000 pixels; the limit is 40 megapixels");
  EXPECT_EQ(ErrorOf(Reencode(testing::PngHeaderOnly(100, 100), {.max_pixels = 9999})),
            "the image is 100 × 100 pixels; the limit is 9999 pixels");
  EXPECT_EQ(ErrorOf(Reencode(testing::PngHeaderOnly(100, 100))), "the image could not be decoded");
}

TEST(ImageEncoder, RefusesWhatIsNotAnImage) {
  for (const std::string upload :
       {"plain text, not a picture", "<!doctype html><html><script>alert(1)</script></html>", ""}) {
    EXPECT_EQ(ErrorOf(Reencode(upload)), "not a JPEG, PNG, WebP or GIF image");
  }
}

TEST(ImageEncoder, RefusesAnImageThatDoesNotDecode) {
  std::string png = testing::PngOf(Picture(50, 50).get());
  png.resize(png.size() / 2);
  EXPECT_EQ(ErrorOf(Reencode(png)), "the image could not be decoded");
  std::string jpeg = testing::JpegOf(Picture(50, 50).get());
  EXPECT_EQ(ErrorOf(Reencode(jpeg.substr(0, jpeg.find("\xff\xda")))),
            "the image could not be decoded");
}

}  // namespace
}  // namespace broadsheet::media

namespace broadsheet::media {
namespace {

TEST(ImageEncoder, AGifWhoseFirstFrameIsSmallerThanItsScreenIsAccepted) {
  // Optimised GIFs often draw their first frame smaller than the logical screen; libgd decodes
  // the frame. The screen (bytes 6 to 9, little-endian) is made 20 pixels larger each way.
  std::string gif = testing::GifOf(testing::Picture(100, 60).get());
  ASSERT_EQ(static_cast<unsigned char>(gif[6]), 100u);
  gif[6] = static_cast<char>(120);
  gif[8] = static_cast<char>(80);
  ASSERT_EQ(ProbeImage(gif)->width, 120);
  const auto result = Reencode(gif);
  ASSERT_TRUE(std::holds_alternative<Reencoded>(result)) << std::get<std::string>(result);
  EXPECT_EQ(std::get<Reencoded>(result).width, 100) << "the frame's size, as decoded";
  EXPECT_EQ(std::get<Reencoded>(result).height, 60);
}

}  // namespace
}  // namespace broadsheet::media
