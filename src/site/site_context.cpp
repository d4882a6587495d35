#include "site/site_context.h"

namespace broadsheet::site {
namespace {

// Host names and ports only: a Host header is reflected into canonical links, so anything
// else (quotes, spaces, slashes) is refused.
bool IsPlausibleHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string SiteOrigin(const SiteSettings& settings, const http::Request& request) {
  if (!settings.base_url.empty()) return settings.base_url;
  const std::string_view host = request.Header("Host");
  const char* scheme = request.https ? "https://" : "http://";
  return scheme + std::string(IsPlausibleHost(host) ? host : "localhost");
}

std::string CacheKeyPrefix(const SiteSettings& settings, const http::Request& request) {
  if (!settings.base_url.empty()) return {};
  return SiteOrigin(settings, request) + "|";
}

}  // namespace broadsheet::site
