// URL slugs: the readable part of an article or category address. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace broadsheet::news {

inline constexpr std::size_t kMaxSlugLength = 80;

// Lowercase ASCII letters and digits joined by single hyphens, at most kMaxSlugLength long.
// Common Latin accented letters are folded ("Tomás" -> "tomas"); other characters separate
// words. Returns an empty string when nothing usable is left.
std::string Slugify(std::string_view text);

// True for a non-empty slug of [a-z0-9] runs joined by single hyphens, within the limit.
bool IsValidSlug(std::string_view slug);

}  // namespace broadsheet::news
