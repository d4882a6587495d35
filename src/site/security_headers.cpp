#include "site/security_headers.h"

namespace broadsheet::site {

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool https) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"Permissions-Policy",
       "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  // A year: browsers then refuse plain http for the site (an operator who sets an https
  // [site] url has committed to it).
  if (https) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace broadsheet::site
