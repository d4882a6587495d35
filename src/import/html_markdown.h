// HTML from another CMS (WordPress posts, K2 items) as Broadsheet Markdown (issue 14). Used by
// the WordPress and K2 importers for every body they store; a pure function of its input, safe
// to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::import {

struct ConvertedBody {
  std::string markdown;
  // Shortcodes and plugin tags removed ("[gallery ids=\"1,2\"]", "{loadmodule mod_x}"), in
  // order of appearance, for the import's report.
  std::vector<std::string> removed;
  // The addresses of the images the body shows, in order (an import may fetch or list them).
  std::vector<std::string> image_urls;
};

// Converts `html` (a WordPress post_content, block editor or classic, or a K2 introtext /
// fulltext) to Markdown for render::RenderMarkdown: blocks one blank line apart, ending in one
// newline, or empty. It holds no raw HTML: elements without a Markdown form keep only their
// text, and script, style, forms and embedded objects are dropped with their content (an
// iframe, video or audio becomes a link to its http(s) address). WordPress shortcodes and
// K2 / Joomla plugin tags are removed and listed in `removed`; links and images keep only
// http, https (links also mailto) and scheme-less addresses. Never fails: any bytes give some
// Markdown, in time linear in the input's size.
ConvertedBody HtmlToMarkdown(std::string_view html);

}  // namespace broadsheet::import
