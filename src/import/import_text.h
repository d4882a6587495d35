// Small text helpers the importers share: markup dropped from titles and comments, and values
// cut to Broadsheet's limits without splitting a UTF-8 character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace broadsheet::import {

// `html` as one line of text: tags dropped, the common entities decoded, blanks collapsed.
std::string StripMarkup(std::string_view html);

// `html` as plain text in paragraphs (a comment): <p> and blank lines end a paragraph, <br>
// and single newlines end a line, other tags dropped, entities decoded.
std::string PlainParagraphs(std::string_view html);

// "YYYY-MM-DD HH:MM:SS" in UTC as unix seconds (WordPress's post_date_gmt, Joomla's dates);
// 0 for "never" (all zeros, or empty). Throws std::runtime_error naming `field` when it is not
// such a time.
std::int64_t UtcDateTime(std::string_view text, std::string_view field);

// At most `max` bytes of `text`, cut before a UTF-8 character that would not fit.
std::string Shortened(std::string_view text, std::size_t max);

// The same, cut at the last blank before the limit when there is one, with "…" added.
std::string ShortenedAtWord(std::string_view text, std::size_t max);

}  // namespace broadsheet::import
