// The first stage of HtmlToMarkdown: the source read as an HTML tokenizer reads it, with
// shortcodes and plugin tags removed, WordPress's blank-line paragraphs made <p> (wpautop) and
// a cap on nesting. Over 500 lines: the three passes share the tokenizer, and the rules for
// which bracketed words are shortcodes want to stay in one place.
#include "import/html_markdown_source.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "import/html_markdown_text.h"

namespace broadsheet::import::html_markdown {
namespace {

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ---- The source read as an HTML tokenizer reads it: tags, comments and text.

struct Markup {
  enum Kind { kStartTag, kEndTag, kComment, kOther } kind;
  std::size_t end;   // one past its last character
  std::string name;  // a tag's name, lowercase
};

// True when html[at] is a '<' that opens markup rather than being text.
bool OpensMarkup(std::string_view html, std::size_t at) {
  if (at + 1 >= html.size() || html[at] != '<') return false;
  const char next = html[at + 1];
  const bool letter = IsAlnum(next) && !IsDigit(next);
  return letter || next == '!' || next == '?' ||
         (next == '/' && at + 2 < html.size() && IsAlnum(html[at + 2]) && !IsDigit(html[at + 2]));
}

// Reads the markup at `at` (OpensMarkup is true). Markup cut off by the end runs to the end.
Markup ScanMarkup(std::string_view html, std::size_t at) {
  const std::string_view rest = html.substr(at);
  if (rest.starts_with("<!--")) {
    if (rest.starts_with("<!-->")) return {Markup::kComment, at + 5, {}};
    if (rest.starts_with("<!--->")) return {Markup::kComment, at + 6, {}};
    const std::size_t close = html.find("-->", at + 4);
    return {Markup::kComment, close == kNone ? html.size() : close + 3, {}};
  }
  if (rest[1] == '!' || rest[1] == '?') {
    const std::size_t close = html.find('>', at);
    return {Markup::kOther, close == kNone ? html.size() : close + 1, {}};
  }
  Markup markup{rest[1] == '/' ? Markup::kEndTag : Markup::kStartTag, html.size(), {}};
  std::size_t i = at + (markup.kind == Markup::kEndTag ? 2 : 1);
  for (; i < html.size() && !IsBlank(html[i]) && html[i] != '/' && html[i] != '>'; ++i) {
    markup.name.push_back(ToLower(html[i]));
  }
  while (i < html.size()) {  // attributes: only a quoted value may hold a '>'
    if (html[i] == '>') {
      markup.end = i + 1;
      break;
    }
    if (html[i++] != '=') continue;
    while (i < html.size() && IsBlank(html[i])) ++i;
    if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
      const std::size_t close = html.find(html[i], i + 1);
      if (close == kNone) break;
      i = close + 1;
    }
  }
  return markup;
}

// Elements whose content is text to the tokenizer, whatever it looks like.
bool IsRawText(std::string_view name) {
  return IsOneOf(name, {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea",
                        "title", "plaintext"});
}

// Where the next "</name" starts at or after `from`, or the end of `html`.
std::size_t FindEndTag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != kNone; at = html.find("</", at + 2)) {
    const std::string_view rest = html.substr(at + 2);
    if (!StartsWithNoCase(rest, name)) continue;
    if (rest.size() == name.size() || IsBlank(rest[name.size()]) || rest[name.size()] == '/' ||
        rest[name.size()] == '>') {
      return at;
    }
  }
  return html.size();
}

// The source as pieces: one markup each, or the text up to the next markup (the whole
// content of a raw-text element being one piece).
class SourceReader {
 public:
  struct Piece {
    std::string_view raw;
    std::optional<Markup> markup;  // empty for text
    bool raw_text = false;
  };

  explicit SourceReader(std::string_view html) : html_(html) {}
  bool Done() const { return at_ >= html_.size(); }

  Piece Next() {
    const std::size_t start = at_;
    if (at_ < raw_end_) {
      at_ = raw_end_;
      return {html_.substr(start, at_ - start), std::nullopt, true};
    }
    if (OpensMarkup(html_, at_)) {
      Markup markup = ScanMarkup(html_, at_);
      at_ = markup.end;
      if (markup.kind == Markup::kStartTag && IsRawText(markup.name)) {
        raw_end_ = FindEndTag(html_, at_, markup.name);
      }
      return {html_.substr(start, at_ - start), std::move(markup)};
    }
    std::size_t next = html_.find('<', at_ + 1);
    while (next != kNone && !OpensMarkup(html_, next)) next = html_.find('<', next + 1);
    at_ = next == kNone ? html_.size() : next;
    return {html_.substr(start, at_ - start), std::nullopt};
  }

