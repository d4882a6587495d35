// Article value types and their validation rules. Pure logic, no I/O; used by the CLI when a
// Markdown file comes in and by the store when it saves. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "news/field_error.h"

namespace broadsheet::news {

// Only kPublished is visible to readers. kReview waits for an editor; kScheduled becomes
// kPublished at its published_at (site/background_tasks); kTrashed is in the trash, restorable
// for [admin] trash_s, and is never an editor's choice.
enum class ArticleStatus { kDraft, kReview, kScheduled, kPublished, kTrashed };

std::string_view ToString(ArticleStatus status);
// "draft", "review", "scheduled" or "published" (what an editor may choose); else nullopt.
std::optional<ArticleStatus> ParseArticleStatus(std::string_view text);
// Also "trashed": for reading rows back from a store.
std::optional<ArticleStatus> ParseStoredArticleStatus(std::string_view text);

// Limits on what an editor may save. They keep one article from filling memory or the page.
inline constexpr std::size_t kMaxTitleLength = 200;       // characters (bytes of UTF-8)
inline constexpr std::size_t kMaxSummaryLength = 500;
inline constexpr std::size_t kMaxNameLength = 100;        // author and category names
inline constexpr std::size_t kMaxBodyLength = 200 * 1024;  // Markdown source
inline constexpr std::size_t kMaxTags = 20;                // per article
inline constexpr std::size_t kMaxTagLength = 60;           // one tag's name
inline constexpr std::size_t kMaxAltLength = 300;          // a picture's alt text

// What an editor writes; the store adds ids, times and the rendered HTML.
struct ArticleInput {
  std::string title;
  std::string slug;  // empty: derived from the title
  std::string summary;
  std::string category;  // display name, e.g. "Town Hall"
  std::string author;    // display name
  ArticleStatus status = ArticleStatus::kDraft;
  // When it is (or was) published, unix seconds. Required for kScheduled (the time it goes
  // live); for kPublished, 0 keeps the first publication time (or takes now).
  std::int64_t published_at = 0;
  std::vector<std::string> tags;  // display names, in the editor's order
  std::string body_markdown;
  // The featured picture (an upload's id, 0 for none) and its alt text, required with one.
  std::int64_t featured_media_id = 0;
  std::string featured_alt;
};

// The published_at to store when `input` is saved over an article whose stored value is
// `stored` (0 when new or never published): a schedule's time; for a publication, the time
// given, else the first publication's, else `now`; otherwise what is stored.
std::int64_t PublicationTime(const ArticleInput& input, std::int64_t stored, std::int64_t now);

// "a, b,c" -> {"a", "b", "c"}: trimmed, empty ones dropped, duplicates (by slug) dropped.
std::vector<std::string> SplitTags(std::string_view text);
// {"a", "b"} -> "a, b".
std::string JoinTags(const std::vector<std::string>& tags);

// Trims fields, derives a missing slug, strips control characters, and returns every rule the
// input breaks. An empty result means the input is ready to save.
// `reserved` are the top-level names the router answers itself (site::ReservedNames()): a
// category whose slug is one of them would be unreachable, so it is refused.
FieldErrors NormalizeAndValidate(ArticleInput& input,
                                 const std::vector<std::string>& reserved = {});

// Removes ASCII control characters except tab and newline. Rendered pages use \x1e and \x1f to
// mark live-number slots, so no stored text may contain them.
std::string StripControlCharacters(std::string_view text);

}  // namespace broadsheet::news
