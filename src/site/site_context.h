// What every page handler needs, built once by cli/serve.cpp and shared read-only by all I/O
// threads: settings, the store, the live view counter, the page cache, templates and static
// files. The referenced objects are themselves thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "http/request.h"
#include "render/page_cache.h"
#include "render/template_set.h"
#include "store/store.h"
#include "store/view_counter.h"

namespace broadsheet::site {

class StaticFiles;

struct SiteSettings {
  std::string base_url;  // "https://news.example.org", no trailing slash; empty = from Host
  std::string name;
  std::string tagline;
  std::string lang;
  int page_size = 10;
  std::chrono::seconds cache_max_age{60};
};

struct SiteContext {
  SiteSettings settings;
  store::Store& store;
  store::ViewCounter& views;
  render::PageCache& pages;
  const render::TemplateSet& templates;
  const StaticFiles& static_files;
};

// The site's origin ("https://host") for absolute links: [site] url, else the request's Host
// when it is a plausible host name, else "http://localhost".
std::string SiteOrigin(const SiteSettings& settings, const http::Request& request);

// The key prefix that keeps pages rendered for one origin apart from another's.
std::string CacheKeyPrefix(const SiteSettings& settings, const http::Request& request);

}  // namespace broadsheet::site