 private:
  std::string_view html_;
  std::size_t at_ = 0;
  std::size_t raw_end_ = 0;
};

// ---- Shortcodes and plugin tags
//
// WordPress shortcodes ("[gallery ids=\"1\"]", "[caption]...[/caption]") and K2 / Joomla
// plugin tags ("{loadmodule mod_x}", "{gallery}folder{/gallery}") share a syntax with
// different brackets. The name is lowercase letters, digits, '_' and '-', starting with a
// letter, and a bracketed word counts as a tag only when its name is a well-known one, a
// closing tag for it follows, or it has key=value parameters: "[sic]", "[1]", "[Editor's
// note]" and "{see below}" stay text. Nothing inside a tag, <pre>, <code> or a script is read.

struct Brackets {
  char open;
  char close;
};
constexpr Brackets kSquare{'[', ']'};
constexpr Brackets kCurly{'{', '}'};
constexpr std::size_t kMaxTagName = 64;
constexpr std::size_t kMaxParameters = 2048;

bool IsTagNameChar(char c) { return IsLower(c) || IsDigit(c) || c == '_' || c == '-'; }

bool IsKnownShortcode(std::string_view name) {
  for (const std::string_view prefix : {"et_pb_", "vc_", "fusion_", "su_"}) {
    if (name.starts_with(prefix)) return true;
  }
  return IsOneOf(name, {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist",
                        "contact-form-7", "contact-form", "gravityform", "gravityforms",
                        "ninja_form", "ninja_forms", "wpforms"});
}

bool IsKnownPluginTag(std::string_view name) {
  return IsOneOf(name, {"loadmodule", "loadmoduleid", "loadposition", "mosimage", "mospagebreak",
                        "gallery", "youtube", "vimeo", "dailymotion", "jcomments", "emailcloak"});
}

struct PluginTag {
  std::string_view name;
  std::string_view parameters;  // what follows the name, up to the closing bracket
  std::size_t end;              // one past the closing bracket
};

std::optional<PluginTag> ReadPluginTag(std::string_view text, std::size_t at, Brackets brackets) {
  std::size_t i = at + 1;
  if (i >= text.size() || !IsLower(text[i])) return std::nullopt;
  while (i < text.size() && IsTagNameChar(text[i]) && i - at <= kMaxTagName) ++i;
  if (i >= text.size()) return std::nullopt;
  if (text[i] != brackets.close && !IsBlank(text[i]) && text[i] != '/' && text[i] != '=') {
    return std::nullopt;
  }
  // Stopping at an opening bracket too means no two candidates scan the same text: linear.
  const char stops[] = {brackets.open, brackets.close, '\0'};
  const std::size_t close = text.find_first_of(stops, i);
  if (close == kNone || text[close] != brackets.close || close - i > kMaxParameters) {
    return std::nullopt;
  }
  return PluginTag{text.substr(at + 1, i - at - 1), text.substr(i, close - i), close + 1};
}

// The name of the closing tag ("[/name]") at `at`, or empty.
std::string_view ReadCloser(std::string_view text, std::size_t at, Brackets brackets) {
  if (at + 2 >= text.size() || text[at + 1] != '/' || !IsLower(text[at + 2])) return {};
  std::size_t i = at + 2;
  while (i < text.size() && IsTagNameChar(text[i]) && i - at <= kMaxTagName) ++i;
  if (i >= text.size() || text[i] != brackets.close) return {};
  return text.substr(at + 2, i - at - 2);
}

// Where each name's closing tags are, in order.
using Closers = std::map<std::string, std::vector<std::size_t>, std::less<>>;

Closers FindClosers(std::string_view text, Brackets brackets) {
  Closers closers;
  const char opener[] = {brackets.open, '/', '\0'};
  for (std::size_t at = text.find(opener); at != kNone; at = text.find(opener, at + 1)) {
    const std::string_view name = ReadCloser(text, at, brackets);
    if (!name.empty()) closers[std::string(name)].push_back(at);
  }
  return closers;
}

