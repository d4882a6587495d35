// The security code's small uncached endpoints (DESIGN.md §4): GET /captcha/new mints a sealed
// token of the site's challenge kind, bound to the requester's address key (JSON,
// Cache-Control: no-store); /captcha/image and /captcha/audio draw and speak an image token's
// answer on the worker pool, for the address it was issued to and until it expires. All three
// share one allowance per address ([captcha] per_address per window_s). Any node can serve a
// token another minted (they share the key). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

// Counts one security code against the address's allowance ([captcha] per_address): nullopt
// when allowed, else the 429 to send. Every page or answer that mints a code calls it.
std::optional<http::Response> CaptchaAllowanceExceeded(const SiteContext& context,
                                                       const std::string& address_key);

http::Response ServeNewCaptcha(const SiteContext& context, const http::Request& request);
http::Response ServeCaptchaImage(const SiteContext& context, const http::Request& request);
http::Response ServeCaptchaAudio(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
