#include "news/search_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace broadsheet::news {
namespace {

// Strict UTF-8 check, written independently of the decoder under test.
bool IsValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t size = 1;
    char32_t value = lead;
    if (lead >= 0x80) {
      if (lead >= 0xc2 && lead <= 0xdf) {
        size = 2;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        size = 3;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        size = 4;
      } else {
        return false;
      }
      if (i + size > text.size()) return false;
      value = lead & (0xff >> (size + 1));
      for (std::size_t k = 1; k < size; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xc0) != 0x80) return false;
        value = (value << 6) | (next & 0x3f);
      }
      if ((size == 3 && value < 0x800) || (size == 4 && value < 0x10000)) return false;
      if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return false;
    }
    i += size;
  }
  return true;
}

std::vector<std::string> Normalised(const SearchQuery& query) {
  std::vector<std::string> terms;
  for (const SearchTerm& term : query.terms) {
    std::string text;
    for (const std::string& word : term.words) text += (text.empty() ? "" : "+") + word;
    terms.push_back(text + (term.prefix ? "*" : ""));
  }
  return terms;
}

using Terms = std::vector<std::string>;

TEST(SearchTextWords, LowercasesAndFoldsLatinLetters) {
  EXPECT_EQ(SearchWords("Café"), "cafe");
  EXPECT_EQ(SearchWords("Straße"), "strasse");
  EXPECT_EQ(SearchWords("Ærø Øresund Łódź Œuvre"), "aero oresund lodz oeuvre");
  EXPECT_EQ(SearchWords("ÀÉÎÕÜ àéîõüÿ Ñandú Ĳssel"), "aeiou aeiouy nandu ijssel");
  EXPECT_EQ(SearchWords("Þór Čapek Żółć"), "thor capek zolc");
}

TEST(SearchTextWords, SplitsOnPunctuationSpacesAndApostrophes) {
  EXPECT_EQ(SearchWords("The council's plan—approved (2024)!"), "the council s plan approved 2024");
  EXPECT_EQ(SearchWords("no\u00a0break\u2026ellipsis \u00abquoted\u00bb"),
            "no break ellipsis quoted");
  EXPECT_EQ(SearchWords("東京\u3001大阪\u3002「京都」"), "東京 大阪 京都");
  EXPECT_EQ(SearchWords("  a--b__c  "), "a b c");
  EXPECT_EQ(SearchWords(""), "");
  EXPECT_EQ(SearchWords(" ,.;'\"* "), "");
}

TEST(SearchTextWords, KeepsOtherScriptsSearchable) {
  EXPECT_EQ(SearchWords("Αθήνα и Москва, 東京タワー news"), "Αθήνα и Москва 東京タワー news");
  EXPECT_EQ(SearchWords("Café東京"), "cafe東京");
  EXPECT_EQ(SearchWords("emoji 🎉 party"), "emoji 🎉 party");
}

TEST(SearchTextWords, InvalidUtf8SeparatesAndNeverReachesTheOutput) {
  EXPECT_EQ(SearchWords("ab\xff"
                        "cd"),
            "ab cd");
  EXPECT_EQ(SearchWords("caf\xc3"), "caf");
  EXPECT_EQ(SearchWords("\xc0\xafslash"), "slash");         // overlong '/'
  EXPECT_EQ(SearchWords("a\xed\xa0\x80z"), "a z");          // a lone surrogate
  EXPECT_EQ(SearchWords("x\xe6\x97y"), "x y");              // a cut-off sequence
  EXPECT_EQ(SearchWords("\xf4\x90\x80\x80 past"), "past");  // past U+10FFFF
  // Every byte pair and a pseudo-random mix: no crash, only valid UTF-8 comes out.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string text{static_cast<char>(a), static_cast<char>(b), 'q'};
      ASSERT_TRUE(IsValidUtf8(SearchWords(text))) << a << ' ' << b;
    }
  }
  std::uint32_t seed = 42;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = 0; k < 24; ++k) {
      seed = seed * 1664525u + 1013904223u;
      text.push_back(static_cast<char>(seed >> 24));
    }
    ASSERT_TRUE(IsValidUtf8(SearchWords(text)));
  }
}

