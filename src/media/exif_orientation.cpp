#include "media/exif_orientation.h"

#include <cstdint>

namespace broadsheet::media {
namespace {

constexpr unsigned kSoi = 0xD8;
constexpr unsigned kApp1 = 0xE1;
constexpr unsigned kSos = 0xDA;
constexpr unsigned kEoi = 0xD9;
constexpr std::uint16_t kOrientationTag = 0x0112;
constexpr std::uint16_t kShortType = 3;

unsigned Byte(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

// Reads TIFF integers in the byte order the Exif block names ("II" little, "MM" big).
struct TiffReader {
  std::string_view tiff;
  bool little = true;
  bool Fits(std::size_t at, std::size_t size) const {
    return at <= tiff.size() && size <= tiff.size() - at;
  }
  std::uint32_t U16(std::size_t at) const {
    return little ? Byte(tiff, at) | Byte(tiff, at + 1) << 8
                  : Byte(tiff, at) << 8 | Byte(tiff, at + 1);
  }
  std::uint32_t U32(std::size_t at) const {
    return little ? U16(at) | U16(at + 2) << 16 : U16(at) << 16 | U16(at + 2);
  }
};

int OrientationInExif(std::string_view payload) {
  // "Exif\0\0", then a TIFF header: byte order, 42, the offset of IFD0.
  if (payload.size() < 14 || payload.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 1;
  TiffReader reader{payload.substr(6)};
  if (reader.tiff.substr(0, 2) == "MM") {
    reader.little = false;
  } else if (reader.tiff.substr(0, 2) != "II") {
    return 1;
  }
  if (reader.U16(2) != 42) return 1;
  const std::size_t ifd = reader.U32(4);
  if (!reader.Fits(ifd, 2)) return 1;
  const std::size_t entries = reader.U16(ifd);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + i * 12;
    if (!reader.Fits(entry, 12)) return 1;
    if (reader.U16(entry) != kOrientationTag) continue;
    if (reader.U16(entry + 2) != kShortType || reader.U32(entry + 4) != 1) return 1;
    const auto value = static_cast<int>(reader.U16(entry + 8));
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

}  // namespace

int JpegExifOrientation(std::string_view jpeg) {
  if (jpeg.size() < 4 || Byte(jpeg, 0) != 0xFF || Byte(jpeg, 1) != kSoi) return 1;
  std::size_t at = 2;
  // Segments up to the image data; fill bytes (FF FF) are skipped.
  while (at + 4 <= jpeg.size()) {
    if (Byte(jpeg, at) != 0xFF) return 1;
    const unsigned marker = Byte(jpeg, at + 1);
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    if (marker == kSos || marker == kEoi) return 1;
    const std::size_t length = Byte(jpeg, at + 2) << 8 | Byte(jpeg, at + 3);
    if (length < 2 || length > jpeg.size() - at - 2) return 1;
    if (marker == kApp1) {
      const int orientation = OrientationInExif(jpeg.substr(at + 4, length - 2));
      if (orientation != 1) return orientation;
    }
    at += 2 + length;
  }
  return 1;
}

gdImagePtr ApplyOrientation(gdImagePtr image, int orientation) {
  if (orientation < 2 || orientation > 8 || !gdImageTrueColor(image)) return nullptr;
  const int width = gdImageSX(image);
  const int height = gdImageSY(image);
  const bool swap = orientation >= 5;
  gdImagePtr turned = gdImageCreateTrueColor(swap ? height : width, swap ? width : height);
  if (!turned) return nullptr;
  gdImageAlphaBlending(turned, 0);
  gdImageSaveAlpha(turned, 1);
  const int out_width = gdImageSX(turned);
  const int out_height = gdImageSY(turned);
  // For each pixel of the result, the stored pixel it shows (Exif 2.3, tag 0x0112).
  for (int y = 0; y < out_height; ++y) {
    for (int x = 0; x < out_width; ++x) {
      int from_x = x;
      int from_y = y;
      switch (orientation) {
        case 2:
          from_x = width - 1 - x;
          break;  // mirrored
        case 3:
          from_x = width - 1 - x;
          from_y = height - 1 - y;
          break;  // upside down
        case 4:
          from_y = height - 1 - y;
          break;  // mirrored, upside down
        case 5:
          from_x = y;
          from_y = x;
          break;  // transposed
        case 6:
          from_x = y;
          from_y = height - 1 - x;
          break;  // turn right
        case 7:
          from_x = width - 1 - y;
          from_y = height - 1 - x;
          break;  // transversed
        case 8:
          from_x = width - 1 - y;
          from_y = x;
          break;  // turn left
        default:
          break;
      }
      turned->tpixels[y][x] = image->tpixels[from_y][from_x];
    }
  }
  return turned;
}

}  // namespace broadsheet::media
