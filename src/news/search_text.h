// The text rules of site search, shared by both stores so that SQLite (FTS5) and PostgreSQL
// (tsvector) index the same words, read a reader's query the same way and highlight the same
// matches. Store-independent: the stores only render a parsed query into their own syntax.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::news {

// Longer queries are cut: a reader's search is a few words, and the limit bounds the work a
// single request can ask of the full-text index.
inline constexpr std::size_t kMaxSearchQueryBytes = 200;
// Terms past this many are dropped, for the same reason.
inline constexpr std::size_t kMaxSearchTerms = 16;
// Characters of article text a result snippet shows by default: two or three lines of a card.
inline constexpr std::size_t kSearchSnippetChars = 240;

// The words of `text` as the index stores them and queries see them, joined by single spaces.
// Lowercases ASCII and folds Latin letters to ASCII ("Café" -> "cafe", "Straße" -> "strasse",
// "Łódź" -> "lodz"). A word is a run of ASCII letters and digits and of non-ASCII characters
// other than spaces and punctuation, so Greek, Cyrillic and CJK stay searchable (unchanged).
// Every other byte separates words, including apostrophes and invalid UTF-8, which is never
// copied to the output. Returns an empty string when `text` has no words.
std::string SearchWords(std::string_view text);

// One thing a result must contain: a word, or a phrase (several words, in this order).
struct SearchTerm {
  std::vector<std::string> words;  // as SearchWords gives them; never empty in a parsed query
  bool prefix = false;             // the last word is a prefix: "brew" also matches "brewery"

  bool operator==(const SearchTerm&) const = default;
};

// A reader's query: a result must contain every term.
struct SearchQuery {
  std::vector<SearchTerm> terms;  // distinct and sorted by their normalised text
  // The terms as text (`"quay square" brew* cafe`): equal for queries that mean the same, so
  // usable as a cache key; parsing it again gives the same query. Empty when there are no terms.
  std::string normalised;
};

// Reads a search box. Only two things are syntax: text between a pair of double quotes is a
// phrase, and `*` right after a word (or a phrase's closing quote) makes it a prefix. Anything
// else, such as AND, NOT, NEAR(, -, ^, :, parentheses or SQL, is folded into plain words by
// SearchWords; an unpaired quote and a lone `*` are ignored. Only the first
// kMaxSearchQueryBytes of `raw` are read (cut at a UTF-8 boundary) and at most kMaxSearchTerms
// distinct terms kept. Never fails: a query without words has no terms.
SearchQuery ParseSearchQuery(std::string_view raw);

// The query as an SQLite FTS5 MATCH expression in which every word is a quoted string:
// `"quay square" AND "brew" * AND "cafe"`. Empty when the query has no terms (match nothing).
std::string Fts5MatchExpression(const SearchQuery& query);

// The query as the text of PostgreSQL's to_tsquery('simple', ...), every word a quoted lexeme:
// `('quay' <-> 'square') & ('brew':*) & ('cafe')`. Empty when the query has no terms.
std::string TsQueryText(const SearchQuery& query);

// An HTML snippet of `plain_text` for a result: at most `max_chars` characters of the original
// text around the first word the query matches, everything HTML-escaped, each matched word in
// <mark>...</mark>. Words match on their SearchWords form, so `cafe` marks "Café"; a prefix term
// marks words starting with it, and a phrase's words are marked one by one. "…" shows where text
// was left out at either end. Without a match, the start of the text. Cuts only between
// characters (between words when it can); invalid UTF-8 in the text shows as U+FFFD.
std::string HighlightedSnippet(std::string_view plain_text, const SearchQuery& query,
                               std::size_t max_chars = kSearchSnippetChars);

}  // namespace broadsheet::news
