// What every page handler needs, built once by cli/serve.cpp and shared read-only by all I/O
// threads: settings, the store, the live view counter, the page cache, templates and static
// files. The referenced objects are themselves thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "http/request.h"
#include "render/page_cache.h"
#include "render/template_set.h"
#include "security/captcha_token.h"
#include "security/client_address.h"
#include "security/rate_limiter.h"
#include "security/reader_cookie.h"
#include "store/comment_tally.h"
#include "store/rating_board.h"
#include "store/store.h"
#include "store/view_counter.h"

namespace broadsheet::site {

class StaticFiles;
class ListingFacts;
}  // namespace broadsheet::site

namespace broadsheet::media {
class MediaDirectory;
}  // namespace broadsheet::media

namespace broadsheet::site {

struct SiteSettings {
  std::string base_url;  // "https://news.example.org", no trailing slash; empty = from Host
  // The configured (or demo) identity. A value set in the configuration is fixed; otherwise
  // the store's site.* settings win (IdentityOf, site/page_data.h).
  std::string name;
  std::string tagline;
  std::string lang;
  bool name_fixed = false;
  bool tagline_fixed = false;
  bool lang_fixed = false;
  int page_size = 10;
  std::chrono::seconds cache_max_age{60};
  std::chrono::seconds side_boxes_max_age{60};  // [cache] side_boxes_s
  int rating_prior_votes = 10;  // [ratings] prior_votes
  int feed_items = 20;          // [feeds] items
  bool feed_full_text = true;   // [feeds] full_text
  int sitemap_urls_per_file = 50000;      // [sitemaps] urls_per_file
  std::chrono::seconds search_cache{30};  // [search] cache_s: how long a result page is kept
  std::string logo;  // [site] logo: the publisher's logo in structured data; empty: none
};

// What guards the public forms on cached pages (DESIGN.md §4a): reader identity, client
// addresses for rate limits, and the limits themselves.
struct FormGuards {
  const security::ReaderCookies& readers;
  const security::ClientAddresses& addresses;
  security::SlidingWindowLimiter& votes_per_address;
  security::SlidingWindowLimiter& comments_per_address;
  security::SlidingWindowLimiter& comments_per_reader;
  security::SlidingWindowLimiter& reports_per_address;
  security::SlidingWindowLimiter& captchas_per_address;  // /captcha/new, image and audio
  security::SlidingWindowLimiter& searches_per_address;  // /search ([search] per_address)
  security::SlidingWindowLimiter& api_per_address;       // /api/v1/ ([api] per_address)
  const security::CaptchaSealer& captcha;
};

// The [comments] rules (README "Configuration").
struct CommentRules {
  std::int64_t min_fill_ms = 3000;
  std::int64_t token_ttl_ms = 1'800'000;
  int max_links = 2;
  std::vector<std::string> blocklist;  // lower-case entries
  int report_threshold = 3;
  std::int64_t duplicate_window_s = 3600;
  std::int64_t pow_max_number = 500000;
  std::string honeypot_field;  // the per-site name of the field people never fill
};

struct SiteContext {
  SiteSettings settings;
  store::Store& store;
  store::ViewCounter& views;
  render::PageCache& pages;
  const render::TemplateSet& templates;
  const StaticFiles& static_files;
  store::RatingBoard& ratings;
  FormGuards& guards;
  const CommentRules& comments;
  ListingFacts& listings;
  const media::MediaDirectory& media;  // [media] dir: uploaded pictures' variants
  store::CommentTally& comment_counts;  // what listing cards say of each article's comments
};

// The site's origin ("https://host") for absolute links: [site] url, else the request's Host
// (which the request gate checked against [site] hosts) with https when a trusted proxy said
// the client came over https, else "http://localhost".
std::string SiteOrigin(const SiteSettings& settings, const http::Request& request);
// The same, appended to `out`.
void AppendSiteOrigin(std::string& out, const SiteSettings& settings, const http::Request& request);

// Appends the key prefix that keeps pages rendered for one origin apart from another's.
void AppendCacheKeyPrefix(std::string& out, const SiteSettings& settings,
                          const http::Request& request);

}  // namespace broadsheet::site
