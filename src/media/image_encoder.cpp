#include "media/image_encoder.h"

#include <gd.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include "media/exif_orientation.h"
#include "media/image_probe.h"
#include "media/jpeg_metadata.h"

namespace broadsheet::media {
namespace {

// WebP at 80 and JPEG at 82 look alike on photographs; both are the usual web defaults.
constexpr int kWebpQuality = 80;
constexpr int kJpegQuality = 82;

constexpr std::string_view kNotAnImage = "not a JPEG, PNG, WebP or GIF image";
constexpr std::string_view kUndecodable = "the image could not be decoded";

struct ImageDeleter {
  void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using Image = std::unique_ptr<gdImage, ImageDeleter>;

struct GdFree {
  void operator()(void* bytes) const { gdFree(bytes); }
};

std::string TooLarge(const ImageHeader& header, std::int64_t max_pixels) {
  std::string limit = max_pixels % 1'000'000 == 0
                          ? std::to_string(max_pixels / 1'000'000) + " megapixels"
                          : std::to_string(max_pixels) + " pixels";
  return "the image is " + std::to_string(header.width) + " × " + std::to_string(header.height) +
         " pixels; the limit is " + limit;
}

Image Decode(ImageFormat format, std::string_view upload) {
  // libgd takes a non-const pointer but only reads through it.
  void* data = const_cast<char*>(upload.data());
  const int size = static_cast<int>(upload.size());
  switch (format) {
    case ImageFormat::kJpeg:
      return Image(gdImageCreateFromJpegPtr(size, data));
    case ImageFormat::kPng:
      return Image(gdImageCreateFromPngPtr(size, data));
    case ImageFormat::kWebp:
      return Image(gdImageCreateFromWebpPtr(size, data));
    case ImageFormat::kGif:
      return Image(gdImageCreateFromGifPtr(size, data));
  }
  return nullptr;
}

// The widths to make for an original `width` pixels wide, narrowest first.
std::vector<int> VariantWidths(int width, std::vector<int> configured) {
  std::erase_if(configured, [](int w) { return w <= 0; });
  std::sort(configured.begin(), configured.end());
  configured.erase(std::unique(configured.begin(), configured.end()), configured.end());
  std::vector<int> widths;
  for (const int w : configured) {
    if (w <= width) widths.push_back(w);
  }
  const bool narrower = configured.empty() || width < configured.back();
  if (narrower && (widths.empty() || widths.back() != width)) widths.push_back(width);
  return widths;
}

Image NewTrueColor(int width, int height) {
  Image image(gdImageCreateTrueColor(width, height));
  if (!image) throw std::runtime_error("media: gdImageCreateTrueColor failed");
  return image;
}

// `source` resampled to `width` × `height` onto a fresh image, alpha kept.
Image Resample(gdImagePtr source, int width, int height) {
  Image scaled = NewTrueColor(width, height);
  gdImageAlphaBlending(scaled.get(), 0);  // copy alpha rather than blend it away
  gdImageSaveAlpha(scaled.get(), 1);
  gdImageCopyResampled(scaled.get(), source, 0, 0, 0, 0, width, height, gdImageSX(source),
                       gdImageSY(source));
  return scaled;
}

// `image` over white: JPEG has no alpha, and transparent pixels would otherwise turn black.
Image FlattenOnWhite(gdImagePtr image) {
  Image flat = NewTrueColor(gdImageSX(image), gdImageSY(image));
  gdImageFilledRectangle(flat.get(), 0, 0, gdImageSX(image) - 1, gdImageSY(image) - 1,
                         gdTrueColor(255, 255, 255));
  gdImageAlphaBlending(flat.get(), 1);
  gdImageCopy(flat.get(), image, 0, 0, 0, 0, gdImageSX(image), gdImageSY(image));
  return flat;
}

std::string Take(void* bytes, int size, const char* what) {
  const std::unique_ptr<void, GdFree> owned(bytes);
  if (!bytes || size <= 0) throw std::runtime_error(std::string("media: ") + what + " failed");
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

EncodedImage Webp(gdImagePtr image) {
  int size = 0;
  void* bytes = gdImageWebpPtrEx(image, &size, kWebpQuality);
  return {gdImageSX(image), gdImageSY(image), "webp", Take(bytes, size, "WebP encoding")};
}

EncodedImage Jpeg(gdImagePtr image) {
  const Image flat = FlattenOnWhite(image);
  int size = 0;
  void* bytes = gdImageJpegPtr(flat.get(), &size, kJpegQuality);
  return {gdImageSX(image), gdImageSY(image), "jpg",
          StripJpegMetadata(Take(bytes, size, "JPEG encoding"))};
}

}  // namespace

std::variant<Reencoded, std::string> Reencode(std::string_view upload,
                                              const ReencodeLimits& limits) {
  const std::optional<ImageHeader> header = ProbeImage(upload);
  if (!header) return std::string(kNotAnImage);
  // Checked on the declared size, before libgd sees a byte: a small file can declare a huge
  // image, and decoding allocates for the declared size.
  if (header->width > limits.max_pixels / header->height || header->width > INT_MAX ||
      header->height > INT_MAX) {
    return TooLarge(*header, limits.max_pixels);
  }
  if (upload.size() > INT_MAX) return std::string(kUndecodable);  // libgd takes an int size
  Image original = Decode(header->format, upload);
  // A decoder that disagrees with the header read something else than we checked. A GIF's
  // header gives the screen, and libgd makes the first frame, which may be smaller (never
  // larger: libgd refuses such a frame).
  if (!original) return std::string(kUndecodable);
  const int decoded_width = gdImageSX(original.get());
  const int decoded_height = gdImageSY(original.get());
  const bool agrees = header->format == ImageFormat::kGif
                          ? decoded_width <= header->width && decoded_height <= header->height
                          : decoded_width == header->width && decoded_height == header->height;
  if (!agrees || decoded_width <= 0 || decoded_height <= 0) return std::string(kUndecodable);
  if (!gdImageTrueColor(original.get()) && !gdImagePaletteToTrueColor(original.get())) {
    throw std::runtime_error("media: gdImagePaletteToTrueColor failed");
  }
  // A phone's portrait photo is stored on its side with a note in Exif, which re-encoding
  // drops: each variant is turned upright. Sizes are the upright picture's; each variant is
  // scaled first and turned after, so the turn costs a pass over the small image only.
  const int orientation = header->format == ImageFormat::kJpeg ? JpegExifOrientation(upload) : 1;
  const bool sideways = orientation >= 5;
  Reencoded result{
      sideways ? decoded_height : decoded_width, sideways ? decoded_width : decoded_height, {}};
  for (const int width : VariantWidths(result.width, limits.widths)) {
    // Rounded to the nearest pixel, and never 0 for a very wide, short image.
    const auto height = static_cast<int>(std::max<std::int64_t>(
        1, std::llround(static_cast<double>(result.height) * width / result.width)));
    Image scaled = sideways ? Resample(original.get(), height, width)
                            : Resample(original.get(), width, height);
    if (Image upright{ApplyOrientation(scaled.get(), orientation)}) scaled = std::move(upright);
    result.variants.push_back(Webp(scaled.get()));
    result.variants.push_back(Jpeg(scaled.get()));
  }
  return result;
}

}  // namespace broadsheet::media
