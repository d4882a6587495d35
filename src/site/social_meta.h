// The <meta> tags that make a shared link a card (issue 13): Open Graph (og:type, title,
// description, url, site_name, image with its size and alt; for an article its times, author
// page, section and tags) and the Twitter card (summary_large_image with a picture, else
// summary). Every value escaped for an HTML attribute. Pure.
#pragma once

#include <string>

#include "site/page_data.h"

namespace broadsheet::site {

std::string SocialMetaTags(const PageMeta& meta, const std::string& site_name,
                           const std::string& title, const std::string& description,
                           const std::string& canonical_url);

}  // namespace broadsheet::site
