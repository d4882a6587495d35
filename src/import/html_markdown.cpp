// HtmlToMarkdown: the source cleaned as text (html_markdown_source.cpp), parsed by gumbo, and
// the tree walked into Markdown, its inline text written by InlineWriter
// (html_markdown_text.cpp). Over 500 lines: one walk handles every kind of block, and the
// rules that keep a list tight or a table a table read best side by side.
#include "import/html_markdown.h"

#include <gumbo.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "import/html_markdown_source.h"
#include "import/html_markdown_text.h"

namespace broadsheet::import {
namespace html_markdown {
namespace {

constexpr int kMaxContainers = 8;   // lists and quotes nested deeper are flattened
constexpr int kMaxTreeDepth = 400;  // past this only text is kept (the source cap makes it moot)
constexpr long kMaxListNumber = 999999999;  // cmark reads up to nine digits

bool IsTagIn(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// Elements dropped with their content.
bool IsDropped(GumboTag tag) {
  return IsTagIn(tag,
                 {GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_OBJECT,   GUMBO_TAG_EMBED,
                  GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_FORM,     GUMBO_TAG_INPUT,
                  GUMBO_TAG_BUTTON,   GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_SVG,
                  GUMBO_TAG_MATH,     GUMBO_TAG_TITLE,    GUMBO_TAG_APPLET,   GUMBO_TAG_CANVAS,
                  GUMBO_TAG_NOEMBED,  GUMBO_TAG_NOFRAMES, GUMBO_TAG_FRAMESET, GUMBO_TAG_DATALIST,
                  GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP});
}

bool IsHeading(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

bool IsCode(GumboTag tag) {
  return IsTagIn(tag, {GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_XMP, GUMBO_TAG_PLAINTEXT});
}

bool IsMedia(GumboTag tag) {
  return IsTagIn(tag, {GUMBO_TAG_IFRAME, GUMBO_TAG_VIDEO, GUMBO_TAG_AUDIO});
}

// Elements that are blocks: each starts and ends a paragraph.
bool IsBlock(GumboTag tag) {
  return IsHeading(tag) || IsCode(tag) ||
         IsTagIn(tag,
                 {GUMBO_TAG_HTML,    GUMBO_TAG_HEAD,    GUMBO_TAG_BODY,       GUMBO_TAG_ADDRESS,
                  GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,   GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER,
                  GUMBO_TAG_DD,      GUMBO_TAG_DETAILS, GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
                  GUMBO_TAG_DL,      GUMBO_TAG_DT,      GUMBO_TAG_FIELDSET,   GUMBO_TAG_FIGCAPTION,
                  GUMBO_TAG_FIGURE,  GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,     GUMBO_TAG_HGROUP,
                  GUMBO_TAG_HR,      GUMBO_TAG_LI,      GUMBO_TAG_MAIN,       GUMBO_TAG_MENU,
                  GUMBO_TAG_NAV,     GUMBO_TAG_OL,      GUMBO_TAG_P,          GUMBO_TAG_SECTION,
                  GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE,   GUMBO_TAG_CAPTION,    GUMBO_TAG_TBODY,
                  GUMBO_TAG_THEAD,   GUMBO_TAG_TFOOT,   GUMBO_TAG_TR,         GUMBO_TAG_TD,
                  GUMBO_TAG_TH,      GUMBO_TAG_UL,      GUMBO_TAG_LEGEND});
}

bool IsElement(const GumboNode& node, GumboTag tag) {
  return node.type == GUMBO_NODE_ELEMENT && node.v.element.tag == tag;
}

bool IsText(const GumboNode& node) {
  return node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE ||
         node.type == GUMBO_NODE_CDATA;
}

const GumboVector& ChildrenOf(const GumboNode& node) {
  return node.type == GUMBO_NODE_DOCUMENT ? node.v.document.children : node.v.element.children;
}

const GumboNode& ChildAt(const GumboVector& children, unsigned i) {
  return *static_cast<const GumboNode*>(children.data[i]);
}

std::string_view Attribute(const GumboNode& node, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&node.v.element.attributes, name);
  return attribute ? std::string_view(attribute->value) : std::string_view();
}

// The text under `node`; <br> is a newline in code and a space elsewhere. Iterative, so any
// depth is safe.
std::string PlainText(const GumboNode& node, bool code) {
  std::string out;
  std::vector<const GumboNode*> stack{&node};
  while (!stack.empty()) {
    const GumboNode& current = *stack.back();
    stack.pop_back();
    if (IsText(current)) out += current.v.text.text;
    if (current.type != GUMBO_NODE_ELEMENT || IsDropped(current.v.element.tag)) continue;
    if (current.v.element.tag == GUMBO_TAG_BR) out.push_back(code ? '\n' : ' ');
    if (!code && IsBlock(current.v.element.tag)) out.push_back(' ');
    const GumboVector& children = current.v.element.children;
    for (unsigned i = children.length; i > 0; --i) stack.push_back(&ChildAt(children, i - 1));
  }
  return out;
}

// ` "title"` for a link or image with a title attribute; its "<" escaped as well, so that
// no HTML could appear even were cmark not to read the link.
std::string TitlePart(const GumboNode& node) {
  const std::string title = Collapse(Attribute(node, "title"));
  if (title.empty()) return {};
  std::string out = " \"";
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (std::string_view("\"\\|<").find(title[i]) != kNone ||
        (title[i] == '&' && StartsEntity(std::string_view(title).substr(i + 1)))) {
      out.push_back('\\');
    }
    out.push_back(title[i]);
  }
  return out + '"';
}

// A code block's language, from class="language-x" (or "lang-x", SyntaxHighlighter's
// "brush: x") on the <pre> or its <code>.
std::string Language(const GumboNode& pre) {
  std::vector<std::string_view> classes{Attribute(pre, "class")};
  const GumboVector& children = pre.v.element.children;
  if (children.length > 0 && IsElement(ChildAt(children, 0), GUMBO_TAG_CODE)) {
    classes.push_back(Attribute(ChildAt(children, 0), "class"));
  }
  for (const std::string_view value : classes) {
    for (const std::string_view prefix : {"language-", "lang-", "brush:"}) {
      std::size_t at = value.find(prefix);
      while (at != kNone && at > 0 && !IsBlank(value[at - 1])) at = value.find(prefix, at + 1);
      if (at == kNone) continue;
      std::size_t i = at + prefix.size();
      while (i < value.size() && value[i] == ' ') ++i;
      std::string language;
      for (; i < value.size() && language.size() < 32; ++i) {
        if (!IsAlnum(value[i]) && std::string_view("_+#.-").find(value[i]) == kNone) break;
        language.push_back(value[i]);
      }
      if (!language.empty()) return language;
    }
  }
  return {};
}

// A count attribute (an <ol>'s start, a cell's colspan): its leading digits, at most
// kMaxListNumber; 0 for a negative number, 1 when it has none.
long CountAttribute(std::string_view value) {
  value = Trim(value);
  if (value.empty() || !IsDigit(value[0])) return value.starts_with('-') ? 0 : 1;
  long number = 0;
  for (std::size_t i = 0; i < value.size() && IsDigit(value[i]); ++i) {
    number = std::min(kMaxListNumber, number * 10 + (value[i] - '0'));
  }
  return number;
}

struct Block {
  enum Kind { kParagraph, kList, kRule, kOther } kind;
  std::string text;
  char marker = 0;          // a list's bullet or its numbers' delimiter
  bool interrupts = false;  // a list that may directly follow a paragraph's line
};

// The blocks of one container (the document, a list item, a quote) and its open paragraph.
struct Sink {
  explicit Sink(int containers, bool quote = false) : containers(containers), quote(quote) {}
  std::vector<Block> blocks;
  InlineWriter paragraph{InlineWriter::Mode::kParagraph};
  int containers;
  bool quote;
};

// The blocks one blank line apart. In a list item a nested list follows the item's paragraph
// directly, which keeps the outer list tight; a rule starting an item is "***", since "- ---"
// would read as a single rule.
std::string Join(const std::vector<Block>& blocks, bool item) {
  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    if (i > 0) {
      const bool tight = item && block.kind == Block::kList && block.interrupts &&
                         blocks[i - 1].kind == Block::kParagraph;
      out += tight ? "\n" : "\n\n";
    }
    out += item && i == 0 && block.kind == Block::kRule ? "***" : block.text;
  }
  return out;
}

// `text` with `first` before its first line, `rest` before the others and empty lines as
// `empty`: a list item's or quote's lines.
std::string Prefixed(std::string_view text, std::string_view first, std::string_view rest,
                     std::string_view empty) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t newline = text.find('\n', start);
    const std::string_view line = text.substr(start, newline == kNone ? kNone : newline - start);
    if (start > 0) out.push_back('\n');
    if (line.empty()) {
      out.append(empty);
    } else {
      out.append(start == 0 ? first : rest).append(line);
    }
    if (newline == kNone) return out;
    start = newline + 1;
  }
}

