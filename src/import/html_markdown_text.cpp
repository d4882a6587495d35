#include "import/html_markdown_text.h"

#include <algorithm>
#include <utility>

namespace broadsheet::import::html_markdown {
namespace {

// Appends text[at] escaped so that cmark shows it as it is. An '_' inside a word cannot open
// emphasis and stays bare; '&' is escaped only where it would start an entity.
void AppendEscaped(std::string& out, std::string_view text, std::size_t at, bool heading) {
  const char c = text[at];
  if (std::string_view("\\*`[]<>~|").find(c) != kNone || (c == '#' && heading) ||
      (c == '&' && StartsEntity(text.substr(at + 1))) ||
      (c == '_' &&
       (at == 0 || at + 1 == text.size() || !IsAlnum(text[at - 1]) || !IsAlnum(text[at + 1])))) {
    out.push_back('\\');
  }
  out.push_back(c);
}

// The length of the web address starting `text` (after the character `before`) as GFM's
// autolink extension reads one, or 0: "http://" and the like after anything but a letter,
// "www." after a blank or one of "*_~(". The extension reads the Markdown source, escapes and
// all, so such text must become an explicit link instead.
std::size_t BareUrlLength(std::string_view text, char before) {
  const bool letter = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z');
  std::size_t prefix = 0;
  for (const std::string_view start : {"https://", "http://", "ftp://"}) {
    if (!letter && StartsWithNoCase(text, start)) prefix = start.size();
  }
  if (text.starts_with("www.") && std::string_view(" \t\n\r\f*_~(").find(before) != kNone) {
    prefix = 4;
  }
  if (prefix == 0) return 0;
  std::size_t end = prefix;
  while (end < text.size() && !IsBlank(text[end]) && text[end] != '<' &&
         !IsNoBreakSpace(text, end)) {
    ++end;
  }
  while (end > prefix) {  // trailing punctuation is the sentence's, as for the extension
    const std::string_view url = text.substr(0, end);
    const bool unbalanced = url.back() == ')' && std::count(url.begin(), url.end(), ')') >
                                                     std::count(url.begin(), url.end(), '(');
    if (std::string_view("?!.,:;*_~'\"").find(url.back()) == kNone && !unbalanced) break;
    --end;
  }
  return end > prefix ? end : 0;
}

// Escapes what would make a paragraph's line start a block: "#", "-", "+", "=" (a heading, a
// list item, an underline) and "1." or "1)" (an ordered item).
std::string EscapeLineStarts(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (line_start && std::string_view("#-+=").find(text[i]) != kNone) out.push_back('\\');
    if (line_start && IsDigit(text[i])) {
      std::size_t end = i;
      while (end < text.size() && IsDigit(text[end])) ++end;
      out.append(text.substr(i, end - i));
      if (end < text.size() && (text[end] == '.' || text[end] == ')')) out.push_back('\\');
      i = end - 1;
      line_start = false;
      continue;
    }
    out.push_back(text[i]);
    line_start = text[i] == '\n';
  }
  return out;
}

}  // namespace

bool StartsEntity(std::string_view rest) {
  std::size_t i = 0;
  if (i < rest.size() && rest[i] == '#') ++i;
  if (i == 1 && i < rest.size() && (rest[i] == 'x' || rest[i] == 'X')) ++i;
  const std::size_t start = i;
  while (i < rest.size() && i < 40 && IsAlnum(rest[i])) ++i;
  return i > start && i < rest.size() && rest[i] == ';';
}

std::string Collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool no_break = IsNoBreakSpace(text, i);
    if (no_break || IsBlank(text[i])) {
      space = !out.empty();
      i += no_break ? 1 : 0;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(text[i]);
  }
  return out;
}

std::string EscapedText(std::string_view text) {
  const std::string collapsed = Collapse(text);
  std::string out;
  for (std::size_t i = 0; i < collapsed.size(); ++i) AppendEscaped(out, collapsed, i, true);
  return out;
}

std::string Destination(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto byte = static_cast<unsigned char>(url[i]);
    if (byte <= 0x20 || byte == 0x7f || byte == '|') {
      out += {'%', kHex[byte >> 4], kHex[byte & 0xf]};
      continue;
    }
    if (std::string_view("\\()<>").find(url[i]) != kNone ||
        (url[i] == '&' && StartsEntity(url.substr(i + 1)))) {
      out.push_back('\\');
    }
    out.push_back(url[i]);
  }
  return out;
}

