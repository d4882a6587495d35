// Builds the data the templates receive (TEMPLATES: templates/README.md) from store rows, and
// wraps page content in the layout. Used by the page handlers on a cache miss. Thread-safe.
#pragma once

#include <string>

#include "render/template_set.h"
#include "site/site_context.h"
#include "store/store.h"

namespace broadsheet::site {

// The metadata every page has in its <head>.
struct PageMeta {
  std::string title;        // without the site name; empty on the front page
  std::string description;
  std::string canonical_path;  // "/town-hall/" etc.
  std::string head_extra;      // raw HTML (JSON-LD)
  std::string current_category_slug;
  bool home = false;
  bool navigation = true;  // false: no category links (error pages; needs no store)
};

std::string ArticlePath(const store::ArticleRow& article);
std::string CategoryPath(const store::Category& category);

// An article card for listings; its views text and rating are live slots.
render::TemplateData ArticleCard(const store::ArticleRow& article);

// "Most read today" and "Most read this week" lists, from the per-day counts.
void AddMostRead(const SiteContext& context, render::TemplateData& data);

// "Best rated": published articles ranked by their Bayesian-damped average.
void AddBestRated(const SiteContext& context, render::TemplateData& data);

// Renders `content_template` with `content`, then the layout around it.
std::string RenderPage(const SiteContext& context, const std::string& origin,
                       const PageMeta& meta, const std::string& content_template,
                       const render::TemplateData& content);

}  // namespace broadsheet::site
