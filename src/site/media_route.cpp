#include "site/media_route.h"

#include "media/media_directory.h"
#include "media/media_name.h"

namespace broadsheet::site {

http::Response ServeMedia(const SiteContext& context, const http::Request& request) {
  constexpr std::string_view kPrefix = "/media/";
  const std::string_view name = std::string_view(request.path).substr(kPrefix.size());
  // Only names of the exact shape we write reach the file system: no "..", no other files.
  const auto variant = media::ParseVariantFileName(name);
  if (!variant) return http::Response::Text(404, "No such picture.\n");
  const std::string etag = "\"" + std::string(name) + "\"";
  auto bytes = context.media.Read(std::string(name));
  if (!bytes) return http::Response::Text(404, "No such picture.\n");
  http::Response response;
  response.SetHeader("Content-Type", variant->extension == "webp" ? "image/webp" : "image/jpeg");
  response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("ETag", etag);
  if (request.Header("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  response.body = std::move(*bytes);
  return response;
}

}  // namespace broadsheet::site
