// Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks), in its safe mode: raw
// HTML is omitted and javascript:/vbscript:/data: links lose their target. Called when an
// article is saved, never per request. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::render {

std::string RenderMarkdown(std::string_view markdown);

// Whole words in the Markdown source, for "N min read".
int CountWords(std::string_view text);

}  // namespace broadsheet::render
