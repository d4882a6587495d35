// Article value types and their validation rules. Pure logic, no I/O; used by the CLI when a
// Markdown file comes in and by the store when it saves. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "news/field_error.h"

namespace broadsheet::news {

enum class ArticleStatus { kDraft, kPublished };

std::string_view ToString(ArticleStatus status);
// Returns nullopt for anything but "draft" or "published".
std::optional<ArticleStatus> ParseArticleStatus(std::string_view text);

// Limits on what an editor may save. They keep one article from filling memory or the page.
inline constexpr std::size_t kMaxTitleLength = 200;       // characters (bytes of UTF-8)
inline constexpr std::size_t kMaxSummaryLength = 500;
inline constexpr std::size_t kMaxNameLength = 100;        // author and category names
inline constexpr std::size_t kMaxBodyLength = 200 * 1024;  // Markdown source

// What an editor writes; the store adds ids, times and the rendered HTML.
struct ArticleInput {
  std::string title;
  std::string slug;  // empty: derived from the title
  std::string summary;
  std::string category;  // display name, e.g. "Town Hall"
  std::string author;    // display name
  ArticleStatus status = ArticleStatus::kDraft;
  std::string body_markdown;
};

// Trims fields, derives a missing slug, strips control characters, and returns every rule the
// input breaks. An empty result means the input is ready to save.
FieldErrors NormalizeAndValidate(ArticleInput& input);

// Removes ASCII control characters except tab and newline. Rendered pages use \x1e and \x1f to
// mark live-number slots, so no stored text may contain them.
std::string StripControlCharacters(std::string_view text);

}  // namespace broadsheet::news
