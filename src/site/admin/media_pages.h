// Pictures in the back office: the upload (POST /admin/media, multipart, its own body limit
// [media] max_upload_bytes), decoded and re-encoded on the worker pool at 480, 960 and 1600
// pixels wide as WebP and JPEG (media/image_encoder.h) and stored by content hash; the media
// library with where each picture is used; and the deletion of unused ones.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

inline constexpr std::string_view kUploadPath = "/admin/media";

http::Response ServeMediaLibrary(const DeskContext& desk, const http::Request& request);
// POST /admin/media: parts csrf, file (the picture), alt (its description).
http::Response ServeMediaUpload(const DeskContext& desk, const http::Request& request);
// POST /admin/media/delete: id.
http::Response ServeMediaDelete(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
