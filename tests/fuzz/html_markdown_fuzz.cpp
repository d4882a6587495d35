// Fuzz target for the importers' HTML converter (import/html_markdown): HtmlToMarkdown on any
// bytes. Checks that it gives the same result twice, that the Markdown has the promised shape
// and holds no raw HTML (the renderer omits none), and that the page the site's renderer makes
// of it has no script, no iframe, no event-handler attribute and no script address.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "import/html_markdown.h"
#include "render/markdown.h"

namespace broadsheet::fuzz {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsWebOrPath(std::string_view address) {
  const std::string lower = Lower(address);
  const std::size_t colon = lower.find(':');
  return colon == std::string::npos || colon > lower.find_first_of("/?#") ||
         lower.starts_with("http:") || lower.starts_with("https:");
}

// Walks the tags of the rendered page (every '<' is one: cmark escapes text) and checks each
// attribute's name and, for addresses, its value.
void CheckTags(std::string_view html) {
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
    std::size_t i = at + 1;
    while (i < html.size() && html[i] != ' ' && html[i] != '>') ++i;
    while (i < html.size() && html[i] != '>') {
      while (i < html.size() && (html[i] == ' ' || html[i] == '/')) ++i;
      const std::size_t name_start = i;
      while (i < html.size() && html[i] != '=' && html[i] != ' ' && html[i] != '>') ++i;
      const std::string name = Lower(html.substr(name_start, i - name_start));
      Require(!name.starts_with("on"), "no event-handler attribute");
      if (i >= html.size() || html[i] != '=') continue;
      Require(i + 1 < html.size() && html[i + 1] == '"', "attribute values are quoted");
      const std::size_t close = html.find('"', i + 2);
      Require(close != std::string_view::npos, "attribute values are closed");
      if (name == "href" || name == "src") {
        // ftp: only from the renderer's autolink extension, which links any such text.
        const std::string value = Lower(html.substr(i + 2, close - i - 2));
        Require(IsWebOrPath(value) || value.starts_with("mailto:") || value.starts_with("ftp:"),
                "links and images are http(s), mailto, ftp or paths");
      }
      i = close + 1;
    }
    at = i;
  }
}

}  // namespace

int FuzzHtmlMarkdown(const std::uint8_t* data, std::size_t size) {
  const std::string_view html = AsText(data, size);
  const import::ConvertedBody body = import::HtmlToMarkdown(html);
  const import::ConvertedBody again = import::HtmlToMarkdown(html);
  Require(body.markdown == again.markdown && body.removed == again.removed &&
              body.image_urls == again.image_urls,
          "converting is deterministic");
  const std::string_view markdown = body.markdown;
  Require(markdown.empty() || (markdown.ends_with('\n') && !markdown.ends_with("\n\n") &&
                               !markdown.starts_with('\n')),
          "the Markdown is empty or its blocks end in a single newline");
  for (const std::string& address : body.image_urls) {
    Require(IsWebOrPath(address), "image addresses are http(s) or paths");
  }
  const std::string rendered = render::RenderMarkdown(markdown);
  Require(rendered.find("<!-- raw HTML omitted -->") == std::string::npos,
          "the Markdown holds no raw HTML");
  const std::string lower = Lower(rendered);
  Require(lower.find("<script") == std::string::npos, "no <script in the page");
  Require(lower.find("<iframe") == std::string::npos, "no <iframe in the page");
  CheckTags(rendered);
  return 0;
}

}  // namespace broadsheet::fuzz
