// Builds the data the templates receive (TEMPLATES: templates/README.md) from store rows, and
// wraps page content in the layout. Used by the page handlers on a cache miss. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "render/page_cache.h"
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

struct ListingSnapshot;

// The site's name, tagline, language and text direction now.
struct SiteIdentity {
  std::string name;
  std::string tagline;
  std::string lang;
  std::string dir;  // "ltr" or "rtl"
};
// A value fixed by the configuration, else the store's setting, else the configured default.
SiteIdentity IdentityOf(const SiteSettings& settings, const ListingSnapshot& snapshot);
// True when the store setting `key` is one the configuration has fixed (site.name, ...): the
// store's value is then ignored, and the settings page shows it read-only.
bool FixedByConfiguration(const SiteSettings& settings, std::string_view key);
// The value in force: the configuration's when fixed, else the store's, else the default.
std::string EffectiveSetting(const SiteSettings& settings, const ListingSnapshot& snapshot,
                             std::string_view key);

std::string ArticlePath(const store::ArticleRow& article);
std::string CategoryPath(const store::Category& category);

// Where a picture is shown, which sets its `sizes` (the width it takes on screen) and its class.
enum class PicturePlace { kArticle, kLeadCard, kCard };

// The <picture> of an article's featured image (templates/picture.mustache): WebP and JPEG
// variants with srcset and sizes, width and height (no layout shift), lazy loading when
// `lazy` (below the fold). Empty when the article has none.
std::string PictureHtml(const SiteContext& context, const store::FeaturedImage& image,
                        PicturePlace place, bool lazy);

// The public URL of one stored variant of a picture.
std::string MediaUrl(const std::string& hash, int width, const std::string& extension);
// "![alt](url)" for a picture's middle variant, the alt's Markdown characters escaped so it
// cannot end the image early. Empty when the picture has no variants.
std::string MarkdownImage(const store::MediaRow& media);

// An article card for listings; its views text and rating are live slots. `lazy`: the card is
// below the fold (its picture loads lazily).
render::TemplateData ArticleCard(const SiteContext& context, const store::ArticleRow& article,
                                 PicturePlace place, bool lazy);

// "Most read today" and "Most read this week" lists, from the per-day counts. Adds the
// articles they name to `shows`.
void AddMostRead(const SiteContext& context, render::TemplateData& data,
                 std::vector<render::PageShows>& shows);

// "Best rated": published articles ranked by their Bayesian-damped average. Adds the
// articles it names to `shows`.
void AddBestRated(const SiteContext& context, render::TemplateData& data,
                  std::vector<render::PageShows>& shows);

// A rendered page made ready for the cache: cut at its slots, compressed once for gzip, and
// listing what it shows: what its live slots name (the article of every "Read N times", its
// page or its card with the comment count beside it, and of every card's stars) and
// `also_shows` (lists without slots: "More in this category", the side boxes).
std::shared_ptr<render::CachedPage> CachedPageOf(std::string rendered,
                                                 const std::vector<render::PageShows>& also_shows);

// Renders `content_template` with `content`, then the layout around it.
std::string RenderPage(const SiteContext& context, const std::string& origin,
                       const PageMeta& meta, const std::string& content_template,
                       const render::TemplateData& content);

}  // namespace broadsheet::site
