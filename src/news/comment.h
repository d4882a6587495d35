// A reader's comment: the fields of the comment form and their rules, the moderation states
// and modes, and the checks that decide whether a comment is held for an editor. Pure logic,
// no I/O. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "news/field_error.h"

namespace broadsheet::news {

// Limits on what a reader may post, counted in characters (UTF-8 code points).
inline constexpr std::size_t kMaxCommentNameLength = 80;
inline constexpr std::size_t kMaxCommentEmailLength = 254;
inline constexpr std::size_t kMaxCommentUrlLength = 500;
inline constexpr std::size_t kMaxCommentBodyLength = 5000;

// approved: shown. pending: waits for an editor (held). rejected, spam: never shown.
enum class CommentStatus { kPending, kApproved, kRejected, kSpam };
std::string_view ToString(CommentStatus status);
std::optional<CommentStatus> ParseCommentStatus(std::string_view text);

// The site's moderation mode (a setting in the store, shared by every node): comments appear
// at once (open), wait for an editor (held), or appear at once only for a reader who already
// has an approved comment (known).
enum class ModerationMode { kOpen, kHeld, kKnown };
std::string_view ToString(ModerationMode mode);
std::optional<ModerationMode> ParseModerationMode(std::string_view text);

// One article's comments: the site's moderation mode (kSite), always open, every comment held,
// or closed (no new comments; the form gives way to "Comments are closed").
enum class CommentMode { kSite, kOpen, kHeld, kClosed };
std::string_view ToString(CommentMode mode);  // "", "open", "held", "closed"
// "site" or "" -> kSite; else one of the names above, or nullopt.
std::optional<CommentMode> ParseCommentMode(std::string_view text);

// Whether comments are closed at `now`: the article's mode says so, or (unless its mode is an
// explicit open) `close_after_days` (the store setting comments.close_after_days; 0 = never)
// have passed since publication.
bool CommentsClosed(CommentMode mode, std::int64_t published_at, std::int64_t close_after_days,
                    std::int64_t now);
// When comments close by age (unix seconds), or 0 when they never do.
std::int64_t CommentsCloseAt(std::int64_t published_at, std::int64_t close_after_days);

// What a reader typed into the comment form.
struct CommentForm {
  std::string name;
  std::string email;  // optional, never shown
  std::string url;    // optional, http or https only
  std::string body;
};

// Trims the fields, strips control characters (keeping newlines in the body) and returns every
// rule the form breaks, one error per field, named as the form names it ("name", "email",
// "url", "comment"). An over-long comment is an error, never truncated.
FieldErrors NormalizeAndValidate(CommentForm& form);

// Characters (UTF-8 code points) in `text`.
std::size_t CountCharacters(std::string_view text);

// At most `max_bytes` bytes of `text`, never cutting a UTF-8 character in two.
std::string CutUtf8(std::string_view text, std::size_t max_bytes);

// How many http(s) links the text carries (what [comments] max_links limits).
int CountLinks(std::string_view text);

// The first blocklist entry found in the comment (case-insensitive, in name, e-mail, URL or
// text), or an empty string. Entries are lines of a file the operator keeps; blank lines and
// lines starting with '#' are ignored by ParseBlocklist.
std::string FindBlockedWord(const CommentForm& form, const std::vector<std::string>& blocklist);
std::vector<std::string> ParseBlocklist(std::string_view file_text);

}  // namespace broadsheet::news
