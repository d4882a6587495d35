#include "media/image_probe.h"

namespace broadsheet::media {
namespace {

std::uint32_t Byte(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

// Readers of fixed-width integers. Requires: the bytes are in range (callers check size).
std::uint32_t BigEndian16(std::string_view b, std::size_t at) {
  return Byte(b, at) << 8 | Byte(b, at + 1);
}
std::uint32_t BigEndian32(std::string_view b, std::size_t at) {
  return BigEndian16(b, at) << 16 | BigEndian16(b, at + 2);
}
std::uint32_t LittleEndian16(std::string_view b, std::size_t at) {
  return Byte(b, at) | Byte(b, at + 1) << 8;
}
std::uint32_t LittleEndian24(std::string_view b, std::size_t at) {
  return LittleEndian16(b, at) | Byte(b, at + 2) << 16;
}
std::uint32_t LittleEndian32(std::string_view b, std::size_t at) {
  return LittleEndian16(b, at) | LittleEndian16(b, at + 2) << 16;
}

std::optional<ImageHeader> Sized(ImageFormat format, std::int64_t width, std::int64_t height) {
  if (width <= 0 || height <= 0) return std::nullopt;
  return ImageHeader{format, width, height};
}

// Signature, then the IHDR chunk, which PNG requires to come first: length 13, "IHDR",
// width and height as 31-bit big-endian numbers.
std::optional<ImageHeader> ProbePng(std::string_view b) {
  if (!b.starts_with("\x89PNG\r\n\x1a\n") || b.size() < 24) return std::nullopt;
  if (BigEndian32(b, 8) != 13 || b.substr(12, 4) != "IHDR") return std::nullopt;
  const std::uint32_t width = BigEndian32(b, 16);
  const std::uint32_t height = BigEndian32(b, 20);
  if (width > 0x7fffffff || height > 0x7fffffff) return std::nullopt;
  return Sized(ImageFormat::kPng, width, height);
}

// The logical screen's size. libgd gives the first frame's, which may be smaller (the encoder
// accepts that); the screen bounds what decoding can allocate.
std::optional<ImageHeader> ProbeGif(std::string_view b) {
  if (!(b.starts_with("GIF87a") || b.starts_with("GIF89a")) || b.size() < 10) {
    return std::nullopt;
  }
  return Sized(ImageFormat::kGif, LittleEndian16(b, 6), LittleEndian16(b, 8));
}

// Walks the marker segments after SOI to the first start-of-frame, which holds the size.
// Entropy-coded data only follows SOS, so every byte before the frame header is a marker or
// a length-prefixed segment.
std::optional<ImageHeader> ProbeJpeg(std::string_view b) {
  if (!b.starts_with("\xff\xd8")) return std::nullopt;
  std::size_t at = 2;
  while (at < b.size()) {
    if (Byte(b, at) != 0xff) return std::nullopt;
    while (at < b.size() && Byte(b, at) == 0xff) ++at;  // fill bytes before a marker
    if (at == b.size()) return std::nullopt;
    const std::uint32_t marker = Byte(b, at++);
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;  // no length
    if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda) {
      return std::nullopt;  // stuffing, a second SOI, EOI or SOS before any frame
    }
    if (at + 2 > b.size()) return std::nullopt;
    const std::uint32_t length = BigEndian16(b, at);  // counts itself, not the marker
    if (length < 2 || at + length > b.size()) return std::nullopt;
    // SOF0..SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.
    const bool frame =
        marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (frame) {
      if (length < 7) return std::nullopt;  // length, precision, height, width
      return Sized(ImageFormat::kJpeg, BigEndian16(b, at + 5), BigEndian16(b, at + 3));
    }
    at += length;
  }
  return std::nullopt;
}

// RIFF container, "WEBP", then the first chunk: lossy "VP8 ", lossless "VP8L", or extended
// "VP8X" whose canvas is the image size.
std::optional<ImageHeader> ProbeWebp(std::string_view b) {
  if (b.size() < 20 || !b.starts_with("RIFF") || b.substr(8, 4) != "WEBP") return std::nullopt;
  const std::string_view chunk = b.substr(12, 4);
  constexpr std::size_t kData = 20;
  if (chunk == "VP8 ") {
    // A key frame's 3-byte tag (bit 0 clear), start code 9d 01 2a, then 14-bit sizes.
    if (b.size() < kData + 10 || (Byte(b, kData) & 1) != 0) return std::nullopt;
    if (b.substr(kData + 3, 3) != "\x9d\x01\x2a") return std::nullopt;
    return Sized(ImageFormat::kWebp, LittleEndian16(b, kData + 6) & 0x3fff,
                 LittleEndian16(b, kData + 8) & 0x3fff);
  }
  if (chunk == "VP8L") {
    // Signature 0x2f, then width-1 and height-1 in 14 bits each, least significant first.
    if (b.size() < kData + 5 || Byte(b, kData) != 0x2f) return std::nullopt;
    const std::uint32_t bits = LittleEndian32(b, kData + 1);
    return Sized(ImageFormat::kWebp, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk == "VP8X") {
    // Flags and 3 reserved bytes, then canvas width-1 and height-1 in 24 bits each.
    if (b.size() < kData + 10) return std::nullopt;
    return Sized(ImageFormat::kWebp, LittleEndian24(b, kData + 4) + 1,
                 LittleEndian24(b, kData + 7) + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageHeader> ProbeImage(std::string_view bytes) {
  for (const auto probe : {ProbePng, ProbeJpeg, ProbeGif, ProbeWebp}) {
    if (auto header = probe(bytes)) return header;
  }
  return std::nullopt;
}

std::string_view FormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg:
      return "JPEG";
    case ImageFormat::kPng:
      return "PNG";
    case ImageFormat::kWebp:
      return "WebP";
    case ImageFormat::kGif:
      return "GIF";
  }
  return "image";
}

}  // namespace broadsheet::media
