// The first stage of HtmlToMarkdown (import/html_markdown.cpp): the HTML source cleaned as
// text, before it is parsed. Private to src/import; a pure function, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::import::html_markdown {

struct CleanedSource {
  std::string html;                  // for the HTML parser
  std::vector<std::string> removed;  // shortcodes and plugin tags, as written, in order
};

// `html` with its newlines as "\n", WordPress shortcodes and K2 / Joomla plugin tags removed
// (the content of most enclosing ones kept, embeds made link paragraphs, captions figures),
// WordPress's blank-line paragraphs made <p> and line breaks <br> unless it is block-editor
// content (which has its <p>), and tags nested past a cap dropped. Linear in its size.
CleanedSource CleanSource(std::string_view html);

}  // namespace broadsheet::import::html_markdown
