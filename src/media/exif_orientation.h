// A photo's Exif orientation: phones store the sensor's pixels as they came and note in Exif
// how to turn them. Re-encoding drops Exif, so the turn is applied to the pixels first, or a
// portrait photo would come out lying on its side. Private to media/. Pure functions.
#pragma once

#include <gd.h>

#include <string_view>

namespace broadsheet::media {

// The orientation (1 to 8, Exif tag 0x0112 in IFD0) a JPEG's APP1 "Exif" segment declares;
// 1 (as stored) when it has none, or anything about it is out of bounds or malformed.
int JpegExifOrientation(std::string_view jpeg);

// `image` (truecolor) turned and mirrored as `orientation` says, as a new image; nullptr when
// the orientation is 1 (nothing to do) or unknown. Orientations 5 to 8 swap width and height.
gdImagePtr ApplyOrientation(gdImagePtr image, int orientation);

}  // namespace broadsheet::media