// Browsers ignore tabs and newlines anywhere in an address and blanks around it, so
// "java\tscript:" is read as "javascript:" here too.
std::optional<std::string> SafeAddress(std::string_view raw, bool link) {
  std::string address;
  for (const char c : Trim(raw)) {
    if (c != '\t' && c != '\n' && c != '\r') address.push_back(c);
  }
  if (address.empty()) return std::nullopt;
  const std::size_t colon = address.find(':');
  if (colon == kNone || colon > address.find_first_of("/?#")) return address;
  const std::string_view scheme = std::string_view(address).substr(0, colon + 1);
  if (StartsWithNoCase(scheme, "http:") || StartsWithNoCase(scheme, "https:") ||
      (link && StartsWithNoCase(scheme, "mailto:"))) {
    return address;
  }
  return std::nullopt;
}

void InlineWriter::Text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool no_break = IsNoBreakSpace(text, i);
    if (no_break || IsBlank(text[i])) {
      gap_.space = true;
      i += no_break ? 1 : 0;
      continue;
    }
    const bool blank_before = i == 0 && (text_.empty() || gap_.space || gap_.breaks > 0);
    const char before = i > 0 ? text[i - 1] : blank_before ? ' ' : text_.back();
    const std::size_t url = has(kLink) ? 0 : BareUrlLength(text.substr(i), before);
    if (url > 0) {
      const std::string_view address = text.substr(i, url);
      const std::string prefix = address.starts_with("www.") ? "http://" : "";
      Markup("[" + EscapedText(address) + "](" + Destination(prefix + std::string(address)) + ")");
      i += url - 1;
      continue;
    }
    Open(false);
    AppendEscaped(text_, text, i, mode_ == Mode::kHeading);
  }
}

void InlineWriter::Markup(std::string_view markdown) {
  Open(markdown.starts_with('['));
  text_.append(markdown);
}

void InlineWriter::Wrap(const InlineWriter& inner, std::string_view open, std::string_view close) {
  if (inner.text_.empty()) {
    gap_ = Merge(gap_, Merge(inner.lead_, inner.gap_));
    return;
  }
  gap_ = Merge(gap_, inner.lead_);
  Open(open.starts_with('['));
  text_.append(open).append(inner.text_).append(close);
  gap_ = inner.gap_;
}

void InlineWriter::Code(std::string code) {
  if (text_.size() == code_end_ && !gap_.space && gap_.breaks == 0) {
    code.insert(0, last_code_);
    text_.erase(code_start_);
  }
  Open(false);
  last_code_ = code;
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : code) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  if (mode_ == Mode::kCell) {  // a table splits its cells before it reads code spans
    for (std::size_t at = code.find('|'); at != kNone; at = code.find('|', at + 2)) {
      code.insert(at, 1, '\\');
    }
  }
  const std::string fence(longest + 1, '`');
  const std::string pad = code.front() == '`' || code.back() == '`' ? " " : "";
  code_start_ = text_.size();
  text_ += fence + pad + code + pad + fence;
  code_end_ = text_.size();
}

std::string InlineWriter::Finish() && {
  return mode_ == Mode::kParagraph ? EscapeLineStarts(text_) : std::move(text_);
}

// Writes the held-back gap before new content. A '!' just before a '[' would make the link an
// image, so it gets escaped.
void InlineWriter::Open(bool bracket) {
  if (text_.empty()) {
    lead_ = Merge(lead_, gap_);
  } else if (gap_.breaks > 0) {
    for (int i = 0; i < gap_.breaks; ++i) text_ += "\\\n";
  } else if (gap_.space) {
    text_.push_back(' ');
  } else if (bracket && text_.back() == '!') {
    std::size_t backslashes = 0;
    while (backslashes + 1 < text_.size() && text_[text_.size() - 2 - backslashes] == '\\') {
      ++backslashes;
    }
    if (backslashes % 2 == 0) text_.insert(text_.size() - 1, 1, '\\');
  }
  gap_ = {};
}

}  // namespace broadsheet::import::html_markdown