TEST(SearchTextQuery, ParsesWordsPhrasesAndPrefixes) {
  const SearchQuery query = ParseSearchQuery("\"Quay Square\" brew* Café");
  EXPECT_EQ(Normalised(query), (Terms{"quay+square", "brew*", "cafe"}));
  EXPECT_EQ(query.normalised, "\"quay square\" brew* cafe");
  EXPECT_EQ(Normalised(ParseSearchQuery("flood warning")), (Terms{"flood", "warning"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("\"quay squ\"* x")), (Terms{"quay+squ*", "x"}));
  EXPECT_EQ(ParseSearchQuery("\"quay squ\"*").normalised, "\"quay squ\"*");
  EXPECT_EQ(Normalised(ParseSearchQuery("\"cafe\" brew *")), (Terms{"brew", "cafe"}));
}

TEST(SearchTextQuery, QueriesThatMeanTheSameAreNormalisedAlike) {
  const std::string expected = "\"quay square\" brew* cafe";
  EXPECT_EQ(ParseSearchQuery("cafe  \"quay square\"   BREW*").normalised, expected);
  EXPECT_EQ(ParseSearchQuery("brew* Café \"Quay, Square\" \"cafe\" cafe").normalised, expected);
  EXPECT_EQ(ParseSearchQuery(expected).normalised, expected);
  for (const char* raw : {"a \"b c\" \"d", "NEAR(x y) -z", "\"one\"* two* \"three four\""}) {
    const std::string once = ParseSearchQuery(raw).normalised;
    EXPECT_EQ(ParseSearchQuery(once).normalised, once) << raw;
  }
}

TEST(SearchTextQuery, HostileSyntaxIsJustWords) {
  EXPECT_TRUE(ParseSearchQuery("\"").terms.empty());
  EXPECT_TRUE(ParseSearchQuery("*").terms.empty());
  EXPECT_TRUE(ParseSearchQuery("\"\" ** \" ").terms.empty());
  EXPECT_EQ(ParseSearchQuery("*").normalised, "");
  EXPECT_EQ(Normalised(ParseSearchQuery("NEAR(")), (Terms{"near"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("NEAR(a b, 2)")), (Terms{"2", "a", "b", "near"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("AND OR NOT")), (Terms{"and", "not", "or"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("-foo")), (Terms{"foo"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("'; DROP TABLE articles; --")),
            (Terms{"articles", "drop", "table"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("<script>alert(1)</script>")),
            (Terms{"1", "alert", "script"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("title:cafe^2 {x} @y")),
            (Terms{"2", "cafe", "title", "x", "y"}));
  // An unpaired quote is ignored; the pair before it still makes a phrase.
  EXPECT_EQ(Normalised(ParseSearchQuery("\"unpaired cafe")), (Terms{"cafe", "unpaired"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("a \"b c\" \"d")), (Terms{"b+c", "a", "d"}));
}

TEST(SearchTextQuery, KeepsAtMostSixteenDistinctTerms) {
  std::string raw = "dup dup dup";
  for (int k = 1; k <= 20; ++k) raw += " w" + std::to_string(100 + k);
  const SearchQuery query = ParseSearchQuery(raw);
  ASSERT_EQ(query.terms.size(), kMaxSearchTerms);
  EXPECT_EQ(query.terms.front().words, (std::vector<std::string>{"dup"}));
  EXPECT_EQ(query.terms.back().words, (std::vector<std::string>{"w115"}));
}

TEST(SearchTextQuery, ReadsOnlyTheFirst200BytesCutAtACharacter) {
  // Byte 200 is the second byte of "é": the cut falls before it, not inside it.
  const std::string split = std::string(198, 'a') + " é";
  ASSERT_EQ(split.size(), kMaxSearchQueryBytes + 1);
  EXPECT_EQ(Normalised(ParseSearchQuery(split)), (Terms{std::string(198, 'a')}));
  const std::string whole = std::string(197, 'a') + " é";
  ASSERT_EQ(whole.size(), kMaxSearchQueryBytes);
  EXPECT_EQ(Normalised(ParseSearchQuery(whole)), (Terms{std::string(197, 'a'), "e"}));
  EXPECT_EQ(Normalised(ParseSearchQuery("cafe " + std::string(300, ' ') + "tea")), (Terms{"cafe"}));
  const SearchQuery cjk =
      ParseSearchQuery(std::string(130, ' ') + "東京東京東京東京東京東京東京東京東京東京東京東京");
  ASSERT_EQ(cjk.terms.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(cjk.terms[0].words[0]));
  EXPECT_EQ(cjk.terms[0].words[0].size(), 69u);  // 23 of the 24 three-byte characters
}

TEST(SearchTextRender, Fts5MatchQuotesEveryWord) {
  EXPECT_EQ(Fts5MatchExpression(ParseSearchQuery("\"Quay Square\" brew* Café")),
            "\"quay square\" AND \"brew\" * AND \"cafe\"");
  EXPECT_EQ(Fts5MatchExpression(ParseSearchQuery("\"quay squ\"*")), "\"quay squ\" *");
  EXPECT_EQ(Fts5MatchExpression(ParseSearchQuery("NEAR( AND OR")),
            "\"and\" AND \"near\" AND \"or\"");
  EXPECT_EQ(Fts5MatchExpression(ParseSearchQuery("\"*")), "");
  EXPECT_EQ(Fts5MatchExpression(SearchQuery{{{{"a\"b"}, false}}, ""}), "\"a\"\"b\"");
}

TEST(SearchTextRender, TsQueryQuotesEveryLexeme) {
  EXPECT_EQ(TsQueryText(ParseSearchQuery("\"Quay Square\" brew* Café")),
            "('quay' <-> 'square') & ('brew':*) & ('cafe')");
  EXPECT_EQ(TsQueryText(ParseSearchQuery("\"quay squ\"*")), "('quay' <-> 'squ':*)");
  EXPECT_EQ(TsQueryText(ParseSearchQuery("'; DROP TABLE x; --")), "('drop') & ('table') & ('x')");
  EXPECT_EQ(TsQueryText(ParseSearchQuery("  ")), "");
  EXPECT_EQ(TsQueryText(SearchQuery{{{{"o'k\\", "b"}, true}}, ""}), "('o''k\\\\' <-> 'b':*)");
}

TEST(SearchTextSnippet, MarksFoldedMatchesInTheOriginalText) {
  EXPECT_EQ(HighlightedSnippet("Best Café in town", ParseSearchQuery("cafe")),
            "Best <mark>Café</mark> in town");
  EXPECT_EQ(HighlightedSnippet("Brewers brew brewing beer", ParseSearchQuery("brew*")),
            "<mark>Brewers</mark> <mark>brew</mark> <mark>brewing</mark> beer");
  EXPECT_EQ(HighlightedSnippet("Quay Square, the quay", ParseSearchQuery("\"quay square\"")),
            "<mark>Quay</mark> <mark>Square</mark>, the <mark>quay</mark>");
}

TEST(SearchTextSnippet, EscapesEverythingFromTheSource) {
  EXPECT_EQ(HighlightedSnippet("Use <b>bold</b> & \"quotes\" at the café's door",
                               ParseSearchQuery("bold")),
            "Use &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; &quot;quotes&quot; at the "
            "café&#39;s door");
  EXPECT_EQ(HighlightedSnippet("<script>alert('x')</script>", ParseSearchQuery("script")),
            "&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt;");
  EXPECT_EQ(HighlightedSnippet("bad \xff byte", ParseSearchQuery("byte")),
            "bad \uFFFD <mark>byte</mark>");
}

TEST(SearchTextSnippet, WindowsAroundTheFirstMatchWithEllipses) {
  const std::string text =
      "alpha beta gamma delta epsilon zeta eta theta Café iota kappa lambda mu nu xi omicron pi";
  EXPECT_EQ(HighlightedSnippet(text, ParseSearchQuery("cafe"), 40),
            "…eta theta <mark>Café</mark> iota kappa lambda mu nu…");
  // Near the end of the text the window moves back to use its whole size.
  EXPECT_EQ(HighlightedSnippet(text, ParseSearchQuery("omicron"), 30),
            "…lambda mu nu xi <mark>omicron</mark> pi");
  // Near the start there is nothing to leave out before the match.
  EXPECT_EQ(HighlightedSnippet(text, ParseSearchQuery("beta"), 20),
            "alpha <mark>beta</mark> gamma…");
}

TEST(SearchTextSnippet, WithoutAMatchShowsTheStart) {
  const std::string text = "One two three four five six seven eight nine ten";
  EXPECT_EQ(HighlightedSnippet(text, ParseSearchQuery("zebra"), 20), "One two three four…");
  EXPECT_EQ(HighlightedSnippet(text, ParseSearchQuery("")), text);
  EXPECT_EQ(HighlightedSnippet("", ParseSearchQuery("x")), "");
}

TEST(SearchTextSnippet, NeverCutsInsideACharacter) {
  std::string text;
  for (int k = 0; k < 300; ++k) text += "é";
  const std::string snippet = HighlightedSnippet(text, ParseSearchQuery("x"), 10);
  EXPECT_EQ(snippet, "éééééééééé…");
  for (std::size_t chars = 1; chars < 40; ++chars) {
    const std::string mixed =
        HighlightedSnippet("Ærø 東京タワー Łódź 🎉 ça va", ParseSearchQuery("lodz"), chars);
    EXPECT_TRUE(IsValidUtf8(mixed)) << chars;
  }
}

}  // namespace
}  // namespace broadsheet::news
