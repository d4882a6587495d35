// Removes metadata segments from a JPEG: every COM and every APPn except the APP0 "JFIF"
// header. Private to media/: image_encoder.cpp runs it on libgd's output, which carries a
// "CREATOR: gd-jpeg" comment. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::media {

// `jpeg` without its COM and non-JFIF APPn segments; everything from SOS on is kept as it is.
// Throws std::runtime_error when the marker structure before SOS is broken (it is our own
// encoder's output, so that is a bug, not a user mistake).
std::string StripJpegMetadata(std::string_view jpeg);

}  // namespace broadsheet::media
