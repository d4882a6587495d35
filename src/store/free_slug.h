// Choosing a unique slug for a new row (an author profile, a renamed category): the slug
// itself when free, else the first free "slug-2", "slug-3"... Both stores use it.
#pragma once

#include <string>
#include <string_view>

#include "news/slug.h"

namespace broadsheet::store {

// `taken(slug)` says whether a row already has `slug`. An empty `base` becomes `fallback`.
template <typename Taken>
std::string FirstFreeSlug(std::string base, std::string_view fallback, Taken&& taken) {
  if (base.empty()) base = fallback;
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string suffix = "-" + std::to_string(n);
    std::string candidate = base.substr(0, news::kMaxSlugLength - suffix.size());
    while (!candidate.empty() && candidate.back() == '-') candidate.pop_back();
    candidate += suffix;
    if (!taken(candidate)) return candidate;
  }
}

// The display name for a category renamed to `slug` (chosen from `base`, "admin-section" or
// "admin-section-2"): "Admin section" or "Admin section 2", so that its slug is `slug` and a
// save that finds categories by the slug of their name finds this one.
inline std::string SectionName(const std::string& display, const std::string& base,
                               const std::string& slug) {
  std::string name = display + " section";
  if (slug.size() > base.size() && slug.starts_with(base + "-")) {
    name += " " + slug.substr(base.size() + 1);
  }
  return name;
}

}  // namespace broadsheet::store
