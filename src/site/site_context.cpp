#include "site/site_context.h"

#include <cctype>

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

// The Host as an origin writes it: lower case, without the scheme's default port. The cache
// is keyed by origin, so "LocalHost:80" and "localhost" must be one key, not two.
std::string NormalizedHost(std::string_view host, bool https) {
  std::string normalized(host);
  for (char& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view default_port = https ? ":443" : ":80";
  if (normalized.ends_with(default_port)) {
    normalized.resize(normalized.size() - default_port.size());
  }
  return normalized;
}

}  // namespace

std::string SiteOrigin(const SiteSettings& settings, const http::Request& request) {
  if (!settings.base_url.empty()) return settings.base_url;
  const std::string_view host = request.Header("Host");
  const char* scheme = request.https ? "https://" : "http://";
  return scheme + (IsPlausibleHost(host) ? NormalizedHost(host, request.https) : "localhost");
}

std::string CacheKeyPrefix(const SiteSettings& settings, const http::Request& request) {
  if (!settings.base_url.empty()) return {};
  return SiteOrigin(settings, request) + "|";
}

}  // namespace broadsheet::site