class Converter {
 public:
  // Notes which elements hold blocks and which tables hold tables.
  explicit Converter(const GumboNode& document) : document_(document) {
    std::vector<const GumboNode*> stack{&document};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
      if (node->type == GUMBO_NODE_ELEMENT && IsBlock(node->v.element.tag)) {
        for (const GumboNode* up = node->parent; up && holds_blocks_.insert(up).second;) {
          up = up->parent;
        }
      }
      if (IsElement(*node, GUMBO_TAG_TABLE)) {
        const GumboNode* up = node->parent;
        while (up && !IsElement(*up, GUMBO_TAG_TABLE)) up = up->parent;
        if (up) holds_tables_.insert(up);
      }
      const GumboVector& children = ChildrenOf(*node);
      for (unsigned i = 0; i < children.length; ++i) stack.push_back(&ChildAt(children, i));
    }
  }

  std::string Markdown() {
    Sink document(0);
    Children(document_, document, 0);
    Flush(document);
    std::string text = Join(document.blocks, false);
    if (!text.empty()) text.push_back('\n');
    return text;
  }

  std::vector<std::string> TakeImages() { return std::move(images_); }

 private:
  void Children(const GumboNode& node, Sink& sink, int depth) {
    const GumboVector& children = ChildrenOf(node);
    for (unsigned i = 0; i < children.length; ++i) Node(ChildAt(children, i), sink, depth + 1);
  }

  void Node(const GumboNode& node, Sink& sink, int depth) {
    if (IsText(node)) return sink.paragraph.Text(node.v.text.text);
    if (node.type != GUMBO_NODE_ELEMENT) return;  // comments; a <template> is never shown
    if (depth > kMaxTreeDepth) return sink.paragraph.Text(PlainText(node, false));
    const GumboTag tag = node.v.element.tag;
    if (IsHeading(tag)) return Heading(node, sink, depth);
    if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) return List(node, sink, depth);
    if (tag == GUMBO_TAG_BLOCKQUOTE) return Quote(node, sink, depth);
    if (IsCode(tag)) return CodeBlock(node, sink);
    if (tag == GUMBO_TAG_TABLE) return Table(node, sink, depth);
    if (tag == GUMBO_TAG_FIGURE) return Figure(node, sink, depth);
    if (tag == GUMBO_TAG_FIGCAPTION) return Line(node, sink, depth, "", InlineWriter::kEmphasis);
    if (tag == GUMBO_TAG_BR) return sink.paragraph.Break();
    // A WordPress quote block's source line.
    if (tag == GUMBO_TAG_CITE && sink.quote) return Line(node, sink, depth, "— ", 0);
    if (tag == GUMBO_TAG_HR) {
      Flush(sink);
      return sink.blocks.push_back({Block::kRule, "---"});
    }
    if (IsMedia(tag)) {
      Flush(sink);
      Media(node, sink.paragraph);
      return Flush(sink);
    }
    if (IsDropped(tag)) return;
    if (IsBlock(tag)) {
      Flush(sink);
      Children(node, sink, depth);
      return Flush(sink);
    }
    // An inline element around blocks (<a> around a <div>) keeps only its content.
    if (holds_blocks_.contains(&node)) return Children(node, sink, depth);
    Inline(node, sink.paragraph, depth);
  }

  void Flush(Sink& sink) {
    if (!sink.paragraph.empty()) {
      sink.blocks.push_back({Block::kParagraph, std::move(sink.paragraph).Finish()});
    }
    sink.paragraph = InlineWriter(InlineWriter::Mode::kParagraph);
  }

  // A paragraph of its own: `before`, then the node's inline content (emphasised if `style`).
  void Line(const GumboNode& node, Sink& sink, int depth, std::string_view before, unsigned style) {
    Flush(sink);
    InlineWriter writer(InlineWriter::Mode::kParagraph, style);
    InlineChildren(node, writer, depth);
    if (writer.empty()) return;
    const std::string_view mark = style ? "*" : "";
    sink.blocks.push_back({Block::kParagraph, std::string(before) + std::string(mark) +
                                                  std::move(writer).Finish() + std::string(mark)});
  }

  void Heading(const GumboNode& node, Sink& sink, int depth) {
    Flush(sink);
    InlineWriter writer(InlineWriter::Mode::kHeading);
    InlineChildren(node, writer, depth);
    if (writer.empty()) return;
    // The article's title is its page's <h1>, so a body's headings start at level 2.
    const int level = std::max(2, node.v.element.tag - GUMBO_TAG_H1 + 1);
    sink.blocks.push_back(
        {Block::kOther, std::string(level, '#') + ' ' + std::move(writer).Finish()});
  }

  void List(const GumboNode& node, Sink& sink, int depth) {
    Flush(sink);
    if (sink.containers >= kMaxContainers) {
      Children(node, sink, depth);
      return Flush(sink);
    }
    const bool ordered = node.v.element.tag == GUMBO_TAG_OL;
    const long first = ordered ? CountAttribute(Attribute(node, "start")) : 0;
    char marker = ordered ? '.' : '-';
    // Two lists in a row would be read as one unless their markers differ.
    if (!sink.blocks.empty() && sink.blocks.back().kind == Block::kList &&
        sink.blocks.back().marker == marker) {
      marker = ordered ? ')' : '*';
    }
    std::string text;
    long number = first;
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode& child = ChildAt(children, i);
      Sink item(sink.containers + 1);
      if (IsElement(child, GUMBO_TAG_LI)) {
        Children(child, item, depth + 1);
      } else {
        Node(child, item, depth + 1);
      }
      Flush(item);
      if (item.blocks.empty()) continue;  // an empty item could read as a heading's underline
      const std::string bullet = ordered ? std::to_string(number) + marker : std::string(1, marker);
      number = std::min(number + 1, kMaxListNumber);
      if (!text.empty()) text.push_back('\n');
      text +=
          Prefixed(Join(item.blocks, true), bullet + ' ', std::string(bullet.size() + 1, ' '), "");
    }
    if (!text.empty()) {
      sink.blocks.push_back({Block::kList, std::move(text), marker, !ordered || first == 1});
    }
  }

  void Quote(const GumboNode& node, Sink& sink, int depth) {
    Flush(sink);
    if (sink.containers >= kMaxContainers) {
      Children(node, sink, depth);
      return Flush(sink);
    }
    Sink quote(sink.containers + 1, true);
    Children(node, quote, depth);
    Flush(quote);
    if (quote.blocks.empty()) return;
    sink.blocks.push_back({Block::kOther, Prefixed(Join(quote.blocks, false), "> ", "> ", ">")});
  }

  void CodeBlock(const GumboNode& node, Sink& sink) {
    Flush(sink);
    std::string code = PlainText(node, true);
    const std::size_t first = code.find_first_not_of(kBlanks);
    if (first == kNone) return;
    code.erase(code.find_last_not_of(kBlanks) + 1);
    const std::size_t line_start = code.rfind('\n', first);  // blank lines before are markup
    code.erase(0, line_start == kNone ? 0 : line_start + 1);
    std::size_t longest = 0;
    for (std::size_t at = code.find('`'); at != kNone; at = code.find('`', at)) {
      const std::size_t end = std::min(code.find_first_not_of('`', at), code.size());
      longest = std::max(longest, end - at);
      at = end;
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    sink.blocks.push_back({Block::kOther, fence + Language(node) + '\n' + code + '\n' + fence});
  }

  // A pipe table (GFM), the first row its header when it is in <thead> or has a <th>;
  // otherwise the header is empty. Cells that span, or a table inside a cell, have no pipe
  // table form: then each cell becomes paragraphs of its own.
  void Table(const GumboNode& node, Sink& sink, int depth) {
    Flush(sink);
    std::vector<std::pair<const GumboNode*, bool>> rows;  // <tr>, in <thead>
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode& child = ChildAt(children, i);
      if (IsElement(child, GUMBO_TAG_CAPTION)) Line(child, sink, depth + 1, "", 0);
      if (IsElement(child, GUMBO_TAG_TR)) rows.emplace_back(&child, false);
      if (!IsElement(child, GUMBO_TAG_THEAD) && !IsElement(child, GUMBO_TAG_TBODY) &&
          !IsElement(child, GUMBO_TAG_TFOOT)) {
        continue;
      }
      const GumboVector& section = child.v.element.children;
      for (unsigned j = 0; j < section.length; ++j) {
        if (IsElement(ChildAt(section, j), GUMBO_TAG_TR)) {
          rows.emplace_back(&ChildAt(section, j), IsElement(child, GUMBO_TAG_THEAD));
        }
      }
    }
    std::vector<std::vector<const GumboNode*>> cells;
    bool spans = holds_tables_.contains(&node);
    bool header = false;
    for (const auto& [row, in_head] : rows) {
      std::vector<const GumboNode*> line;
      const GumboVector& row_children = row->v.element.children;
      for (unsigned i = 0; i < row_children.length; ++i) {
        const GumboNode& cell = ChildAt(row_children, i);
        if (!IsElement(cell, GUMBO_TAG_TD) && !IsElement(cell, GUMBO_TAG_TH)) continue;
        spans = spans || CountAttribute(Attribute(cell, "colspan")) > 1 ||
                CountAttribute(Attribute(cell, "rowspan")) > 1;
        if (cells.empty()) header = header || in_head || IsElement(cell, GUMBO_TAG_TH);
        line.push_back(&cell);
      }
      if (!line.empty()) cells.push_back(std::move(line));
    }
    if (spans) {
      for (const auto& line : cells) {
        for (const GumboNode* cell : line) {
          Children(*cell, sink, depth + 2);
          Flush(sink);
        }
      }
      return;
    }
    std::size_t columns = 0;
    for (const auto& line : cells) columns = std::max(columns, line.size());
    if (columns == 0) return;
    const auto format = [&](const std::vector<const GumboNode*>& line) {
      std::string out = "|";
      for (std::size_t c = 0; c < columns; ++c) {
        InlineWriter writer(InlineWriter::Mode::kCell);
        if (c < line.size()) InlineChildren(*line[c], writer, depth + 2);
        out += ' ' + std::move(writer).Finish() + " |";
      }
      return out;
    };
    std::string text = format(header ? cells[0] : std::vector<const GumboNode*>());
    text += '\n';
    for (std::size_t c = 0; c < columns; ++c) text += c == 0 ? "| --- |" : " --- |";
    for (std::size_t r = header ? 1 : 0; r < cells.size(); ++r) text += '\n' + format(cells[r]);
    sink.blocks.push_back({Block::kOther, std::move(text)});
  }

  // The figure's content, then its caption as an emphasised paragraph.
  void Figure(const GumboNode& node, Sink& sink, int depth) {
    Flush(sink);
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode& child = ChildAt(children, i);
      if (!IsElement(child, GUMBO_TAG_FIGCAPTION)) Node(child, sink, depth + 1);
    }
    Flush(sink);
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode& child = ChildAt(children, i);
      if (IsElement(child, GUMBO_TAG_FIGCAPTION))
        Line(child, sink, depth + 1, "", InlineWriter::kEmphasis);
    }
  }

  void InlineChildren(const GumboNode& node, InlineWriter& out, int depth) {
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) Inline(ChildAt(children, i), out, depth + 1);
  }

  void Inline(const GumboNode& node, InlineWriter& out, int depth) {
    if (IsText(node)) return out.Text(node.v.text.text);
    if (node.type != GUMBO_NODE_ELEMENT) return;
    if (depth > kMaxTreeDepth) return out.Text(PlainText(node, false));
    const GumboTag tag = node.v.element.tag;
    if (tag == GUMBO_TAG_BR) return out.Break();
    if (tag == GUMBO_TAG_IMG) return Image(node, out);
    if (tag == GUMBO_TAG_A) return Link(node, out, depth);
    if (IsMedia(tag)) return Media(node, out);
    if (tag == GUMBO_TAG_STRONG || tag == GUMBO_TAG_B) {
      return Styled(node, out, depth, InlineWriter::kStrong, "**");
    }
    if (tag == GUMBO_TAG_EM || tag == GUMBO_TAG_I) {
      return Styled(node, out, depth, InlineWriter::kEmphasis, "*");
    }
    if (IsTagIn(tag, {GUMBO_TAG_DEL, GUMBO_TAG_S, GUMBO_TAG_STRIKE})) {
      return Styled(node, out, depth, InlineWriter::kStrike, "~~");
    }
    if (IsTagIn(tag, {GUMBO_TAG_CODE, GUMBO_TAG_KBD, GUMBO_TAG_SAMP, GUMBO_TAG_TT})) {
      return CodeSpan(node, out);
    }
    if (IsDropped(tag)) return;
    const bool block = IsBlock(tag);  // flattened, as a paragraph inside a heading or a cell
    if (block) out.Space();
    InlineChildren(node, out, depth);
    if (block) out.Space();
  }

  void Styled(const GumboNode& node, InlineWriter& out, int depth, unsigned style,
              std::string_view delimiter) {
    if (out.has(style)) return InlineChildren(node, out, depth);
    InlineWriter inner = out.Inner(style);
    InlineChildren(node, inner, depth);
    out.Wrap(inner, delimiter, delimiter);
  }

  void Link(const GumboNode& node, InlineWriter& out, int depth) {
    const std::optional<std::string> address =
        out.has(InlineWriter::kLink) ? std::nullopt : SafeAddress(Attribute(node, "href"), true);
    if (!address) return InlineChildren(node, out, depth);
    InlineWriter inner = out.Inner(InlineWriter::kLink);
    InlineChildren(node, inner, depth);
    out.Wrap(inner, "[", "](" + Destination(*address) + TitlePart(node) + ")");
  }

  void Image(const GumboNode& node, InlineWriter& out) {
    const std::optional<std::string> source = SafeAddress(Attribute(node, "src"), false);
    if (!source) return;
    if (seen_images_.insert(*source).second) images_.push_back(*source);
    out.Markup("![" + EscapedText(Attribute(node, "alt")) + "](" + Destination(*source) +
               TitlePart(node) + ")");
  }

  // An iframe, video or audio as a link to its http(s) address.
  void Media(const GumboNode& node, InlineWriter& out) {
    std::string_view source = Attribute(node, "src");
    const GumboVector& children = node.v.element.children;
    for (unsigned i = 0; i < children.length && source.empty(); ++i) {
      if (IsElement(ChildAt(children, i), GUMBO_TAG_SOURCE)) {
        source = Attribute(ChildAt(children, i), "src");
      }
    }
    std::optional<std::string> address = SafeAddress(source, false);
    if (address && address->starts_with("//")) address->insert(0, "https:");
    if (!address ||
        !(StartsWithNoCase(*address, "http://") || StartsWithNoCase(*address, "https://"))) {
      return;
    }
    if (out.has(InlineWriter::kLink)) return out.Text(" " + *address + " ");  // links don't nest
    out.Markup("[" + EscapedText(*address) + "](" + Destination(*address) + ")");
  }

  // Inline code: a fence of backticks longer than any run inside.
  void CodeSpan(const GumboNode& node, InlineWriter& out) {
    const std::string raw = PlainText(node, false);
    std::string code = Collapse(raw);
    const bool lead = !raw.empty() && (IsBlank(raw.front()) || IsNoBreakSpace(raw, 0));
    const bool trail = !raw.empty() && (IsBlank(raw.back()) || raw.ends_with("\xC2\xA0"));
    if (lead || (code.empty() && !raw.empty())) out.Space();
    if (code.empty()) return;
    out.Code(std::move(code));
    if (trail) out.Space();
  }

  const GumboNode& document_;
  std::unordered_set<const GumboNode*> holds_blocks_;
  std::unordered_set<const GumboNode*> holds_tables_;
  std::vector<std::string> images_;
  std::unordered_set<std::string> seen_images_;
};

// gumbo frees with the options' deallocator: the default one, as in the parse.
struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

}  // namespace
}  // namespace html_markdown

ConvertedBody HtmlToMarkdown(std::string_view html) {
  html_markdown::CleanedSource source = html_markdown::CleanSource(html);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // never read: recording them would only cost memory
  const std::unique_ptr<GumboOutput, html_markdown::GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, source.html.data(), source.html.size()));
  html_markdown::Converter converter(*output->document);
  ConvertedBody body;
  body.markdown = converter.Markdown();
  body.removed = std::move(source.removed);
  body.image_urls = converter.TakeImages();
  return body;
}

}  // namespace broadsheet::import
