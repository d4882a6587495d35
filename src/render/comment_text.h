// A reader's comment as HTML: plain text, every character escaped, blank lines making
// paragraphs and single newlines line breaks, http(s) addresses turned into links with
// rel="nofollow ugc" (DESIGN.md §4). No markup from the reader ever reaches the page.
// Pure function.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::render {

std::string CommentHtml(std::string_view text);

// Escapes & < > " ' for text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace broadsheet::render
