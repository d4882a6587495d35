// The cross-site check for public forms (DESIGN.md §4a): a POST whose Origin (or, failing
// that, Sec-Fetch-Site, or as a last resort Referer) shows another site is refused; a POST
// carrying none of the three is accepted (old clients, privacy tools). Pure function.
#pragma once

#include <string_view>

namespace broadsheet::security {

// `site_origin` is "scheme://host[:port]" without a trailing slash.
bool IsCrossSiteRequest(std::string_view origin, std::string_view sec_fetch_site,
                        std::string_view referer, std::string_view site_origin);

}  // namespace broadsheet::security