// Where the first [/name] (or {/name}) at or after `from` starts, kNone when there is none.
// (A sentinel, not an optional: GCC 12 at -O2 takes a copied engaged optional<size_t> for
// uninitialized and -Werror stops the Release build.)
std::size_t NextCloser(const Closers& closers, std::string_view name, std::size_t from) {
  const auto found = closers.find(name);
  if (found == closers.end()) return kNone;
  const auto at = std::lower_bound(found->second.begin(), found->second.end(), from);
  if (at == found->second.end()) return kNone;
  return *at;
}

// The value of `key` in shortcode parameters (key="v", key='v' or key=v), or empty.
std::string_view ParameterValue(std::string_view parameters, std::string_view key) {
  std::size_t i = 0;
  while (i < parameters.size()) {
    while (i < parameters.size() && (IsBlank(parameters[i]) || parameters[i] == '/')) ++i;
    const std::size_t name_start = i;
    while (i < parameters.size() && !IsBlank(parameters[i]) && parameters[i] != '=') ++i;
    const std::string_view name = parameters.substr(name_start, i - name_start);
    if (i >= parameters.size() || parameters[i] != '=') continue;
    std::size_t start = ++i;
    std::size_t end = i;
    if (i < parameters.size() && (parameters[i] == '"' || parameters[i] == '\'')) {
      start = i + 1;
      end = std::min(parameters.find(parameters[i], start), parameters.size());
      i = end + 1;
    } else {
      while (i < parameters.size() && !IsBlank(parameters[i])) ++i;
      end = i;
    }
    if (name == key) return parameters.substr(start, end - start);
  }
  return {};
}

bool IsWebAddress(std::string_view url) {
  return (StartsWithNoCase(url, "http://") || StartsWithNoCase(url, "https://")) &&
         url.size() <= 2048 && url.find_first_of(" \t\n\r\f\"'<>") == kNone;
}

// A paragraph of its own linking `url` (IsWebAddress), as HTML for the parser.
std::string LinkParagraph(std::string_view url) {
  return "<p><a href=\"" + std::string(url) + "\">" + std::string(url) + "</a></p>";
}

// The video a K2 media tag ({youtube}id{/youtube}, AllVideos style) shows, or empty.
std::string MediaTagAddress(std::string_view name, std::string_view content) {
  if (IsWebAddress(content)) return std::string(content);
  const std::string_view id = content.substr(0, content.find('|'));  // "id|width|height"
  const bool plain =
      !id.empty() && id.size() <= 64 &&
      std::all_of(id.begin(), id.end(), [](char c) { return IsAlnum(c) || c == '_' || c == '-'; });
  if (!plain) return {};
  if (name == "youtube") return "https://www.youtube.com/watch?v=" + std::string(id);
  if (name == "vimeo") return "https://vimeo.com/" + std::string(id);
  if (name == "dailymotion") return "https://www.dailymotion.com/video/" + std::string(id);
  return {};
}

struct StrippedSource {
  std::string html;
  std::vector<std::string> removed;
};

class TagStripper {
 public:
  explicit TagStripper(std::string_view html)
      : html_(html), square_(FindClosers(html, kSquare)), curly_(FindClosers(html, kCurly)) {}

  StrippedSource Run() && {
    std::size_t at = 0;
    while (at < html_.size()) {
      const std::size_t stop = std::min(html_.find_first_of("<[{", at), html_.size());
      out_.html.append(html_.substr(at, stop - at));
      if ((at = stop) == html_.size()) break;
      if (html_[at] == '<' && OpensMarkup(html_, at)) {
        at = CopyMarkup(at);
      } else if (!(html_[at] == '[' && Shortcode(at)) && !(html_[at] == '{' && PluginTagAt(at))) {
        out_.html.push_back(html_[at++]);
      }
    }
    return std::move(out_);
  }

 private:
  // Copies markup as it is, with the content of code, pre and raw-text elements.
  std::size_t CopyMarkup(std::size_t at) {
    const Markup markup = ScanMarkup(html_, at);
    std::size_t end = markup.end;
    if (markup.kind == Markup::kStartTag &&
        (markup.name == "pre" || markup.name == "code" || IsRawText(markup.name))) {
      end = FindEndTag(html_, end, markup.name);
    }
    out_.html.append(html_.substr(at, end - at));
    return end;
  }

