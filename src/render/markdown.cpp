#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace broadsheet::render {
namespace {

void RegisterExtensionsOnce() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// Table cells come out as style="text-align: X"; the pages' Content-Security-Policy allows no
// inline style, so they become classes site.css aligns. Safe mode passes no raw HTML through,
// so these attributes can only be cmark's own.
void AlignmentStylesToClasses(std::string& html) {
  static constexpr std::string_view kStyle = " style=\"text-align: ";
  std::size_t at = 0;
  while ((at = html.find(kStyle, at)) != std::string::npos) {
    const std::size_t value = at + kStyle.size();
    const std::size_t close = html.find('"', value);
    if (close == std::string::npos) break;
    const std::string replacement = " class=\"align-" + html.substr(value, close - value) + "\"";
    html.replace(at, close + 1 - at, replacement);
    at += replacement.size();
  }
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  RegisterExtensionsOnce();
  // CMARK_OPT_DEFAULT is safe: only CMARK_OPT_UNSAFE would let raw HTML through.
  // Table alignment as style attributes (the align attribute is obsolete in HTML5), turned into
  // classes below.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options),
                                                                     &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(
      cmark_parser_finish(parser.get()), &cmark_node_free);
  char* html = cmark_render_html(document.get(), options,
                                 cmark_parser_get_syntax_extensions(parser.get()));
  std::string result(html);
  std::free(html);
  AlignmentStylesToClasses(result);
  return result;
}

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace broadsheet::render
