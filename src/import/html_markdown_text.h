// Text helpers of HtmlToMarkdown (import/html_markdown.cpp and html_markdown_source.cpp): HTML's
// characters, and Markdown inline text that cmark-gfm reads back as written (escapes, link
// addresses, InlineWriter). Private to src/import. The functions are pure; an InlineWriter
// belongs to one thread.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::import::html_markdown {

inline constexpr std::size_t kNone = std::string_view::npos;
inline constexpr std::string_view kBlanks = " \t\n\r\f";  // HTML's whitespace

inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) { return IsLower(c) || IsDigit(c) || (c >= 'A' && c <= 'Z'); }
inline bool IsBlank(char c) { return kBlanks.find(c) != kNone; }
// U+00A0 (in UTF-8) at text[at].
inline bool IsNoBreakSpace(std::string_view text, std::size_t at) {
  return text[at] == '\xC2' && at + 1 < text.size() && text[at + 1] == '\xA0';
}

inline bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> set) {
  for (const std::string_view member : set) {
    if (word == member) return true;
  }
  return false;
}

// Requires: `prefix` is lowercase.
inline bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

inline std::string_view Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(kBlanks);
  if (first == kNone) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) + 1 - first);
}

// True when `rest`, what follows a '&', would make it an entity or character reference.
bool StartsEntity(std::string_view rest);

// `text` with its whitespace runs (no-break spaces too) as one space, trimmed.
std::string Collapse(std::string_view text);

// `text` collapsed and escaped to show as it is: a link's text, an image's description.
std::string EscapedText(std::string_view text);

// `url` as a link destination: controls, spaces and '|' (a table's cell separator)
// percent-encoded, what cmark would read as syntax backslash-escaped.
std::string Destination(std::string_view url);

// The address a link (`link`) or image may keep: http, https, mailto (links only) or one
// without a scheme (a path, "#anchor", "//host/..."); nullopt for any other or none.
std::optional<std::string> SafeAddress(std::string_view raw, bool link);

// Inline Markdown being written: a paragraph, heading, table cell, or the text of a link or
// emphasis. Whitespace and line breaks are held back until more content follows, so none ends
// a block or sits just inside an emphasis delimiter, where cmark would not see the delimiter.
class InlineWriter {
 public:
  enum class Mode { kParagraph, kHeading, kCell };  // only paragraphs keep hard line breaks
  enum Style : unsigned { kStrong = 1, kEmphasis = 2, kStrike = 4, kLink = 8 };

  explicit InlineWriter(Mode mode, unsigned styles = 0) : mode_(mode), styles_(styles) {}
  // A writer for the content of an element adding `style` (the caller then Wraps it).
  InlineWriter Inner(unsigned style) const { return InlineWriter(mode_, styles_ | style); }
  Mode mode() const { return mode_; }
  bool has(unsigned style) const { return (styles_ & style) != 0; }
  bool empty() const { return text_.empty(); }

  void Space() { gap_.space = true; }
  void Break() {
    if (mode_ == Mode::kParagraph) {
      ++gap_.breaks;
    } else {
      gap_.space = true;
    }
  }

  // Appends text from the HTML: whitespace collapsed, escaped, a bare web address made a link.
  void Text(std::string_view text);
  // Appends Markdown as it is (an image, a link made elsewhere).
  void Markup(std::string_view markdown);
  // Appends `inner` between two delimiters, its outer whitespace moved outside them.
  void Wrap(const InlineWriter& inner, std::string_view open, std::string_view close);
  // Appends inline code in a fence of backticks longer than any run inside. A span right
  // after another would make their fences one run, so the two become a single span.
  void Code(std::string code);
  // The Markdown; a paragraph's line starts escaped where they would start a block.
  std::string Finish() &&;

 private:
  struct Gap {
    bool space = false;
    int breaks = 0;
  };
  static Gap Merge(Gap a, Gap b) { return {a.space || b.space, a.breaks + b.breaks}; }
  void Open(bool bracket);

  Mode mode_;
  unsigned styles_;
  std::string text_;
  Gap lead_;                        // before the first content
  Gap gap_;                         // since the last content
  std::size_t code_start_ = kNone;  // where the last code span starts in text_
  std::size_t code_end_ = kNone;    // and ends
  std::string last_code_;           // its content
};

}  // namespace broadsheet::import::html_markdown
