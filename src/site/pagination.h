// The numbered page links under a listing: first, last, and two either side of the current
// page, with gaps between ("1 … 4 5 [6] 7 8 … 40"), plus previous and next (rel="prev" and
// rel="next"). Pure.
#pragma once

#include <string>

#include "render/template_set.h"

namespace broadsheet::site {

// The address of page `page` of the listing at `base_path` (page 1 is the base path itself;
// a base path with a query string gets "&page=N").
std::string PageUrl(const std::string& base_path, int page);

// The data of templates/pagination.mustache. Requires: 1 <= page <= pages.
render::TemplateData PaginationData(const std::string& base_path, int page, int pages);

}  // namespace broadsheet::site
