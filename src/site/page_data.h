// Builds the data the templates receive (TEMPLATES: templates/README.md) from store rows, and
// wraps page content in the layout. Used by the page handlers on a cache miss. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "news/calendar.h"
#include "render/json_ld.h"
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
  // A listing with feeds of its own ("/tag/ferries/") and its name, for <link rel="alternate">.
  std::string feed_path;
  std::string feed_name;
  // Open Graph and the Twitter card (site/social_meta.h): "website", or "article" with the
  // article's facts below. The image URL is absolute; empty: the page has none.
  std::string og_type = "website";
  render::ImageFacts image;
  std::string image_alt;
  std::string published_time;  // ISO 8601
  std::string modified_time;
  std::string author_url;  // absolute
  std::string section;
  std::vector<std::string> tags;
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
std::string TagPath(const store::Tag& tag);                   // "/tag/ferries/"
std::string AuthorPath(const store::Author& author);          // "/author/ada-quill/"
std::string ArchiveMonthPath(const news::LocalMonth& month);  // "/archive/2026/11/"

// Where a picture is shown, which sets its `sizes` (the width it takes on screen) and its class.
enum class PicturePlace { kArticle, kLeadCard, kCard };

// The <picture> of an article's featured image (templates/picture.mustache): WebP and JPEG
// variants with srcset and sizes, width and height (no layout shift), lazy loading when
// `lazy` (below the fold). Empty when the article has none.
std::string PictureHtml(const SiteContext& context, const store::FeaturedImage& image,
                        PicturePlace place, bool lazy);

// The featured picture as a social card shows it: its largest JPEG variant, by absolute URL,
// with that variant's size. url empty when the article has none.
render::ImageFacts SocialImage(const store::FeaturedImage& image, const std::string& origin);

// The absolute URL of the site's logo ([site] logo: an absolute URL, or a path on this site),
// or empty when none is configured.
std::string LogoUrl(const SiteSettings& settings, const std::string& origin);

// The public URL of one stored variant of a picture.
std::string MediaUrl(const std::string& hash, int width, const std::string& extension);
// "![alt](url)" for a picture's middle variant, the alt's Markdown characters escaped so it
// cannot end the image early. Empty when the picture has no variants.
std::string MarkdownImage(const store::MediaRow& media);

// An article card for listings; its views text and rating are live slots. `lazy`: the card is
// below the fold (its picture loads lazily).
render::TemplateData ArticleCard(const SiteContext& context, const store::ArticleRow& article,
                                 PicturePlace place, bool lazy);

// A link to an article in a list ("More in", "Related articles", the 404 page's latest): its
// title, url and date_human.
render::TemplateData ArticleLink(const store::ArticleRow& article);

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
