#include "site/media_upload.h"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <vector>

#include "media/media_name.h"

namespace broadsheet::site {

std::variant<store::MediaAdded, std::string> StoreUpload(store::Store& store,
                                                         const media::MediaDirectory& directory,
                                                         std::string_view upload,
                                                         const store::MediaRow& details,
                                                         const media::ReencodeLimits& limits) {
  auto result = media::Reencode(upload, limits);
  if (auto* refusal = std::get_if<std::string>(&result)) return std::move(*refusal);
  const auto& encoded = std::get<media::Reencoded>(result);
  store::MediaRow row = details;
  row.hash = media::ContentHash(upload);
  row.width = encoded.width;
  row.height = encoded.height;
  row.widths.clear();
  std::vector<std::string> written;
  try {
    for (const auto& variant : encoded.variants) {
      written.push_back(media::VariantFileName(row.hash, variant.width, variant.extension));
      directory.Write(written.back(), variant.bytes);
      if (row.widths.empty() || row.widths.back() != variant.width) {
        row.widths.push_back(variant.width);
      }
    }
  } catch (const std::runtime_error& error) {
    // A full or failing disk: nothing half stored stays behind.
    spdlog::error("media: could not store a picture: {}", error.what());
    for (const std::string& file : written) {
      try {
        directory.Remove(file);
      } catch (const std::exception&) {
        // Already reported above; a leftover file is only disk space.
      }
    }
    throw;
  }
  row.bytes = static_cast<std::int64_t>(upload.size());
  // Files first, then the row: a row never names files that are not there.
  return store.AddMedia(row);
}

}  // namespace broadsheet::site