  bool Shortcode(std::size_t& at) {
    // "[[name]]" is WordPress's way of showing a shortcode as text: "[name]".
    const bool escaped = at + 1 < html_.size() && html_[at + 1] == '[';
    const std::string_view closing = ReadCloser(html_, at, kSquare);
    if (!closing.empty()) {
      if (!opened_square_.contains(closing)) return false;
      if (!caption_closers_.empty() && caption_closers_.back() == at) {
        out_.html += "</figcaption></figure>";
        caption_closers_.pop_back();
      }
      at += closing.size() + 3;
      return true;
    }
    const std::optional<PluginTag> tag = ReadPluginTag(html_, at + (escaped ? 1 : 0), kSquare);
    if (!tag) return false;
    const bool self_closed = Trim(tag->parameters).ends_with('/');
    const std::size_t closer = self_closed ? kNone : NextCloser(square_, tag->name, tag->end);
    if (closer == kNone && !IsKnownShortcode(tag->name) && tag->parameters.find('=') == kNone)
      return false;
    if (escaped) {
      if (tag->end >= html_.size() || html_[tag->end] != ']') return false;
      out_.html.append(html_.substr(at + 1, tag->end - at - 1));
      at = tag->end + 1;
      return true;
    }
    out_.removed.emplace_back(html_.substr(at, tag->end - at));
    opened_square_.emplace(tag->name);
    at = tag->end;
    if (IsOneOf(tag->name, {"embed", "video", "audio"})) {
      Media(*tag, closer, at);
    } else if (closer != kNone && IsOneOf(tag->name, {"caption", "wp_caption"})) {
      Caption(*tag, closer, at);
    }
    return true;
  }

  // [embed]URL[/embed], [video mp4="URL"][/video]: a link to the address, as its own paragraph.
  // `closer`: where its [/name] starts, kNone when it has none.
  void Media(const PluginTag& tag, std::size_t closer, std::size_t& at) {
    std::string_view url;
    for (const std::string_view key : {"src", "url", "mp4", "m4v", "webm", "ogv", "mov", "wmv",
                                       "flv", "mp3", "ogg", "oga", "wav", "m4a", "wma"}) {
      if (!(url = ParameterValue(tag.parameters, key)).empty()) break;
    }
    if (closer != kNone) {
      if (url.empty()) url = html_.substr(at, closer - at);
      at = closer + tag.name.size() + 3;
    }
    if (IsWebAddress(Trim(url))) out_.html += LinkParagraph(Trim(url));
  }

  // [caption ...]<a><img></a> Text[/caption] becomes a figure: the image, then the text (or
  // the older caption="..." parameter) as its caption.
  void Caption(const PluginTag& tag, std::size_t closer, std::size_t& at) {
    const std::string_view content = html_.substr(at, closer - at);
    // The image opens the content; looking further could make nested captions quadratic.
    const std::string_view head = content.substr(0, 2048);
    std::size_t split = 0;
    for (std::size_t i = head.find('<'); i != kNone && split == 0; i = head.find('<', i + 1)) {
      if (!StartsWithNoCase(content.substr(i), "<img") || !OpensMarkup(content, i)) continue;
      split = ScanMarkup(content, i).end;
      const std::size_t after = content.find_first_not_of(kBlanks, split);
      if (after != kNone && StartsWithNoCase(content.substr(after), "</a>")) split = after + 4;
    }
    if (split == 0) return;  // no image: the content stays as it is
    out_.html += "<figure>";
    out_.html.append(content.substr(0, split));
    out_.html += "<figcaption>";
    if (Trim(content.substr(split)).empty()) {
      out_.html.append(ParameterValue(tag.parameters, "caption"));
    }
    at += split;
    caption_closers_.push_back(closer);
  }

  // K2 / Joomla: {name ...}, {name}...{/name}. A media tag's content (a gallery folder, a
  // video id) goes with it; other content stays.
  bool PluginTagAt(std::size_t& at) {
    const std::string_view closing = ReadCloser(html_, at, kCurly);
    if (!closing.empty()) {
      if (!opened_curly_.contains(closing)) return false;
      at += closing.size() + 3;
      return true;
    }
    const std::optional<PluginTag> tag = ReadPluginTag(html_, at, kCurly);
    if (!tag) return false;
    const std::size_t closer = NextCloser(curly_, tag->name, tag->end);
    if (closer == kNone && !IsKnownPluginTag(tag->name) && tag->parameters.find('=') == kNone) {
      return false;
    }
    out_.removed.emplace_back(html_.substr(at, tag->end - at));
    opened_curly_.emplace(tag->name);
    at = tag->end;
    if (closer != kNone && IsOneOf(tag->name, {"gallery", "youtube", "vimeo", "dailymotion", "mp3",
                                               "mp4", "flv", "soundcloud"})) {
      const std::string url = MediaTagAddress(tag->name, Trim(html_.substr(at, closer - at)));
      if (!url.empty()) out_.html += LinkParagraph(url);
      at = closer + tag->name.size() + 3;
    }
    return true;
  }

