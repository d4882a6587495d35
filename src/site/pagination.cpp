#include "site/pagination.h"

namespace broadsheet::site {
namespace {

// Pages shown either side of the current one.
constexpr int kNeighbours = 2;

}  // namespace

std::string PageUrl(const std::string& base_path, int page) {
  if (page == 1) return base_path;
  // A base with a query of its own ("/search?q=cafe") takes the page as one more parameter.
  return base_path + (base_path.find('?') == std::string::npos ? "?page=" : "&page=") +
         std::to_string(page);
}

render::TemplateData PaginationData(const std::string& base_path, int page, int pages) {
  render::TemplateData data;
  data.set("page", std::to_string(page));
  data.set("pages", std::to_string(pages));
  data.set("has_prev", page > 1);
  data.set("prev_url", PageUrl(base_path, std::max(1, page - 1)));
  data.set("has_next", page < pages);
  data.set("next_url", PageUrl(base_path, std::min(pages, page + 1)));
  render::TemplateData links{render::TemplateData::type::list};
  int shown = 0;  // the last page number listed
  for (int number = 1; number <= pages; ++number) {
    const bool near = number >= page - kNeighbours && number <= page + kNeighbours;
    if (number != 1 && number != pages && !near) continue;
    render::TemplateData link;
    link.set("gap", number > shown + 1);
    link.set("number", std::to_string(number));
    link.set("url", PageUrl(base_path, number));
    link.set("current", number == page);
    links << link;
    shown = number;
  }
  data.set("page_links", links);
  return data;
}

}  // namespace broadsheet::site
