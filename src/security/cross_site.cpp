#include "security/cross_site.h"

namespace broadsheet::security {

bool IsCrossSiteRequest(std::string_view origin, std::string_view sec_fetch_site,
                        std::string_view referer, std::string_view site_origin) {
  if (!origin.empty()) return origin != site_origin;  // "null" (sandboxed, file:) is foreign
  if (!sec_fetch_site.empty()) {
    return sec_fetch_site != "same-origin" && sec_fetch_site != "none";
  }
  if (!referer.empty()) {
    // The referer must be the origin itself or a path below it ("https://a.org/x", not
    // "https://a.org.evil.example/").
    if (!referer.starts_with(site_origin)) return true;
    const std::string_view rest = referer.substr(site_origin.size());
    return !(rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#');
  }
  return false;
}

}  // namespace broadsheet::security