  std::string_view html_;
  Closers square_;
  Closers curly_;
  std::set<std::string, std::less<>> opened_square_;
  std::set<std::string, std::less<>> opened_curly_;
  std::vector<std::size_t> caption_closers_;  // the [/caption] of each open figure
  StrippedSource out_;
};

// ---- WordPress's blank-line paragraphs (wpautop), and the nesting cap

// Tags nested deeper than this are dropped before parsing: gumbo's tree building slows with
// depth (each tag searches the open elements; 100,000 nested <blockquote> take 30 s), and
// real posts nest a dozen deep.
constexpr std::size_t kMaxOpenTags = 64;

// Tags the cap does not count: void ones, those the parser closes by itself, raw-text ones.
bool IsUncounted(std::string_view name) {
  return IsRawText(name) ||
         IsOneOf(name,
                 {"area",     "base",  "br",    "col",    "embed", "hr",    "img",    "input",
                  "link",     "meta",  "param", "source", "track", "wbr",   "keygen", "basefont",
                  "bgsound",  "frame", "image", "p",      "li",    "dt",    "dd",     "option",
                  "optgroup", "tr",    "td",    "th",     "thead", "tbody", "tfoot",  "colgroup",
                  "caption",  "rb",    "rt",    "rp",     "rtc",   "html",  "head",   "body"});
}

// wpautop's block tags: the text between two of them is a run of paragraphs.
bool IsAutopBlock(std::string_view name) {
  return IsOneOf(
      name,
      {"table",  "thead",    "tfoot",  "caption",    "col",     "colgroup",   "tbody",   "tr",
       "td",     "th",       "div",    "dl",         "dd",      "dt",         "ul",      "ol",
       "li",     "pre",      "form",   "map",        "area",    "blockquote", "address", "math",
       "style",  "p",        "h1",     "h2",         "h3",      "h4",         "h5",      "h6",
       "hr",     "fieldset", "legend", "section",    "article", "aside",      "hgroup",  "header",
       "footer", "nav",      "figure", "figcaption", "details", "menu",       "summary", "main"});
}

bool IsBlankLine(std::string_view line) { return line.find_first_not_of(" \t\f") == kNone; }

class SourceCleaner {
 public:
  explicit SourceCleaner(bool autop) : autop_(autop) {}

  std::string Run(std::string_view html) && {
    SourceReader reader(html);
    while (!reader.Done()) {
      const SourceReader::Piece piece = reader.Next();
      const Markup* markup = piece.markup ? &*piece.markup : nullptr;
      const bool tag =
          markup && (markup->kind == Markup::kStartTag || markup->kind == Markup::kEndTag);
      if (tag && !Keep(*markup)) continue;
      const bool pre = tag && markup->name == "pre";
      if (!autop_ || in_pre_ > 0) {
        if (pre) in_pre_ = std::max(0, in_pre_ + (markup->kind == Markup::kStartTag ? 1 : -1));
        out_.append(piece.raw);
      } else if (!markup) {
        if (piece.raw_text) {
          AppendFlat(piece.raw);
        } else {
          run_.append(piece.raw);
        }
      } else if (markup->kind == Markup::kComment) {
        Comment(html.substr(markup->end));
      } else if (tag && IsAutopBlock(markup->name)) {
        FlushRun();
        out_.append(piece.raw);
        if (pre && markup->kind == Markup::kStartTag) in_pre_ = 1;
      } else {
        AppendFlat(piece.raw);
      }
    }
    FlushRun();
    return std::move(out_);
  }

