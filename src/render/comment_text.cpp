#include "render/comment_text.h"

#include <cctype>

namespace broadsheet::render {
namespace {

bool StartsLink(std::string_view text, std::size_t at) {
  const auto rest = text.substr(at);
  auto starts = [&](std::string_view scheme) {
    if (rest.size() <= scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(rest[i])) != scheme[i]) return false;
    }
    return true;
  };
  // Only at the start of a word, so "xhttp://" is not a link.
  if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) return false;
  return starts("https://") || starts("http://");
}

// Where the address starting at `at` ends: at whitespace or a character that cannot be in it
// unescaped, then without trailing punctuation that belongs to the sentence.
std::size_t LinkEnd(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[end]);
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`') break;
    ++end;
  }
  while (end > at && std::string_view(".,;:!?)]").find(text[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end;
}

void AppendLine(std::string& out, std::string_view line) {
  std::size_t from = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (!StartsLink(line, at)) continue;
    const std::size_t end = LinkEnd(line, at);
    if (end <= at + 8) continue;  // a bare scheme
    out += EscapeHtml(line.substr(from, at - from));
    const std::string address = EscapeHtml(line.substr(at, end - at));
    out += "<a href=\"" + address + "\" rel=\"nofollow ugc\">" + address + "</a>";
    from = at = end;
    if (at > 0) --at;
  }
  out += EscapeHtml(line.substr(from));
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string CommentHtml(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  bool in_paragraph = false;
  bool line_in_paragraph = false;
  while (from <= text.size()) {
    auto end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(from, end - from);
    const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) {
      if (in_paragraph) out += "</p>";
      in_paragraph = false;
    } else {
      if (!in_paragraph) {
        out += "<p>";
        in_paragraph = true;
        line_in_paragraph = false;
      }
      if (line_in_paragraph) out += "<br>";
      AppendLine(out, line);
      line_in_paragraph = true;
    }
    from = end + 1;
  }
  if (in_paragraph) out += "</p>";
  return out;
}

}  // namespace broadsheet::render
