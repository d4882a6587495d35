// GET /media/{hash}-{width}.{webp|jpg}: the re-encoded variants of uploaded pictures, from
// [media] dir. Content-addressed, so a name always means the same bytes: a year's cache
// lifetime, immutable. Never an uploaded file as uploaded (media/image_encoder.h).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeMedia(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
