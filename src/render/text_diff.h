// The difference between two versions of an article's text, as editors read it in the
// revisions page: paragraph by paragraph (blank lines separate them), and inside a changed
// paragraph word by word. Output is escaped HTML with <ins> and <del>. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::render {

// "<div class=\"diff\">...</div>": each paragraph a <p> marked unchanged, added (<ins>),
// removed (<del>) or changed (words inside marked): removed paragraphs followed by added ones
// are paired in order as changed. Sequences too long to compare cheaply (over a few million
// steps) are treated as all removed, then all added.
std::string DiffHtml(std::string_view before, std::string_view after);

}  // namespace broadsheet::render
