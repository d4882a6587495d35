// Which image format an upload is and how large it says it is, read from its header alone,
// never decoding: the upload path checks the pixel count before handing bytes to a decoder.
// Pure functions of untrusted input; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace broadsheet::media {

enum class ImageFormat { kJpeg, kPng, kWebp, kGif };

struct ImageHeader {
  ImageFormat format;
  std::int64_t width;
  std::int64_t height;
};

// The format and declared size of a JPEG (first SOFn frame), PNG (IHDR), GIF (logical screen)
// or WebP (VP8, VP8L or VP8X canvas). nullopt for anything else, a truncated header, or a
// zero width or height. Trailing bytes are not looked at.
std::optional<ImageHeader> ProbeImage(std::string_view bytes);

// "JPEG", "PNG", "WebP" or "GIF".
std::string_view FormatName(ImageFormat format);

}  // namespace broadsheet::media
