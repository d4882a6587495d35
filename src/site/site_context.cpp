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

// Appends the Host as an origin writes it: lower case, without the scheme's default port. The
// cache is keyed by origin, so "LocalHost:80" and "localhost" must be one key, not two.
void AppendNormalizedHost(std::string& out, std::string_view host, bool https) {
  const std::string_view default_port = https ? ":443" : ":80";
  if (host.ends_with(default_port)) {
    host.remove_suffix(default_port.size());
  }
  for (char c : host) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
}

}  // namespace

void AppendSiteOrigin(std::string& out, const SiteSettings& settings,
                      const http::Request& request) {
  if (!settings.base_url.empty()) {
    out.append(settings.base_url);
    return;
  }
  const std::string_view host = request.Header("Host");
  out.append(request.https ? "https://" : "http://");
  if (IsPlausibleHost(host)) {
    AppendNormalizedHost(out, host, request.https);
  } else {
    out.append("localhost");
  }
}

std::string SiteOrigin(const SiteSettings& settings, const http::Request& request) {
  std::string origin;
  AppendSiteOrigin(origin, settings, request);
  return origin;
}

void AppendCacheKeyPrefix(std::string& out, const SiteSettings& settings,
                          const http::Request& request) {
  if (!settings.base_url.empty()) return;
  AppendSiteOrigin(out, settings, request);
  out.push_back('|');
}

}  // namespace broadsheet::site
