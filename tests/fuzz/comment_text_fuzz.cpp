// Fuzz target for readers' comments (render/comment_text): CommentHtml, which turns anything a
// reader posts into HTML. Walks the output and checks that the only markup is <p>, <br> and
// http(s) links with rel="nofollow ugc", that the text is fully escaped, and that unescaping it
// gives back every non-blank line of the comment, in order, with nothing lost or added.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "render/comment_text.h"

namespace broadsheet::fuzz {
namespace {

constexpr std::string_view kLinkOpen = "<a href=\"";
constexpr std::string_view kLinkRest = "\" rel=\"nofollow ugc\">";
constexpr std::string_view kLinkClose = "</a>";

// The escaped text `text`, unescaped; aborts on a raw special character or an unknown entity.
std::string Unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    Require(c != '<' && c != '>' && c != '"' && c != '\'', "the text is escaped");
    if (c != '&') {
      out += c;
      continue;
    }
    bool known = false;
    for (const auto& [entity, plain] : {std::pair<std::string_view, char>{"&amp;", '&'},
                                        {"&lt;", '<'},
                                        {"&gt;", '>'},
                                        {"&quot;", '"'},
                                        {"&#39;", '\''}}) {
      if (text.substr(i).starts_with(entity)) {
        out += plain;
        i += entity.size() - 1;
        known = true;
        break;
      }
    }
    Require(known, "every '&' starts an entity EscapeHtml writes");
  }
  return out;
}

// The length of the <p>, </p> or <br> at the start of `html`, else 0.
std::size_t PlainTagLength(std::string_view html) {
  for (const std::string_view tag : {"<p>", "</p>", "<br>"}) {
    if (html.starts_with(tag)) return tag.size();
  }
  return 0;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The comment's text as CommentHtml should keep it: its non-blank lines, joined.
std::string NonBlankLines(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t end = std::min(text.find('\n', from), text.size());
    const std::string_view line = text.substr(from, end - from);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) out += line;
    from = end + 1;
  }
  return out;
}

}  // namespace

int FuzzCommentText(const std::uint8_t* data, std::size_t size) {
  const std::string_view comment = AsText(data, size);
  const std::string html = render::CommentHtml(comment);
  const std::string_view view = html;
  std::string text;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::string_view rest = view.substr(i);
    if (const std::size_t tag = PlainTagLength(rest)) {
      i += tag;
    } else if (rest.starts_with(kLinkOpen)) {
      const std::size_t href_end = rest.find('"', kLinkOpen.size());
      Require(href_end != std::string_view::npos, "a link's address is closed");
      const std::string_view href = rest.substr(kLinkOpen.size(), href_end - kLinkOpen.size());
      Require(rest.substr(href_end).starts_with(kLinkRest), "a link is rel=\"nofollow ugc\"");
      const std::string address = Unescape(href);
      Require(StartsWithIgnoreCase(address, "http://") || StartsWithIgnoreCase(address, "https://"),
              "a link is http or https");
      for (const char c : address) {
        Require(static_cast<unsigned char>(c) > 0x20, "a link holds no space or control byte");
      }
      const std::size_t label = href_end + kLinkRest.size();
      Require(rest.substr(label).starts_with(std::string(href) + std::string(kLinkClose)),
              "a link shows its own address");
      text += address;
      i += label + href.size() + kLinkClose.size();
    } else {
      const std::size_t next = std::min(html.find('<', i), html.size());
      Require(next > i, "every tag is <p>, <br> or a link");
      text += Unescape(view.substr(i, next - i));
      i = next;
    }
  }
  Require(text == NonBlankLines(comment), "the comment's text comes back, nothing lost or added");
  return 0;
}

}  // namespace broadsheet::fuzz
