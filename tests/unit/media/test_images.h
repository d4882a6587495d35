// Images made in memory for the media tests: real files written by libgd, and the byte-level
// surgery (chunks, segments, appended payloads) that hostile uploads are made of.
#pragma once

#include <gd.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::media::testing {

struct ImageDeleter {
  void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using Image = std::unique_ptr<gdImage, ImageDeleter>;

// A truecolor picture with a gradient and a rectangle; half transparent when `alpha`.
Image Picture(int width, int height, bool alpha = false);

std::string PngOf(gdImagePtr image);
std::string JpegOf(gdImagePtr image);
std::string GifOf(gdImagePtr image);  // palette-converted by libgd
// `quality` 101 (gdWebpLossless) writes VP8L; an opaque lossy image is VP8, with alpha VP8X.
std::string WebpOf(gdImagePtr image, int quality = 80);
// Three frames, each a different colour, on a width × height screen.
std::string AnimatedGif(int width, int height);

// A PNG chunk with its CRC.
std::string PngChunk(std::string_view type, std::string_view data);
// A PNG signature and an IHDR declaring width × height (8-bit RGB), and nothing else.
std::string PngHeaderOnly(std::uint32_t width, std::uint32_t height);
// `png` with `chunk` inserted just before its IEND chunk.
std::string WithChunkBeforeIend(std::string_view png, std::string_view chunk);

// A JPEG segment: FF `marker`, the length, the payload.
std::string JpegSegment(unsigned marker, std::string_view payload);
// `jpeg` with `segments` inserted right after SOI.
std::string WithSegmentsAfterSoi(std::string_view jpeg, std::string_view segments);
// The markers of `jpeg` from SOI up to and including SOS, in order.
std::vector<unsigned> JpegMarkers(std::string_view jpeg);

// libgd's decoding of `bytes` ("webp" or "jpg"), or nullptr.
Image Decode(std::string_view bytes, std::string_view extension);

}  // namespace broadsheet::media::testing
