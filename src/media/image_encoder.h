// Turns an uploaded image into fresh WebP and JPEG files at a few widths. Only pixels survive:
// the outputs are encoded from decoded pixels, so metadata, comments, trailing bytes and
// anything smuggled inside the upload are gone. Used by the upload handler; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace broadsheet::media {

struct EncodedImage {
  int width = 0;
  int height = 0;
  std::string extension;  // "webp" or "jpg"
  std::string bytes;
};

struct ReencodeLimits {
  // Decoding costs 4 bytes a pixel, so 40 MP is 160 MB of memory per upload. Most cameras
  // give 24-45 MP; a larger file is refused and has to be resized before upload.
  std::int64_t max_pixels = 40'000'000;
  // The widths pages ask for (srcset); an image is never made wider than it is.
  std::vector<int> widths = {480, 960, 1600};
};

struct Reencoded {
  int width = 0;  // the original's, upright (Exif orientation applied)
  int height = 0;
  std::vector<EncodedImage> variants;  // per width, narrowest first: the WebP, then the JPEG
};

// Probes `upload`, refuses it before any decoding when it is not a JPEG, PNG, WebP or GIF or
// has more than `limits.max_pixels` pixels, then decodes it (a GIF's first frame) and encodes
// each width: every configured width up to the original's, plus the original width when it
// is narrower than the widest configured one. Heights keep the aspect ratio.
// Returns the variants, or a reader-facing error text for an upload we refuse. Throws
// std::runtime_error when encoding fails (out of memory).
std::variant<Reencoded, std::string> Reencode(std::string_view upload,
                                              const ReencodeLimits& limits = {});

}  // namespace broadsheet::media