 private:
  // Counts nesting; false when the tag goes past the cap (its end tag is then dropped too).
  bool Keep(const Markup& markup) {
    if (markup.kind == Markup::kStartTag) {
      if (IsUncounted(markup.name)) return true;
      if (open_.size() >= kMaxOpenTags) {
        ++dropped_[markup.name];
        return false;
      }
      open_.push_back(markup.name);
      return true;
    }
    if (const auto found = dropped_.find(markup.name);
        found != dropped_.end() && found->second > 0) {
      --found->second;
      return false;
    }
    const auto open = std::find(open_.rbegin(), open_.rend(), markup.name);
    if (open != open_.rend()) open_.erase(std::prev(open.base()), open_.end());
    return true;
  }

  // Markup and raw text join the run with their newlines as spaces: they make no <br>.
  void AppendFlat(std::string_view raw) {
    for (const char c : raw) run_.push_back(c == '\n' ? ' ' : c);
  }

  // A comment alone on its line (WordPress's <!--more-->, say) ends a paragraph; others vanish.
  // Both looks are bounded, so a flood of comments stays linear.
  void Comment(std::string_view after) {
    const std::size_t next = after.substr(0, 256).find_first_not_of(" \t\f");
    const bool ends_line = next == kNone ? after.size() < 256 : after[next] == '\n';
    const std::string_view tail =
        std::string_view(run_).substr(run_.size() - std::min<std::size_t>(run_.size(), 256));
    const std::size_t last = tail.find_last_not_of(" \t\f");
    const bool starts_line = last == kNone ? tail.size() == run_.size() : tail[last] == '\n';
    if (ends_line && starts_line) run_ += "\n\n";
  }

  // Ends a run of inline source: its blank-line-separated parts become paragraphs and the
  // newlines inside them line breaks. A run of one part stays bare: the converter reads bare
  // inline content as a paragraph anyway, and a <p> inside a heading or cell would not fit.
  void FlushRun() {
    std::vector<std::string_view> parts;
    const std::string_view run = run_;
    std::size_t part_start = 0;
    for (std::size_t line_start = 0;;) {
      const std::size_t newline = run.find('\n', line_start);
      const std::size_t line_end = newline == kNone ? run.size() : newline;
      if (IsBlankLine(run.substr(line_start, line_end - line_start))) {
        if (!Trim(run.substr(part_start, line_start - part_start)).empty()) {
          parts.push_back(Trim(run.substr(part_start, line_start - part_start)));
        }
        part_start = line_end;
      }
      if (newline == kNone) break;
      line_start = newline + 1;
    }
    if (!Trim(run.substr(part_start)).empty()) parts.push_back(Trim(run.substr(part_start)));
    for (const std::string_view part : parts) {
      if (parts.size() > 1) out_ += "<p>";
      for (const char c : part) {
        if (c == '\n' && !EndsWithBreak()) out_ += "<br>";
        out_.push_back(c);
      }
      if (parts.size() > 1) out_ += "</p>\n";
    }
    run_.clear();
  }

  // True when the output ends with a <br> tag (then a newline adds no second break).
  bool EndsWithBreak() const {
    const std::size_t last = out_.find_last_not_of(" \t\f");
    if (last == kNone || out_[last] != '>') return false;
    const std::size_t from = last - std::min<std::size_t>(last, 64);
    const std::size_t open = std::string_view(out_).substr(from, last - from).rfind('<');
    if (open == kNone) return false;
    const std::string_view tag = std::string_view(out_).substr(from + open + 1);
    return StartsWithNoCase(tag, "br") && !IsAlnum(tag[2]);
  }

  bool autop_;
  int in_pre_ = 0;
  std::string out_;
  std::string run_;  // the inline source since the last block tag (autop only)
  std::vector<std::string> open_;
  std::unordered_map<std::string, int> dropped_;
};

std::string UnifyNewlines(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    out.push_back(html[i] == '\r' ? '\n' : html[i]);
    if (html[i] == '\r' && i + 1 < html.size() && html[i + 1] == '\n') ++i;
  }
  return out;
}

}  // namespace

CleanedSource CleanSource(std::string_view html) {
  const std::string source = UnifyNewlines(html);
  // Block-editor posts are stored with their <p>: WordPress runs no wpautop on them either.
  const bool block_editor = source.find("<!-- wp:") != kNone;
  StrippedSource stripped = TagStripper(source).Run();
  return {SourceCleaner(!block_editor).Run(stripped.html), std::move(stripped.removed)};
}

}  // namespace broadsheet::import::html_markdown
