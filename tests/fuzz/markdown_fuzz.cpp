// Fuzz target for article Markdown (render/markdown): RenderMarkdown, whose output goes into
// pages unescaped. Walks the HTML it returns and checks that every tag is one cmark writes
// for Markdown, with attributes from a fixed set, that no link or image points at a script
// scheme, that no raw '<', '>' or '"' is left in the text, and that no inline style survives
// (the Content-Security-Policy refuses them).
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "render/markdown.h"

namespace broadsheet::fuzz {
namespace {

constexpr std::string_view kOmitted = "<!-- raw HTML omitted -->";

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> set) {
  for (const std::string_view member : set) {
    if (word == member) return true;
  }
  return false;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A link or image address as cmark escapes it: percent-encoded, so nothing a browser strips
// (spaces, controls) is left, and never a script scheme. Safe mode keeps data: only for the
// four raster image types, in links as well as images (documented cmark-gfm behaviour).
void CheckAddress(std::string_view value) {
  for (const char c : value) {
    Require(static_cast<unsigned char>(c) > 0x20 && c != 0x7f,
            "an address holds no space or control byte");
  }
  const std::string lower = Lower(value);
  Require(!lower.starts_with("javascript:") && !lower.starts_with("vbscript:") &&
              !lower.starts_with("file:"),
          "no address uses a script scheme");
  Require(!lower.starts_with("data:") || lower.starts_with("data:image/png") ||
              lower.starts_with("data:image/gif") || lower.starts_with("data:image/jpeg") ||
              lower.starts_with("data:image/webp"),
          "data: addresses are raster images only");
}

// Reads the tag that starts at html[at] == '<'; returns where it ends (after '>').
std::size_t CheckTag(std::string_view html, std::size_t at) {
  if (html.substr(at).starts_with(kOmitted)) return at + kOmitted.size();
  std::size_t i = at + 1;
  const bool closing = i < html.size() && html[i] == '/';
  if (closing) ++i;
  const std::size_t name_start = i;
  while (i < html.size() &&
         ((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= '1' && html[i] <= '6'))) {
    ++i;
  }
  const std::string_view name = html.substr(name_start, i - name_start);
  Require(IsOneOf(name, {"p",  "h1",     "h2",    "h3",    "h4",    "h5", "h6", "a",  "img",
                         "em", "strong", "del",   "code",  "pre",   "ul", "ol", "li", "blockquote",
                         "hr", "br",     "table", "thead", "tbody", "tr", "th", "td"}),
          "every tag is one cmark writes for Markdown");
  while (true) {
    while (i < html.size() && html[i] == ' ') ++i;
    Require(i < html.size(), "every tag is closed");
    if (html[i] == '>') return i + 1;
    if (html.substr(i).starts_with("/>")) return i + 2;
    Require(!closing, "a closing tag has no attributes");
    const std::size_t attribute_start = i;
    while (i < html.size() && html[i] >= 'a' && html[i] <= 'z') ++i;
    const std::string_view attribute = html.substr(attribute_start, i - attribute_start);
    Require(IsOneOf(attribute, {"href", "src", "title", "alt", "class", "start"}),
            "every attribute is one cmark writes (no style, no event handler)");
    Require(html.substr(i).starts_with("=\""), "attribute values are quoted");
    const std::size_t value_start = i + 2;
    const std::size_t quote = html.find('"', value_start);
    Require(quote != std::string_view::npos, "attribute values are closed");
    const std::string_view value = html.substr(value_start, quote - value_start);
    Require(value.find('<') == std::string_view::npos, "no '<' inside an attribute value");
    if (attribute == "href" || attribute == "src") CheckAddress(value);
    i = quote + 1;
  }
}

}  // namespace

int FuzzMarkdown(const std::uint8_t* data, std::size_t size) {
  const std::string html = render::RenderMarkdown(AsText(data, size));
  Require(Lower(html).find("<script") == std::string::npos, "no <script in the HTML");
  std::size_t text_start = 0;
  while (text_start < html.size()) {
    const std::size_t open = std::min(html.find('<', text_start), html.size());
    const std::string_view text = std::string_view(html).substr(text_start, open - text_start);
    Require(text.find_first_of(">\"") == std::string_view::npos,
            "text between tags holds no raw '>' or '\"'");
    if (open == html.size()) break;
    text_start = CheckTag(html, open);
  }
  return 0;
}

}  // namespace broadsheet::fuzz
