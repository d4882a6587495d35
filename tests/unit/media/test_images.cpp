#include "unit/media/test_images.h"

#include <cstdint>
#include <stdexcept>

namespace broadsheet::media::testing {
namespace {

struct GdFree {
  void operator()(void* bytes) const { gdFree(bytes); }
};

std::string Take(void* bytes, int size) {
  const std::unique_ptr<void, GdFree> owned(bytes);
  if (!bytes) throw std::runtime_error("test image: libgd could not encode");
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

std::string BigEndian32(std::uint32_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
          static_cast<char>(n)};
}

// CRC-32 as PNG defines it (ISO 3309), bit by bit: tests need correctness, not speed.
std::uint32_t Crc32(std::string_view bytes) {
  std::uint32_t crc = 0xffffffff;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
  }
  return ~crc;
}

}  // namespace

Image Picture(int width, int height, bool alpha) {
  Image image(gdImageCreateTrueColor(width, height));
  gdImageAlphaBlending(image.get(), 0);
  gdImageSaveAlpha(image.get(), alpha ? 1 : 0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const int a = alpha && x < width / 2 ? gdAlphaTransparent : gdAlphaOpaque;
      gdImageSetPixel(image.get(), x, y,
                      gdTrueColorAlpha(x * 255 / width, y * 255 / height, 128, a));
    }
  }
  gdImageFilledRectangle(image.get(), width / 4, height / 4, width / 2, height / 2,
                         gdTrueColor(200, 30, 30));
  return image;
}

std::string PngOf(gdImagePtr image) {
  int size = 0;
  void* bytes = gdImagePngPtr(image, &size);
  return Take(bytes, size);
}

std::string JpegOf(gdImagePtr image) {
  int size = 0;
  void* bytes = gdImageJpegPtr(image, &size, 90);
  return Take(bytes, size);
}

std::string GifOf(gdImagePtr image) {
  int size = 0;
  void* bytes = gdImageGifPtr(image, &size);
  return Take(bytes, size);
}

std::string WebpOf(gdImagePtr image, int quality) {
  int size = 0;
  void* bytes = gdImageWebpPtrEx(image, &size, quality);
  return Take(bytes, size);
}

std::string AnimatedGif(int width, int height) {
  Image frame(gdImageCreate(width, height));
  const int colours[] = {gdImageColorAllocate(frame.get(), 255, 0, 0),
                         gdImageColorAllocate(frame.get(), 0, 255, 0),
                         gdImageColorAllocate(frame.get(), 0, 0, 255)};
  // Each call is its own statement: `size` must be read after the call that sets it.
  int size = 0;
  void* bytes = gdImageGifAnimBeginPtr(frame.get(), &size, 1, 0);
  std::string gif = Take(bytes, size);
  for (const int colour : colours) {
    gdImageFilledRectangle(frame.get(), 0, 0, width - 1, height - 1, colour);
    bytes = gdImageGifAnimAddPtr(frame.get(), &size, 0, 0, 0, 10, gdDisposalNone, nullptr);
    gif += Take(bytes, size);
  }
  bytes = gdImageGifAnimEndPtr(&size);
  return gif + Take(bytes, size);
}

std::string PngChunk(std::string_view type, std::string_view data) {
  const std::string body = std::string(type) + std::string(data);
  return BigEndian32(static_cast<std::uint32_t>(data.size())) + body + BigEndian32(Crc32(body));
}

std::string PngHeaderOnly(std::uint32_t width, std::uint32_t height) {
  // bit depth 8, colour type 2 (RGB), compression, filter, interlace 0
  const std::string ihdr =
      BigEndian32(width) + BigEndian32(height) + std::string("\x08\x02\0\0\0", 5);
  return "\x89PNG\r\n\x1a\n" + PngChunk("IHDR", ihdr);
}

std::string WithChunkBeforeIend(std::string_view png, std::string_view chunk) {
  const std::size_t iend = png.size() - 12;  // length, "IEND", CRC
  return std::string(png.substr(0, iend)) + std::string(chunk) + std::string(png.substr(iend));
}

std::string JpegSegment(unsigned marker, std::string_view payload) {
  const std::size_t length = payload.size() + 2;
  return std::string{'\xff', static_cast<char>(marker), static_cast<char>(length >> 8),
                     static_cast<char>(length & 0xff)} +
         std::string(payload);
}

std::string WithSegmentsAfterSoi(std::string_view jpeg, std::string_view segments) {
  return std::string(jpeg.substr(0, 2)) + std::string(segments) + std::string(jpeg.substr(2));
}

std::vector<unsigned> JpegMarkers(std::string_view jpeg) {
  std::vector<unsigned> markers;
  std::size_t at = 2;
  if (!jpeg.starts_with("\xff\xd8")) return markers;
  markers.push_back(0xd8);
  while (at + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[at]) == 0xff) {
    const unsigned marker = static_cast<unsigned char>(jpeg[at + 1]);
    markers.push_back(marker);
    if (marker == 0xda) break;
    at += 2 + (static_cast<unsigned char>(jpeg[at + 2]) << 8 |
               static_cast<unsigned char>(jpeg[at + 3]));
  }
  return markers;
}

Image Decode(std::string_view bytes, std::string_view extension) {
  void* data = const_cast<char*>(bytes.data());
  const int size = static_cast<int>(bytes.size());
  if (extension == "webp") return Image(gdImageCreateFromWebpPtr(size, data));
  if (extension == "jpg") return Image(gdImageCreateFromJpegPtr(size, data));
  return nullptr;
}

}  // namespace broadsheet::media::testing
