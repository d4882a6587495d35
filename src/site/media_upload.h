// A picture stored the one way Broadsheet stores pictures (issue 11, and the importers of
// issue 14): re-encoded to its WebP and JPEG variants with no metadata, the variants written
// to the media folder, then its row added. Thread-safe as the store and the folder are.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "media/image_encoder.h"
#include "media/media_directory.h"
#include "store/store.h"

namespace broadsheet::site {

// Stores `upload` with `details`' alt, original_name, uploaded_by and uploaded_at. Returns the
// row's id (the existing one for bytes stored before), or why the picture was refused (not a
// picture, too many pixels). Throws std::runtime_error when the folder cannot be written:
// the variants written so far are removed first, and no row names missing files.
std::variant<store::MediaAdded, std::string> StoreUpload(store::Store& store,
                                                         const media::MediaDirectory& directory,
                                                         std::string_view upload,
                                                         const store::MediaRow& details,
                                                         const media::ReencodeLimits& limits);

}  // namespace broadsheet::site
