#include "news/search_text.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "news/latin_fold.h"

namespace broadsheet::news {
namespace {

constexpr char32_t kInvalid = 0x110000;  // one past the last code point
constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kBlank = " \t\r\n";

// One decoded UTF-8 sequence, or a single byte that starts none (value kInvalid).
struct CodePoint {
  char32_t value;
  std::size_t size;
};

// Strict: overlong forms, surrogates and values past U+10FFFF are invalid, so a word that copies
// decoded sequences is always well-formed UTF-8.
CodePoint DecodeAt(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  const std::size_t size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (lead < 0xc2 || lead > 0xf4 || text.size() - pos < size) return {kInvalid, 1};
  char32_t value = lead & (0x7f >> size);
  for (std::size_t k = 1; k < size; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if ((next & 0xc0) != 0x80) return {kInvalid, 1};
    value = (value << 6) | (next & 0x3f);
  }
  const char32_t smallest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
  const bool surrogate = value >= 0xd800 && value <= 0xdfff;
  if (value < smallest || value > 0x10ffff || surrogate) return {kInvalid, 1};
  return {value, size};
}

// Non-ASCII characters that separate words like ASCII punctuation does. Beyond the general
// punctuation and CJK punctuation blocks, Latin-1's signs (« » ¿ · and the no-break space) and
// the full-width punctuation of East Asian text, so that «word» and 「word」 find "word".
bool IsSeparator(char32_t c) {
  struct Range {
    char32_t first;
    char32_t last;
  };
  static constexpr Range kSeparators[] = {
      {0x0080, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x2000, 0x206F},
      {0x2E00, 0x2E7F}, {0x3000, 0x303F}, {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F},
      {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
  };
  return std::any_of(std::begin(kSeparators), std::end(kSeparators),
                     [c](const Range& range) { return c >= range.first && c <= range.last; });
}

// Appends the search form of one character (original bytes `bytes`) to `word` and returns
// true, or returns false when the character separates words.
bool AppendWordChar(CodePoint c, std::string_view bytes, std::string& word) {
  if (c.value < 0x80) {
    const char ascii = static_cast<char>(c.value);
    if (ascii >= 'A' && ascii <= 'Z') {
      word.push_back(static_cast<char>(ascii - 'A' + 'a'));
    } else if ((ascii >= 'a' && ascii <= 'z') || (ascii >= '0' && ascii <= '9')) {
      word.push_back(ascii);
    } else {
      return false;
    }
    return true;
  }
  if (c.value == kInvalid || IsSeparator(c.value)) return false;
  const std::string_view folded = FoldLatinLetter(c.value);
  word.append(folded.empty() ? bytes : folded);
  return true;
}

// Calls on_word(begin, end, word) for each word of `text` in order, where [begin, end) are the
// word's original bytes and `word` its SearchWords form (valid only during the call).
template <typename OnWord>
void ForEachWord(std::string_view text, OnWord on_word) {
  std::string word;
  std::size_t begin = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const CodePoint c = DecodeAt(text, pos);
    const bool starting = word.empty();
    if (AppendWordChar(c, text.substr(pos, c.size), word)) {
      if (starting) begin = pos;
    } else if (!starting) {
      on_word(begin, pos, std::string_view(word));
      word.clear();
    }
    pos += c.size;
  }
  if (!word.empty()) on_word(begin, text.size(), std::string_view(word));
}

// The longest start of `text` within `max_bytes` that does not end inside a UTF-8 sequence.
std::string_view CutAtCharBoundary(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // A sequence has at most three continuation bytes; stray ones further back are just garbage.
  while (end > 0 && max_bytes - end < 3 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

std::string JoinWords(const std::vector<std::string>& words, std::string_view separator) {
  std::string joined;
  for (const std::string& word : words) {
    if (!joined.empty()) joined += separator;
    joined += word;
  }
  return joined;
}

// A term as the query syntax writes it: `cafe`, `brew*`, `"quay square"`, `"quay squ"*`.
std::string NormalisedTerm(const SearchTerm& term) {
  std::string text = JoinWords(term.words, " ");
  if (term.words.size() > 1) text = '"' + text + '"';
  if (term.prefix) text += '*';
  return text;
}

// `text` between two `quote`s, with every character of `doubled` inside it doubled.
std::string Quoted(std::string_view text, char quote, std::string_view doubled) {
  std::string out(1, quote);
  for (const char c : text) {
    if (doubled.find(c) != std::string_view::npos) out += c;
    out += c;
  }
  out += quote;
  return out;
}

// Appends `text` HTML-escaped; bytes that are not valid UTF-8 become U+FFFD.
void AppendEscaped(std::string& out, std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const CodePoint c = DecodeAt(text, pos);
    switch (c.value) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case kInvalid:
        out += kReplacement;
        break;
      default:
        out += text.substr(pos, c.size);
    }
    pos += c.size;
  }
}

// True when the query marks `word` (a SearchWords form) in a snippet.
bool Matches(const SearchQuery& query, std::string_view word) {
  for (const SearchTerm& term : query.terms) {
    for (std::size_t k = 0; k < term.words.size(); ++k) {
      const bool prefix = term.prefix && k + 1 == term.words.size();
      if (prefix ? word.starts_with(term.words[k]) : word == term.words[k]) return true;
    }
  }
  return false;
}

// Characters in [begin, end) of `text`; an invalid byte counts as one, as it shows as U+FFFD.
std::size_t CountChars(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t count = 0;
  for (; begin < end; ++count) begin += DecodeAt(text, begin).size;
  return count;
}

// The byte position `count` characters after `pos`, or the end of `text`.
std::size_t AdvanceChars(std::string_view text, std::size_t pos, std::size_t count) {
  for (; count > 0 && pos < text.size(); --count) pos += DecodeAt(text, pos).size;
  return pos;
}

struct SnippetWord {
  std::size_t begin;
  std::size_t end;
  bool marked;
};

struct Window {
  std::size_t begin;
  std::size_t end;
};

// Where a window of `max_chars` characters starts so that `match` has context before it:
// a third of the window, or more when the text ends soon after the match. Starts at a word.
std::size_t WindowStart(std::string_view text, const std::vector<SnippetWord>& words,
                        std::vector<SnippetWord>::const_iterator match, std::size_t max_chars) {
  const std::size_t after =
      CountChars(text, match->begin, AdvanceChars(text, match->begin, max_chars));
  const std::size_t before = std::max(max_chars / 3, max_chars - after);
  auto first = match;
  while (first != words.begin() &&
         CountChars(text, std::prev(first)->begin, match->begin) <= before) {
    --first;
  }
  if (first == words.begin() && CountChars(text, 0, match->begin) <= before) return 0;
  return first->begin;
}

// The part of `text` a snippet shows: around the first marked word, or from the start.
Window ChooseWindow(std::string_view text, const std::vector<SnippetWord>& words,
                    std::size_t max_chars) {
  const auto match =
      std::find_if(words.begin(), words.end(), [](const SnippetWord& w) { return w.marked; });
  const std::size_t begin = match == words.end() ? 0 : WindowStart(text, words, match, max_chars);
  // The word that must not be cut away: the match, or else the first word.
  const std::size_t keep = match != words.end() ? match->begin
                           : words.empty()      ? begin
                                                : words.front().begin;
  std::size_t end = AdvanceChars(text, begin, max_chars);
  // End between words rather than inside one, unless that would lose the match or everything.
  for (const SnippetWord& word : words) {
    if (word.begin < end && end < word.end && word.begin > keep) end = word.begin;
  }
  while (end > begin && kBlank.find(text[end - 1]) != std::string_view::npos) --end;
  return {begin, end};
}

}  // namespace

std::string SearchWords(std::string_view text) {
  std::string words;
  ForEachWord(text, [&](std::size_t, std::size_t, std::string_view word) {
    if (!words.empty()) words += ' ';
    words += word;
  });
  return words;
}

SearchQuery ParseSearchQuery(std::string_view raw) {
  raw = CutAtCharBoundary(raw, kMaxSearchQueryBytes);
  std::vector<SearchTerm> terms;
  auto add = [&](SearchTerm term) {
    if (term.words.empty() || terms.size() == kMaxSearchTerms) return;
    if (std::find(terms.begin(), terms.end(), term) == terms.end())
      terms.push_back(std::move(term));
  };
  auto add_words = [&](std::string_view text) {
    ForEachWord(text, [&](std::size_t, std::size_t end, std::string_view word) {
      add({{std::string(word)}, end < text.size() && text[end] == '*'});
    });
  };
  std::size_t pos = 0;
  for (;;) {
    const std::size_t open = raw.find('"', pos);
    const std::size_t close = open == raw.npos ? raw.npos : raw.find('"', open + 1);
    if (close == raw.npos) break;  // an unpaired quote stays in the free text, a separator
    add_words(raw.substr(pos, open - pos));
    SearchTerm phrase;
    ForEachWord(
        raw.substr(open + 1, close - open - 1),
        [&](std::size_t, std::size_t, std::string_view word) { phrase.words.emplace_back(word); });
    phrase.prefix = close + 1 < raw.size() && raw[close + 1] == '*';
    add(std::move(phrase));
    pos = close + 1;
  }
  add_words(raw.substr(pos));

  // AND does not depend on order: sorting makes equal queries equal text.
  std::vector<std::pair<std::string, SearchTerm>> sorted;
  for (SearchTerm& term : terms) sorted.emplace_back(NormalisedTerm(term), std::move(term));
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  SearchQuery query;
  for (auto& [text, term] : sorted) {
    if (!query.normalised.empty()) query.normalised += ' ';
    query.normalised += text;
    query.terms.push_back(std::move(term));
  }
  return query;
}

std::string Fts5MatchExpression(const SearchQuery& query) {
  std::string match;
  for (const SearchTerm& term : query.terms) {
    if (!match.empty()) match += " AND ";
    match += Quoted(JoinWords(term.words, " "), '"', "\"");
    if (term.prefix) match += " *";
  }
  return match;
}

std::string TsQueryText(const SearchQuery& query) {
  std::string text;
  for (const SearchTerm& term : query.terms) {
    if (!text.empty()) text += " & ";
    text += '(';
    for (std::size_t k = 0; k < term.words.size(); ++k) {
      if (k > 0) text += " <-> ";
      text += Quoted(term.words[k], '\'', "'\\");
    }
    if (term.prefix) text += ":*";
    text += ')';
  }
  return text;
}

std::string HighlightedSnippet(std::string_view plain_text, const SearchQuery& query,
                               std::size_t max_chars) {
  if (max_chars == 0) return {};
  std::vector<SnippetWord> words;
  ForEachWord(plain_text, [&](std::size_t begin, std::size_t end, std::string_view word) {
    words.push_back({begin, end, Matches(query, word)});
  });
  const Window window = ChooseWindow(plain_text, words, max_chars);

  std::string html;
  if (plain_text.find_first_not_of(kBlank) < window.begin) html += kEllipsis;
  std::size_t pos = window.begin;
  for (const SnippetWord& word : words) {
    if (word.begin >= window.end) break;
    if (!word.marked || word.end <= window.begin) continue;
    const std::size_t end = std::min(word.end, window.end);
    AppendEscaped(html, plain_text.substr(pos, word.begin - pos));
    html += "<mark>";
    AppendEscaped(html, plain_text.substr(word.begin, end - word.begin));
    html += "</mark>";
    pos = end;
  }
  AppendEscaped(html, plain_text.substr(pos, window.end - pos));
  if (plain_text.find_first_not_of(kBlank, window.end) != std::string_view::npos) html += kEllipsis;
  return html;
}

}  // namespace broadsheet::news
