// The headers every response carries unless its handler set them (issue 9, defence in depth):
// a Content-Security-Policy that allows no inline script or style (the pages have none; the
// JSON-LD block is data, not script), nosniff, a referrer policy, a permissions policy that
// turns off what a news page never uses, no framing, and HSTS when the site is https.
// Pure function.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace broadsheet::site {

// The policy's text, for tests and docs.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'";

// `https`: [site] url is https (HSTS is then sent too).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool https);

}  // namespace broadsheet::site
